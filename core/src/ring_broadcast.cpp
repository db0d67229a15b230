// Broadcast delivery (Disruptor / Aeron style): one producer, a read cursor per consumer, every
// consumer sees every message. Slots are seqlocks (layout.hpp): the producer marks a slot
// "writing" (odd), copies, then publishes (even, release); a reader checks the word, copies, and
// checks it again, so data that was overwritten while being read is never delivered. Under
// `block` the producer never overtakes the slowest live cursor; dead consumers leave the gate.
// Under `drop-oldest` it never waits: a consumer that falls behind counts what it lost as
// `overrun` and resynchronises. The payload copies race with the writer by design (the seqlock
// decides what is kept), so these functions are excluded from TSan by name.
#include "rings.hpp"

#include <bit>

namespace shmscope::detail {
namespace {

class BroadcastProducer final : public RingProducer, RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~BroadcastProducer() override { releaseRole(ring_.producer, me()); }

    Status start() { return claimRole(channel_, ring_.producer, me(), "producer"); }

    // The one producer process.
    Result<PushStatus> push(OutgoingMessage& message) override
    {
        if (Status ok = checkOutgoing(message); !ok) return ok.error();
        const std::uint64_t position = ring_.producer.position.load(std::memory_order_relaxed);
        if (channel_.params().backpressure == Backpressure::Block && position - gate_ >= slotCount_) {
            gate_ = slowestCursor(position);
            if (position - gate_ >= slotCount_) {
                const auto hasSpace = [&] {
                    gate_ = slowestCursor(position);
                    return position - gate_ < slotCount_;
                };
                const auto dropDead = [&](std::uint64_t) { repairDeadCursors(); };
                if (waitFor(ring_.space, Activity::BlockedNoSlot, UINT64_MAX, hasSpace, dropDead) !=
                    WaitOutcome::Ready)
                    return PushStatus::Stopped;
            }
        }
        crashPoint(CrashPoint::AfterClaim);
        AtomicU64& word = channel_.descriptor(static_cast<std::uint32_t>(position & mask_)).word;
        word.store(broadcastWriting(position), std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_release); // the odd word is visible before any byte
        copyIn(static_cast<std::uint32_t>(position & mask_), message);
        crashPoint(CrashPoint::BeforePublish);
        word.store(broadcastPublished(position), std::memory_order_release);
        ring_.producer.position.store(position + 1, std::memory_order_release);
        notify(ring_.data);
        return PushStatus::Committed;
    }

private:
    // The lowest position among active cursors; `position` itself when nobody is reading.
    std::uint64_t slowestCursor(std::uint64_t position) const
    {
        std::uint64_t slowest = position;
        std::uint64_t active = ring_.broadcast_cursors.load(std::memory_order_acquire);
        while (active != 0) {
            const auto record = static_cast<std::uint32_t>(std::countr_zero(active));
            active &= active - 1;
            const std::uint64_t cursor = channel_.cursor(record).position.load(std::memory_order_acquire);
            // A cursor ahead of the writer can only come from a scribbler: it does not gate.
            if (cursor <= position && cursor < slowest) slowest = cursor;
        }
        return slowest;
    }

    void repairDeadCursors()
    {
        std::uint64_t active = ring_.broadcast_cursors.load(std::memory_order_acquire);
        while (active != 0) {
            const auto record = static_cast<std::uint32_t>(std::countr_zero(active));
            active &= active - 1;
            if (record < kMaxRecords && !channel_.recordAlive(record)) channel_.repairDeadRecord(record);
        }
    }

    std::uint64_t gate_ = 0;
};

class BroadcastConsumer final : public RingConsumer, RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~BroadcastConsumer() override { leave(channel_, record_); }

