// The single-producer single-consumer ring (Lamport, as in rigtorp/SPSCQueue and folly, with
// the consumer's signal in the slot as in Aeron): each side keeps its own position privately. The
// producer writes a message into its slot and stores the slot's stamp (spscStamp(position), in
// the message header's line) last, with release; the consumer learns of the message from that
// stamp alone, so one cache-line transfer both announces and carries the header, and nobody polls
// head. The producer still stores head after the stamp, per message, on a line only successors and
// monitors read (a store to a line nobody polls stays in the producer's cache). The producer keeps
// a cached copy of tail, refreshed with acquire only when the ring looks full. The consumer gives
// slots back in batches, as the LMAX Disruptor's batch
// processor does — once per batch of messages it found available, at the latest every
// kReleaseBatch messages, and always before it waits — and records the position after each
// message it delivers in `delivered`, a line nobody polls, so that a successor resumes there and
// batching redelivers nothing. A successor of either role finds the messages its predecessor
// published but did not count in head by their stamps (docs/PROTOCOL.md, spsc;
// tests/models/spsc.pml).
#include "rings.hpp"

#include <algorithm>

namespace shmscope::detail {
namespace {

// Slots a consumer may hold read but not given back: a quarter of the ring, at most 64.
std::uint32_t releaseBatch(std::uint32_t slotCount)
{
    return std::clamp<std::uint32_t>(slotCount / 4, 1, 64);
}

// Where the messages a producer published end, whatever head says: from head, or from tail when
// a consumer read past a head that lagged, past every slot that holds its own position's stamp,
// at most a ring beyond tail. A wild pair (a scribbler's) is left as head says. Any process
// attached to the ring.
std::uint64_t publishedEnd(Channel& channel, std::uint64_t head, std::uint64_t tail, std::uint32_t slotCount)
{
    std::uint64_t end = head;
    if (tail - head <= slotCount) end = tail; // read, so published
    else if (head - tail > slotCount) return head;
    const std::uint32_t mask = slotCount - 1;
    while (end - tail < slotCount &&
           slotStamp(channel.slot(static_cast<std::uint32_t>(end & mask))).load(std::memory_order_acquire) ==
               spscStamp(end))
        ++end;
    return end;
}

class SpscProducerSteps : protected RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~SpscProducerSteps() { releaseRole(ring_.producer, me()); }
    SpscProducerSteps(const SpscProducerSteps&) = delete;
    SpscProducerSteps& operator=(const SpscProducerSteps&) = delete;

    Status start()
    {
        if (Status ok = claimRole(channel_, ring_.producer, me(), "producer"); !ok) return ok;
        // A successor resumes after what its predecessor published: head, and beyond it any slot
        // stamped before the predecessor died storing head (a claimed, unpublished slot is simply
        // written again: nobody saw it).
        cachedTail_ = ring_.consumer.position.load(std::memory_order_acquire);
        head_ = publishedEnd(channel_, ring_.producer.position.load(std::memory_order_relaxed), cachedTail_,
                             slotCount_);
        ring_.producer.position.store(head_, std::memory_order_release);
        return {};
    }

protected:
    // Producer process only. Waits for a free slot (or drops, per backpressure).
    PushStatus claim(std::uint64_t& head)
    {
        head = head_;
        if (head - cachedTail_ >= slotCount_) {
            cachedTail_ = ring_.consumer.position.load(std::memory_order_acquire);
            if (head - cachedTail_ >= slotCount_) {
                if (channel_.params().backpressure == Backpressure::DropNewest) {
                    stats_.add(Counter::Drops);
                    return PushStatus::Dropped;
                }
                const std::uint64_t position = head;
                const auto hasSpace = [&] {
                    cachedTail_ = ring_.consumer.position.load(std::memory_order_acquire);
                    return position - cachedTail_ < slotCount_;
                };
                if (waitFor(ring_.space, Activity::BlockedNoSlot, UINT64_MAX, hasSpace,
                            [](std::uint64_t) {}) != WaitOutcome::Ready)
                    return PushStatus::Stopped;
            }
        }
        crashPoint(CrashPoint::AfterClaim);
        return PushStatus::Committed;
    }

    void publish(std::uint64_t head)
    {
        crashPoint(CrashPoint::BeforePublish);
        head_ = head + 1;
        // The stamp publishes the message to the consumer; head, stored after it, is for
        // successors and monitors (nobody polls it).
        slotStamp(channel_.slot(slotIndex(head))).store(spscStamp(head), std::memory_order_release);
        ring_.producer.position.store(head_, std::memory_order_release);
        notify(ring_.data);
        noteHighWater(head_ - cachedTail_);
    }

private:
    std::uint64_t head_ = 0;
    std::uint64_t cachedTail_ = 0;
};

class SpscConsumerSteps : protected RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    static constexpr bool kBatchedRelease = true;
    ~SpscConsumerSteps()
    {
        giveBack();
        releaseRole(ring_.consumer, me());
    }
    SpscConsumerSteps(const SpscConsumerSteps&) = delete;
    SpscConsumerSteps& operator=(const SpscConsumerSteps&) = delete;

