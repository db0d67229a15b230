// receive: every frame that parses becomes one chunk in this channel, pushed as this producer
// with the origin's identity (producer record, incarnation, sequence) and checksums untouched
// and the relayed flag set (docs/PROTOCOL.md, kMsgRelayed), so the far consumer tallies and
// verifies each message as its producer sent it. Back-pressure is this channel's: block waits
// (and the sender's queue fills), drop-newest drops a message at its first chunk (counted).
#include "bridge.hpp"
#include "frame.hpp"
#include "link.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/wait.hpp"

#include <array>
#include <sched.h>
#include <unistd.h>
#include <unordered_map>

namespace shmscope::bridge {
namespace {

// Rejected frames are described one line each up to this many; later ones are only counted.
constexpr std::uint64_t kRejectLines = 10;

// The origin producer's message this bridge has begun to publish, or is skipping.
struct OpenMessage {
    bool open = false;     // chunks of it are in the ring, its last is not
    bool skipping = false; // drop-newest refused its first chunk: the rest is dropped too
    std::uint64_t stream = 0;
    MessageHeader header{}; // its last chunk published (identity and geometry)
};

class Republisher {
public:
    Republisher(BridgeContext& context, RingProducer& producer, BridgeSummary& summary)
        : context_(context), producer_(producer), summary_(summary) {}

    // Publishes one chunk; false when the stop flag ended a wait.
    Result<bool> publish(const ChunkFrame& chunk);
    // Ends every partial message (of `stream`, or of every stream when 0) with an abandon marker.
    void abandonOpen(std::uint64_t stream);
    [[nodiscard]] const OriginTallies& tallies() const { return tallies_; }

private:
    void abandon(OpenMessage& origin);
    Result<PushStatus> push(OutgoingMessage& message, bool first);
    void finished(const MessageHeader& header);

    BridgeContext& context_;
    RingProducer& producer_;
    BridgeSummary& summary_;
    std::array<OpenMessage, kMaxRecords> open_{};
    OriginTallies tallies_;
};

bool sameMessage(const MessageHeader& a, const MessageHeader& b) {
    return a.incarnation == b.incarnation && a.sequence == b.sequence;
}

Result<bool> Republisher::publish(const ChunkFrame& chunk) {
    MessageHeader header = chunk.header;
    OpenMessage& origin = open_[header.producer_record];
    if (origin.skipping) {
        if (sameMessage(origin.header, header)) {
            if ((header.flags & (kMsgLastChunk | kMsgAbandoned)) != 0)
                origin = {};
            return true;
        }
        origin = {};
    }
    if (origin.open && (origin.stream != chunk.prefix.stream || !sameMessage(origin.header, header)))
        abandon(origin); // its sender went away mid-message, or the message was cut off there
    header.flags |= kMsgRelayed;
    OutgoingMessage message{header, chunk.payload};
    const bool first = header.chunk_index == 0 || (header.flags & kMsgAbandoned) != 0;
    Result<PushStatus> pushed = push(message, first);
    if (!pushed)
        return pushed.error();
    if (*pushed == PushStatus::Stopped)
        return false;
    ++summary_.frames;
    if (*pushed == PushStatus::Dropped) { // at the first chunk: the ring counted the drop
        if (header.chunk_count > 1)
            origin = OpenMessage{false, true, chunk.prefix.stream, header};
        return true;
    }
    if ((header.flags & kMsgAbandoned) != 0) {
        origin = {};
    } else if ((header.flags & kMsgLastChunk) != 0) {
        origin = {};
        finished(header);
    } else {
        origin = OpenMessage{true, false, chunk.prefix.stream, header};
    }
    return true;
}

Result<PushStatus> Republisher::push(OutgoingMessage& message, bool first) {
    for (;;) {
        Result<PushStatus> pushed = producer_.push(message);
        if (!pushed || *pushed != PushStatus::Dropped || first)
            return pushed;
        // A later chunk of a message already begun waits for space, as shmscope-worker does:
        // the message is not dropped, so this is no drop.
        context_.stats.add(Counter::Drops, ~std::uint64_t{0}); // wraps: minus one
        if (context_.stop.load(std::memory_order_relaxed))
            return PushStatus::Stopped;
        sched_yield();
    }
}

void Republisher::finished(const MessageHeader& header) {
    ++summary_.messages;
    summary_.bytes += header.total_length;
    tallies_.find(header.producer_record, header.incarnation).add(header.sequence);
    context_.stats.add(Counter::Messages);
    context_.stats.add(Counter::Bytes, header.total_length);
}

void Republisher::abandonOpen(std::uint64_t stream) {
    for (OpenMessage& origin : open_) {
        if (origin.open && (stream == 0 || origin.stream == stream))
            abandon(origin);
    }
}

void Republisher::abandon(OpenMessage& origin) {
    // Best effort: under a stop the push takes a free slot now or returns at once; the far
    // consumer otherwise drops the partial message when the origin's next message begins.
    OutgoingMessage marker;
    marker.header = origin.header;
    marker.header.chunk_index = origin.header.chunk_index + 1;
    marker.header.payload_length = 0;
    marker.header.flags = kMsgAbandoned | kMsgRelayed;
    marker.header.chunk_checksum = 0;
    marker.header.message_checksum = 0;
    Result<PushStatus> pushed = producer_.push(marker);
    if (pushed && *pushed == PushStatus::Dropped)
        context_.stats.add(Counter::Drops, ~std::uint64_t{0}); // not a drop: a marker
    ++summary_.abandoned;
    origin = {};
}

// Says in one line when a sender goes away and when one is back; counts frames that do not parse
// and, under broadcast, frames missing from a sender's numbering.
class Inbox {
public:
    Inbox(const Report& report, BridgeSummary& summary, bool broadcast)
        : report_(report), summary_(summary), broadcast_(broadcast) {}

