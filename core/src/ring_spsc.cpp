// The single-producer single-consumer ring (Lamport, as in rigtorp/SPSCQueue and folly): each
// side owns its index (relaxed load of its own, release store to publish) and keeps a cached copy
// of the other side's index, refreshed with acquire only when the ring looks full or empty.
#include "rings.hpp"

namespace shmscope::detail {
namespace {

class SpscProducerSteps : protected RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~SpscProducerSteps() { releaseRole(ring_.producer, me()); }
    SpscProducerSteps(const SpscProducerSteps&) = delete;
    SpscProducerSteps& operator=(const SpscProducerSteps&) = delete;

    Status start() { return claimRole(channel_, ring_.producer, me(), "producer"); }

protected:
    // Producer process only. Waits for a free slot (or drops, per backpressure).
    PushStatus claim(std::uint64_t& head)
    {
        head = ring_.producer.position.load(std::memory_order_relaxed);
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
        ring_.producer.position.store(head + 1, std::memory_order_release);
        notify(ring_.data);
        noteHighWater(head + 1 - cachedTail_);
    }

private:
    std::uint64_t cachedTail_ = ring_.consumer.position.load(std::memory_order_acquire);
};

class SpscConsumerSteps : protected RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~SpscConsumerSteps() { releaseRole(ring_.consumer, me()); }
    SpscConsumerSteps(const SpscConsumerSteps&) = delete;
    SpscConsumerSteps& operator=(const SpscConsumerSteps&) = delete;

    Status start() { return claimRole(channel_, ring_.consumer, me(), "consumer"); }

protected:
    // Consumer process only. Waits for the next message.
    PopStatus claim(std::uint64_t& tail, std::uint64_t deadlineNs)
    {
        tail = ring_.consumer.position.load(std::memory_order_relaxed);
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
            ring_.consumer.position.store(cachedHead_, std::memory_order_release);
            stats_.add(Counter::Corrupt);
            return PopStatus::Corrupt;
        }
        return PopStatus::Delivered;
    }

    void finish(std::uint64_t tail)
    {
        crashPoint(CrashPoint::AfterDequeue);
        ring_.consumer.position.store(tail + 1, std::memory_order_release);
        notify(ring_.space);
    }

    [[nodiscard]] bool nothingLeft() const
    {
        return ring_.producer.position.load(std::memory_order_acquire) ==
               ring_.consumer.position.load(std::memory_order_relaxed);
    }

private:
    std::uint64_t cachedHead_ = ring_.producer.position.load(std::memory_order_acquire);
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
