// The single-producer single-consumer ring (Lamport, as in rigtorp/SPSCQueue and folly): each
// side keeps its own position privately and a cached copy of the other side's, refreshed with
// acquire only when the ring looks full or empty. The shared copies are for the peer and monitors:
// the producer publishes head per message (release); the consumer gives slots back in batches, as
// the LMAX Disruptor's batch processor does — once per batch of messages it found available, at
// the latest every kReleaseBatch messages, and always before it waits — and records the position
// after each message it delivers in `delivered`, a line nobody polls, so that a successor resumes
// there and batching redelivers nothing (docs/PROTOCOL.md, spsc; tests/models/spsc.pml).
#include "rings.hpp"

#include <algorithm>

namespace shmscope::detail {
namespace {

// Slots a consumer may hold read but not given back: a quarter of the ring, at most 64.
std::uint32_t releaseBatch(std::uint32_t slotCount)
{
    return std::clamp<std::uint32_t>(slotCount / 4, 1, 64);
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
        // A successor resumes after what its predecessor published (a claimed, unpublished slot is
        // simply written again: nobody saw it).
        head_ = ring_.producer.position.load(std::memory_order_relaxed);
        cachedTail_ = ring_.consumer.position.load(std::memory_order_acquire);
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
        // `delivered` is untrusted: outside [released, head] it is ignored.
        released_ = ring_.consumer.position.load(std::memory_order_relaxed);
        cachedHead_ = ring_.producer.position.load(std::memory_order_acquire);
        const std::uint64_t delivered = ring_.consumer.delivered.load(std::memory_order_acquire);
        next_ = released_;
        if (delivered - released_ <= cachedHead_ - released_ && cachedHead_ - released_ <= slotCount_)
            next_ = delivered;
        ring_.consumer.delivered.store(next_, std::memory_order_release);
        giveBack();
        return {};
    }

protected:
    // Consumer process only. Waits for the next message.
    PopStatus claim(std::uint64_t& tail, std::uint64_t deadlineNs)
    {
        tail = next_;
        if (cachedHead_ == tail) {
            giveBack(); // the batch it found is done: before looking again, and before any wait
            cachedHead_ = ring_.producer.position.load(std::memory_order_acquire);
        }
        if (cachedHead_ == tail) {
            const std::uint64_t position = tail;
            const auto hasData = [&] {
                cachedHead_ = ring_.producer.position.load(std::memory_order_acquire);
                return cachedHead_ != position;
            };
            switch (waitFor(ring_.data, Activity::BlockedNoData, deadlineNs, hasData, [](std::uint64_t) {})) {
            case WaitOutcome::Ready: break;
            case WaitOutcome::Timeout: return PopStatus::Empty;
            case WaitOutcome::Stopped: return PopStatus::Stopped;
            }
        }
        if (cachedHead_ - tail > slotCount_) {
            // Only a scribbler can make the producer run more than a ring ahead.
            next_ = cachedHead_;
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
        return ring_.producer.position.load(std::memory_order_acquire) == next_;
    }

private:
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
    std::uint64_t cachedHead_ = 0;
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
