#include "sender.hpp"

#include "shmscope/crash_point.hpp"
#include "shmscope/params.hpp"
#include "shmscope/wait.hpp"
#include "table.hpp"

#include <sched.h>

namespace shmscope::worker {
namespace {

// PROTOCOL.md: on SIGTERM mid-message, finish the message if that takes less than one wait slice.
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
      slotBytes_(channel.params().slotPayloadBytes),
      severalConsumersPossible_(admitsSeveralConsumers(channel.params())) {}

Result<SendOutcome> MessageSender::send(std::uint64_t sequence, std::uint64_t bytes) {
    if (refuseSeveralSlots(bytes)) {
        stats_.add(Counter::Drops);
        return SendOutcome::Refused;
    }
    MessageHeader identity{};
    identity.producer_record = channel_.recordIndex();
    identity.incarnation = channel_.incarnation();
    identity.sequence = sequence;
    if (Status begun = chunker_.begin(identity, bytes, pool_.messageSource()); !begun)
        return begun.error();

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

bool MessageSender::refuseSeveralSlots(std::uint64_t bytes) {
    // The rings cannot reserve several slots in one index advance (PROTOCOL.md), so while more
    // than one queue consumer is attached a message must fit one slot.
    if (!severalConsumersPossible_ || bytes <= slotBytes_ ||
        countLiveRecords(channel_, Role::Consumer) <= 1)
        return false;
    if (!refusalReported_) {
        refusalReported_ = true;
        output_.warning("messages of " + formatBytes(bytes) + " need more than one slot of " +
                        formatBytes(slotBytes_) +
                        "; with several queue consumers attached they are refused (counted in "
                        "drops)");
    }
    return true;
}

Result<PushStatus> MessageSender::pushChunk(bool first) {
    return options_.zeroCopy ? pushInPlace(first) : pushCopy(first);
}

Result<PushStatus> MessageSender::pushCopy(bool first) {
    Result<Chunk> chunk = chunker_.next();
    if (!chunk)
        return chunk.error();
    OutgoingMessage message{chunk->header, chunk->payload};
    for (;;) {
        const std::uint64_t startNs = monotonicNs();
        Result<PushStatus> pushed = producer_.push(message);
        if (pushed && *pushed == PushStatus::Committed) // --compress auto weighs codec time by this
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
    OutgoingMessage marker;
    marker.header = chunker_.abandon();
    Result<PushStatus> pushed = producer_.push(marker);
    if (pushed && *pushed == PushStatus::Dropped)
        undoDrop(); // not a drop: readers count the message incomplete
}

void MessageSender::takeCounters() { chunker_.takeCounters().addTo(stats_); }

} // namespace shmscope::worker
