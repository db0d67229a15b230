// send: every chunk the channel delivers to this consumer goes out as one frame (frame.hpp),
// header and payload as they were in the slot, so that sequence numbers, producer identity and
// checksums reach the far consumer untouched. Back-pressure: a PUSH socket that cannot take a
// frame (no receiver, or its queue full) stops this consumer, so the channel's own policy
// applies to its producers; a PUB socket drops what a slow subscriber cannot take.
#include "bridge.hpp"
#include "frame.hpp"
#include "link.hpp"
#include "shmscope/cli/channel_table.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/wait.hpp"

#include <cstdlib>
#include <memory>
#include <random>
#include <unistd.h>

namespace shmscope::bridge {
namespace {

constexpr std::uint64_t kPopWaitNs = kWaitSliceNs;
// How long closing waits for the end frame (and what is queued before it) to leave.
constexpr int kEndLingerMs = 5000;
// Monitor events are read every this many frames, and whenever the channel is idle.
constexpr std::uint32_t kEventsEvery = 256;
// The frame buffer starts this far into its allocation so that the payload, 96 bytes into the
// frame, lands on a 64-byte boundary like the slot it is copied from.
constexpr std::size_t kFrameOffset = 32;

struct FreeBuffer {
    void operator()(std::byte* bytes) const { std::free(bytes); } // NOLINT: aligned_alloc
};

std::uint64_t newStreamId() {
    std::random_device device;
    const std::uint64_t random = (std::uint64_t{device()} << 32) ^ device();
    return (random ^ monotonicNs() ^ static_cast<std::uint64_t>(getpid())) | 1; // never 0
}

// Says in one line when a receiver goes away and when one is back.
class ConnectionLog {
public:
    ConnectionLog(const Report& report, BridgeSummary& summary)
        : report_(report), summary_(summary) {}