    void onEvent(LinkEvent event, const std::string& peer) {
        if (event == LinkEvent::Disconnected) {
            ++summary_.disconnects;
            report_.notice("connection with sender " + peer +
                           " lost (closed, broken or heartbeats missed); waiting for it to come "
                           "back");
        } else {
            report_.connected(peer);
            if (summary_.disconnects > 0)
                report_.notice("connected again with sender " + peer);
        }
    }

    void rejected(const std::string& why) {
        ++summary_.rejected;
        if (summary_.rejected <= kRejectLines)
            report_.notice("rejected frame: " + why +
                           (summary_.rejected == kRejectLines ? " (further ones are only counted)"
                                                              : ""));
    }

    // PUB/SUB delivers every frame to every subscriber or drops it: a jump is a loss.
    void numbered(const FramePrefix& prefix) {
        auto [it, inserted] = expected_.try_emplace(prefix.stream, prefix.link_sequence);
        if (broadcast_ && !inserted && prefix.link_sequence > it->second)
            summary_.lost += prefix.link_sequence - it->second;
        if (prefix.link_sequence >= it->second)
            it->second = prefix.link_sequence + 1;
    }

private:
    const Report& report_;
    BridgeSummary& summary_;
    bool broadcast_;
    std::unordered_map<std::uint64_t, std::uint64_t> expected_; // next link_sequence per stream
};

} // namespace

int runReceive(BridgeContext& context, RingProducer& producer) {
    Channel& channel = context.channel;
    RecordWriter& stats = context.stats;
    const std::uint64_t slotBytes = channel.params().slotPayloadBytes;
    const bool broadcast = broadcastPattern(context.options, channel.params());
    Result<std::unique_ptr<Link>> opened = Link::open(LinkRole::Receiver, broadcast,
                                                      context.options,
                                                      kChunkFrameHeaderBytes + slotBytes);
    if (!opened)
        return cli::reportError(kProgram, opened.error());
    Link& link = **opened;

    BridgeSummary summary;
    summary.direction = Direction::Receive;
    summary.endpoint = link.endpoint();
    Inbox inbox(context.report, summary, broadcast);
    link.onEvent([&inbox](LinkEvent event, const std::string& peer) { inbox.onEvent(event, peer); });
    Republisher republisher(context, producer, summary);
    context.report.ready(static_cast<std::uint32_t>(getpid()), Direction::Receive,
                         channel.name(), channel.recordIndex(), link.endpoint());

    std::uint64_t firstNs = 0, lastNs = 0;
    stats.setActivity(Activity::Running);
    while (!context.stop.load(std::memory_order_relaxed)) {
        Result<std::optional<std::span<const std::byte>>> received = link.receive(Link::kPollMs);
        if (!received)
            return cli::reportError(kProgram, received.error());
        const std::uint64_t now = monotonicNs();
        if (!*received) {
            link.pollEvents();
            stats.tick(now);
            continue;
        }
        ParsedFrame parsed = parseFrame(**received, slotBytes);
        if (const BadFrame* bad = std::get_if<BadFrame>(&parsed)) {
            inbox.rejected(bad->why);
            continue;
        }
        if (const EndFrame* end = std::get_if<EndFrame>(&parsed)) {
            inbox.numbered(end->prefix);
            republisher.abandonOpen(end->prefix.stream);
            if (context.options.exitOnEnd)
                break;
            continue;
        }
        const ChunkFrame& chunk = std::get<ChunkFrame>(parsed);
        inbox.numbered(chunk.prefix);
        Result<bool> published = republisher.publish(chunk);
        if (!published)
            return cli::reportError(kProgram, published.error());
        if (!*published)
            break;
        if (firstNs == 0)
            firstNs = now;
        lastNs = now;
        stats.tick(now);
    }

    stats.setActivity(Activity::Exiting);
    republisher.abandonOpen(0);
    link.pollEvents();
    // After the last message: consumers waiting for their producers to finish may end.
    channel.record(channel.recordIndex()).closed.store(1, std::memory_order_release);
    stats.flush(monotonicNs());
    summary.drops = stats.get(Counter::Drops);
    summary.seconds = lastNs > firstNs ? static_cast<double>(lastNs - firstNs) / 1e9 : 0.0;
    summary.producers = republisher.tallies().sorted();
    context.report.summary(summary, channel.name());
    return 0;
}

} // namespace shmscope::bridge