    void start()
    {
        BroadcastCursor& cursor = channel_.cursor(record_);
        const std::uint64_t head = ring_.producer.position.load(std::memory_order_acquire);
        const std::uint64_t oldest = head > slotCount_ ? head - slotCount_ : 0;
        cursor.position.store(options_.fromLatest ? head : oldest, std::memory_order_release);
        cursor.owner.store(me(), std::memory_order_release);
        ring_.broadcast_cursors.fetch_or(std::uint64_t{1} << record_, std::memory_order_acq_rel);
    }

    // Deactivates a consumer's cursor: at a clean exit, or by crash repair for a dead one.
    static void leave(Channel& channel, std::uint32_t record)
    {
        channel.ring().broadcast_cursors.fetch_and(~(std::uint64_t{1} << record), std::memory_order_acq_rel);
        channel.cursor(record).owner.store(0, std::memory_order_release);
        notify(channel.ring().space);
    }

    // One process per cursor.
    Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload,
                          std::uint64_t deadlineNs) override
    {
        BroadcastCursor& cursor = channel_.cursor(record_);
        for (;;) {
            std::uint64_t position = cursor.position.load(std::memory_order_relaxed);
            std::uint64_t head = 0;
            const auto hasData = [&] {
                head = ring_.producer.position.load(std::memory_order_acquire);
                return head != position;
            };
            switch (waitFor(ring_.data, Activity::BlockedNoData, deadlineNs, hasData, [](std::uint64_t) {})) {
            case WaitOutcome::Ready: break;
            case WaitOutcome::Timeout: return PopStatus::Empty;
            case WaitOutcome::Stopped: return PopStatus::Stopped;
            }
            if (head < position || head - position > slotCount_) {
                // Lapped (or a cursor from a scribbler): skip to the oldest message still there.
                const std::uint64_t oldest = head > slotCount_ ? head - slotCount_ : 0;
                if (head > position) stats_.add(Counter::Overrun, oldest - position);
                cursor.position.store(oldest, std::memory_order_release);
                continue;
            }
            const std::uint32_t slot = static_cast<std::uint32_t>(position & mask_);
            AtomicU64& word = channel_.descriptor(slot).word;
            const std::uint64_t before = word.load(std::memory_order_acquire);
            bool valid = false;
            if (before == broadcastPublished(position)) valid = copyOut(slot, header, payload);
            std::atomic_thread_fence(std::memory_order_acquire); // the copy completes before re-reading
            const std::uint64_t after = word.load(std::memory_order_relaxed);
            crashPoint(CrashPoint::AfterDequeue);
            cursor.position.store(position + 1, std::memory_order_release);
            notify(ring_.space);
            if (before != broadcastPublished(position) || after != before) {
                stats_.add(Counter::Overrun); // overwritten before or while we read it: never delivered
                continue;
            }
            if (!valid) {
                stats_.add(Counter::Corrupt);
                return PopStatus::Corrupt;
            }
            return PopStatus::Delivered;
        }
    }

    [[nodiscard]] bool drained() const override
    {
        return channel_.cursor(record_).position.load(std::memory_order_relaxed) ==
               ring_.producer.position.load(std::memory_order_acquire);
    }
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeBroadcastProducer(Channel& channel, RecordWriter& stats,
                                                            const EndpointOptions& options)
{
    auto producer = std::make_unique<BroadcastProducer>(channel, stats, options);
    if (Status ok = producer->start(); !ok) return ok.error();
    return std::unique_ptr<RingProducer>(std::move(producer));
}

Result<std::unique_ptr<RingConsumer>> makeBroadcastConsumer(Channel& channel, RecordWriter& stats,
                                                            const EndpointOptions& options)
{
    auto consumer = std::make_unique<BroadcastConsumer>(channel, stats, options);
    consumer->start();
    return std::unique_ptr<RingConsumer>(std::move(consumer));
}

void repairBroadcastCursor(Channel& channel, std::uint32_t record)
{
    if (channel.cursor(record).owner.load(std::memory_order_acquire) != 0)
        BroadcastConsumer::leave(channel, record);
}

} // namespace shmscope::detail