    Status start()
    {
        if (Status ok = claimRole(channel_, ring_.consumer, me(), "consumer"); !ok) return ok;
        // Resume where the predecessor delivered up to, giving back what it read and still held.
        // `delivered` is untrusted: outside [released, end of the published messages] it is
        // ignored (the end found from head by the stamps, as a successor producer does).
        released_ = ring_.consumer.position.load(std::memory_order_relaxed);
        const std::uint64_t head =
            publishedEnd(channel_, ring_.producer.position.load(std::memory_order_acquire), released_, slotCount_);
        const std::uint64_t delivered = ring_.consumer.delivered.load(std::memory_order_acquire);
        next_ = released_;
        if (delivered - released_ <= head - released_ && head - released_ <= slotCount_) next_ = delivered;
        ring_.consumer.delivered.store(next_, std::memory_order_release);
        giveBack();
        return {};
    }

protected:
    // Consumer process only. Waits for the next message: for the stamp of its slot.
    PopStatus claim(std::uint64_t& tail, std::uint64_t deadlineNs)
    {
        tail = next_;
        if (published(tail)) return PopStatus::Delivered;
        giveBack(); // the batch it found is done: before looking again, and before any wait
        if (published(tail)) return PopStatus::Delivered;
        const std::uint64_t position = tail;
        bool headSaysReady = false;
        const auto hasData = [&] { return headSaysReady || published(position); };
        // Every 10 ms while blocked, head is asked too: it is stored after the stamp, so a head
        // beyond `position` with the stamp still missing means a scribbled stamp (the header is
        // then validated as always), and a head more than a ring ahead a scribbled head.
        std::uint64_t ahead = 0;
        const auto askHead = [&](std::uint64_t) {
            ahead = ring_.producer.position.load(std::memory_order_acquire) - position;
            headSaysReady = ahead != 0 && !behind(ahead) && !published(position);
        };
        switch (waitFor(ring_.data, Activity::BlockedNoData, deadlineNs, hasData, askHead)) {
        case WaitOutcome::Ready: break;
        case WaitOutcome::Timeout: return PopStatus::Empty;
        case WaitOutcome::Stopped: return PopStatus::Stopped;
        }
        if (headSaysReady && ahead > slotCount_) {
            // Only a scribbler can make head run more than a ring ahead.
            next_ = position + ahead;
            ring_.consumer.delivered.store(next_, std::memory_order_release);
            giveBack();
            stats_.add(Counter::Corrupt);
            return PopStatus::Corrupt;
        }
        return PopStatus::Delivered;
    }

    void finish(std::uint64_t tail)
    {
        crashPoint(CrashPoint::AfterDequeue);
        next_ = tail + 1;
        ring_.consumer.delivered.store(next_, std::memory_order_release);
        if (next_ - released_ >= batch_) giveBack();
    }

    void giveBackHeld() { giveBack(); }

    [[nodiscard]] bool nothingLeft() const
    {
        // head may lag the stamps for a moment (it is stored after them), never lead them.
        return !published(next_) && behindOrAt(ring_.producer.position.load(std::memory_order_acquire) - next_);
    }

private:
    // A difference of positions that went below zero: head stored after the stamps lags them.
    static bool behind(std::uint64_t difference) { return difference > (std::uint64_t{1} << 63); }
    static bool behindOrAt(std::uint64_t difference) { return difference == 0 || behind(difference); }

    // The message at `position` is in its slot (acquire: its bytes are visible).
    [[nodiscard]] bool published(std::uint64_t position) const
    {
        return slotStamp(channel_.slot(slotIndex(position))).load(std::memory_order_acquire) ==
               spscStamp(position);
    }

    // Publishes the consumer position: the slots read so far go back to the producer.
    void giveBack()
    {
        if (released_ == next_) return;
        released_ = next_;
        ring_.consumer.position.store(released_, std::memory_order_release);
        notify(ring_.space);
    }

    std::uint32_t batch_ = releaseBatch(slotCount_);
    std::uint64_t next_ = 0;     // the next position to read (private)
    std::uint64_t released_ = 0; // what consumer.position says
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeSpscProducer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    auto producer = std::make_unique<SlotProducer<SpscProducerSteps>>(channel, stats, options);
    if (Status ok = producer->start(); !ok) return ok.error();
    return std::unique_ptr<RingProducer>(std::move(producer));
}

Result<std::unique_ptr<RingConsumer>> makeSpscConsumer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    auto consumer = std::make_unique<SlotConsumer<SpscConsumerSteps>>(channel, stats, options);
    if (Status ok = consumer->start(); !ok) return ok.error();
    return std::unique_ptr<RingConsumer>(std::move(consumer));
}

} // namespace shmscope::detail
