#include "sender.hpp"

#include "shmscope/cli/channel_table.hpp"
#include "shmscope/crash_point.hpp"
#include "shmscope/params.hpp"
#include "shmscope/wait.hpp"

#include <sched.h>

namespace shmscope::worker {
namespace {

// docs/PROTOCOL.md: on SIGTERM mid-message, finish the message if that takes under one wait slice.
constexpr std::uint64_t kFinishAfterStopNs = kWaitSliceNs;

bool admitsSeveralConsumers(const ChannelParams& params) {
    return params.delivery == Delivery::Queue && params.sync != SyncKind::Spsc;
}

} // namespace

Result<MessageSender> MessageSender::create(const WorkerOptions& options, Channel& channel,
                                            RingProducer& producer, RecordWriter& stats,
                                            PayloadPool& pool, const Output& output,
                                            const std::atomic<bool>& stop) {
    ChunkerConfig config;
    config.chunkBytes = channel.params().slotPayloadBytes;
    config.checksum = channel.params().checksum;
    config.compress = options.compress;
    config.zstdLevel = options.zstdLevel;
    Result<Chunker> chunker = Chunker::create(config);
    if (!chunker)
        return chunker.error();
    return MessageSender(std::move(*chunker), options, channel, producer, stats, pool, output,
                         stop);
}

MessageSender::MessageSender(Chunker chunker, const WorkerOptions& options, Channel& channel,
                             RingProducer& producer, RecordWriter& stats, PayloadPool& pool,
                             const Output& output, const std::atomic<bool>& stop)
    : chunker_(std::move(chunker)), options_(options), channel_(channel), producer_(producer),
      stats_(stats), pool_(pool), output_(output), stop_(stop),
      slotBytes_(channel.params().slotPayloadBytes), slotCount_(channel.params().slotCount),
      severalConsumersPossible_(admitsSeveralConsumers(channel.params())) {}

Result<SendOutcome> MessageSender::sendSingle(std::uint64_t sequence, std::uint64_t bytes) {
    MessageHeader identity{};
    identity.producer_record = channel_.recordIndex();
    identity.incarnation = channel_.incarnation();
    identity.sequence = sequence;
    const std::span<const std::byte> payload = pool_.next(bytes);
    Result<MessageHeader> header = chunker_.single(identity, payload);
    if (!header)
        return header.error();
    OutgoingMessage message{*header, payload};
    Result<PushStatus> pushed = producer_.push(message);
    if (!pushed)
        return pushed.error();
    if (++uncounted_ >= kCountEvery) {
        uncounted_ = 0;
        takeCounters();
    }
    switch (*pushed) {
    case PushStatus::Committed: return SendOutcome::Sent;
    case PushStatus::Dropped: return SendOutcome::Dropped;
    case PushStatus::Stopped: break;
    }
    return SendOutcome::Stopped;
}

Result<SendOutcome> MessageSender::send(std::uint64_t sequence, std::uint64_t bytes) {
    // The small-message path: one slot, copied, raw, and no multi-slot placement to decide.
    if (!options_.zeroCopy && chunker_.singleFits(bytes) && bytes <= pool_.windowBytes())
        return sendSingle(sequence, bytes);
    MessageHeader identity{};
    identity.producer_record = channel_.recordIndex();
    identity.incarnation = channel_.incarnation();
    identity.sequence = sequence;
    if (Status begun = chunker_.begin(identity, bytes, pool_.messageSource(bytes)); !begun)
        return begun.error();
    switch (placement(bytes)) {
    case Placement::Chunks:
        break;
    case Placement::Refused:
        stats_.add(Counter::Drops);
        return SendOutcome::Refused;
    case Placement::Run: {
        Result<PushStatus> reserved = producer_.reserveRun(chunker_.chunkCount());
        if (!reserved)
            return reserved.error();
        if (*reserved != PushStatus::Committed) // the ring counted a drop
            return *reserved == PushStatus::Dropped ? SendOutcome::Dropped : SendOutcome::Stopped;
        break;
    }
    }

    std::uint64_t stopSeenNs = 0;
    for (bool first = true; !chunker_.done(); first = false) {
        if (!first) {
            crashPoint(CrashPoint::MidChunk);
            if (stop_.load(std::memory_order_relaxed)) {
                const std::uint64_t now = monotonicNs();
                if (stopSeenNs == 0)
                    stopSeenNs = now;
                else if (now - stopSeenNs > kFinishAfterStopNs)
                    break;
            }
        }
        Result<PushStatus> pushed = pushChunk(first);
        if (!pushed)
            return pushed.error();
        if (*pushed == PushStatus::Committed)
            continue;
        takeCounters();
        if (first) // nothing of this message is in the ring
            return *pushed == PushStatus::Dropped ? SendOutcome::Dropped : SendOutcome::Stopped;
        abandon();
        return SendOutcome::Stopped;
    }
    if (!chunker_.done()) { // stopped, and the rest took longer than a wait slice
        abandon();
        takeCounters();
        return SendOutcome::Stopped;
    }
    takeCounters();
    return SendOutcome::Sent;
}

MessageSender::Placement MessageSender::placement(std::uint64_t bytes) {
    // docs/PROTOCOL.md: with several queue consumers a chunked message's slots are reserved in one
    // index advance and one consumer takes them together, so it may be at most the ring.
    const std::uint32_t chunks = chunker_.chunkCount();
    if (!severalConsumersPossible_ || chunks <= 1 ||
        cli::countLiveRecords(channel_, Role::Consumer) <= 1)
        return Placement::Chunks;
    if (producer_.runsSupported() && chunks <= slotCount_)
        return Placement::Run;
    if (!refusalReported_) {
        refusalReported_ = true;
        const std::string reason =
            producer_.runsSupported()
                ? "are larger than the ring (" + std::to_string(slotCount_) + " slots of " +
                      formatBytes(slotBytes_) + ")"
                : "need " + std::to_string(chunks) + " slots of " + formatBytes(slotBytes_) +
                      " and this sync strategy cannot reserve several at once";
        output_.warning("messages of " + formatBytes(bytes) + " " + reason +
                        "; with several queue consumers attached they are refused (counted in "
                        "drops)");
    }
    return Placement::Refused;
}

Result<PushStatus> MessageSender::pushChunk(bool first) {
    return options_.zeroCopy ? pushInPlace(first) : pushCopy(first);
}

Result<PushStatus> MessageSender::pushCopy(bool first) {
    Result<Chunk> chunk = chunker_.next();
    if (!chunk)
        return chunk.error();
    OutgoingMessage message{chunk->header, chunk->payload};
    const bool timed = options_.compress == CompressMode::Auto; // weighs codec time by this
    for (;;) {
        const std::uint64_t startNs = timed ? monotonicNs() : 0;
        Result<PushStatus> pushed = producer_.push(message);
        if (timed && pushed && *pushed == PushStatus::Committed)
            chunker_.recordTransport(message.payload.size(), monotonicNs() - startNs);
        if (!pushed || *pushed != PushStatus::Dropped || first)
            return pushed;
        undoDrop();
        if (stop_.load(std::memory_order_relaxed))
            return PushStatus::Stopped;
        sched_yield();
    }
}

Result<PushStatus> MessageSender::pushInPlace(bool first) {
    for (;;) {
        PushStatus status = PushStatus::Committed;
        Result<std::span<std::byte>> slot = producer_.loan(slotBytes_, status);
        if (!slot)
            return slot.error();
        if (status == PushStatus::Dropped && !first) {
            undoDrop();
            if (stop_.load(std::memory_order_relaxed))
                return PushStatus::Stopped;
            sched_yield();
            continue;
        }
        if (status != PushStatus::Committed)
            return status;
        Result<MessageHeader> header = chunker_.nextInto(*slot);
        if (!header)
            return header.error();
        return producer_.commit(*header, header->payload_length);
    }
}

void MessageSender::undoDrop() {
    stats_.add(Counter::Drops, ~std::uint64_t{0}); // wraps: minus one
}

void MessageSender::abandon() {
    // Best effort without blocking: the stop flag is up, so the push takes a free slot now or
    // returns at once. If it does not go in, consumers count the message incomplete when they
    // see this producer closed or dead.
    // Inside a run the markers fill its remaining slots (they never wait): the run must be
    // complete before any of it is visible.
    OutgoingMessage marker;
    marker.header = chunker_.abandon();
    do {
        Result<PushStatus> pushed = producer_.push(marker);
        if (!pushed)
            return;
        if (*pushed == PushStatus::Dropped)
            undoDrop(); // not a drop: readers count the message incomplete
    } while (producer_.runSlotsLeft() > 0);
}

void MessageSender::takeCounters() { chunker_.takeCounters().addTo(stats_); }

} // namespace shmscope::worker