    void onEvent(LinkEvent event, const std::string& peer) {
        if (event == LinkEvent::Disconnected) {
            ++summary_.disconnects;
            lost_ = true;
            report_.notice("connection to receiver " + peer +
                           " lost (closed, broken or heartbeats missed); reconnecting; " +
                           std::to_string(framesOnConnection_) +
                           " frames were sent since it came up, those still queued for it are "
                           "lost (the far consumer counts them as gaps)");
            framesOnConnection_ = 0;
        } else {
            report_.connected(peer);
            if (lost_)
                report_.notice("connected again to receiver " + peer);
            lost_ = false;
        }
    }
    void frameSent() { ++framesOnConnection_; }

private:
    const Report& report_;
    BridgeSummary& summary_;
    std::uint64_t framesOnConnection_ = 0;
    bool lost_ = false;
};

} // namespace

bool broadcastPattern(const BridgeOptions& options, const ChannelParams& params) {
    if (options.pattern != Pattern::Auto)
        return options.pattern == Pattern::Broadcast;
    return params.delivery == Delivery::Broadcast;
}

int runSend(BridgeContext& context, RingConsumer& consumer) {
    Channel& channel = context.channel;
    RecordWriter& stats = context.stats;
    const std::uint64_t slotBytes = channel.params().slotPayloadBytes;
    const std::uint64_t frameBytes = kChunkFrameHeaderBytes + slotBytes;
    Result<std::unique_ptr<Link>> opened = Link::open(
        LinkRole::Sender, broadcastPattern(context.options, channel.params()), context.options,
        frameBytes);
    if (!opened)
        return cli::reportError(kProgram, opened.error());
    Link& link = **opened;
    const std::size_t allocation = (kFrameOffset + frameBytes + kCacheLine - 1) / kCacheLine *
                                   kCacheLine;
    std::unique_ptr<std::byte, FreeBuffer> buffer(
        static_cast<std::byte*>(std::aligned_alloc(kCacheLine, allocation)));
    if (!buffer)
        return cli::reportError(kProgram, makeError(ErrorCode::NoSpace,
                                                    "no memory for a " +
                                                        formatBytes(frameBytes) + " frame"));
    const std::span<std::byte> frame(buffer.get() + kFrameOffset, frameBytes);
    const std::span<std::byte> payload = frame.subspan(kChunkFrameHeaderBytes);

    BridgeSummary summary;
    summary.direction = Direction::Send;
    summary.endpoint = link.endpoint();
    ConnectionLog log(context.report, summary);
    link.onEvent([&log](LinkEvent event, const std::string& peer) { log.onEvent(event, peer); });
    context.report.ready(static_cast<std::uint32_t>(getpid()), Direction::Send, channel.name(),
                         channel.recordIndex(), link.endpoint());

    FramePrefix prefix;
    prefix.kind = static_cast<std::uint8_t>(FrameKind::Chunk);
    prefix.stream = newStreamId();
    prefix.slot_bytes = slotBytes;
    OriginTallies tallies;
    const std::uint64_t wanted = context.options.count.value_or(UINT64_MAX);
    const bool endWithProducers = !context.options.count;
    std::uint64_t firstNs = 0, lastNs = 0;
    std::uint32_t sinceEvents = 0;
    bool streamEnded = false;
    stats.setActivity(Activity::Running);
    while (summary.messages < wanted && !context.stop.load(std::memory_order_relaxed)) {
        if (++sinceEvents >= kEventsEvery) {
            sinceEvents = 0;
            link.pollEvents();
        }
        MessageHeader header{};
        Result<PopStatus> popped = consumer.pop(header, payload, monotonicNs() + kPopWaitNs);
        if (!popped)
            return cli::reportError(kProgram, popped.error());
        const std::uint64_t now = monotonicNs();
        if (*popped == PopStatus::Stopped)
            break;
        if (*popped == PopStatus::Empty) {
            link.pollEvents();
            stats.tick(now);
            if (endWithProducers &&
                channel.ring().producer_joins.load(std::memory_order_acquire) > 0 &&
                cli::producersFinished(channel) && consumer.drained()) {
                streamEnded = true;
                break;
            }
            continue;
        }
        if (*popped != PopStatus::Delivered) { // the ring counted it (corrupt, lost to a crash)
            ++summary.corrupt;
            stats.tick(now);
            continue;
        }
        prefix.link_sequence = summary.frames + 1;
        writeChunkHeader(frame, prefix, header);
        Result<Link::Sent> sent =
            link.send(frame.first(kChunkFrameHeaderBytes + header.payload_length), context.stop);
        if (!sent)
            return cli::reportError(kProgram, sent.error());
        if (*sent == Link::Sent::Stopped)
            break;
        ++summary.frames;
        log.frameSent();
        if (firstNs == 0)
            firstNs = now;
        if ((header.flags & kMsgLastChunk) != 0) {
            ++summary.messages;
            summary.bytes += header.total_length;
            tallies.find(header.producer_record, header.incarnation).add(header.sequence);
            stats.add(Counter::Messages);
            stats.add(Counter::Bytes, header.total_length);
            lastNs = now;
        }
        stats.tick(now);
    }
    if (summary.messages >= wanted)
        streamEnded = true;

    // The end frame tells receivers started with --exit-on-end that this stream is over; closing
    // then waits a bounded time for it to leave.
    stats.setActivity(Activity::Exiting);
    writeEndFrame(frame, prefix.stream, summary.frames + 1);
    static const std::atomic<bool> kStopNow{true};
    if (Result<Link::Sent> sent = link.send(frame.first(kFramePrefixBytes),
                                            streamEnded ? context.stop : kStopNow);
        sent && *sent == Link::Sent::Sent)
        link.setLinger(kEndLingerMs);
    link.pollEvents();
    stats.flush(monotonicNs());
    summary.seconds = lastNs > firstNs ? static_cast<double>(lastNs - firstNs) / 1e9 : 0.0;
    summary.producers = tallies.sorted();
    context.report.summary(summary, channel.name());
    return 0;
}

} // namespace shmscope::bridge
