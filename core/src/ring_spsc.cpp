// The single-producer single-consumer ring (Lamport, as in rigtorp/SPSCQueue and folly): each
// side owns its index (relaxed load of its own, release store to publish) and keeps a cached copy
// of the other side's index, refreshed with acquire only when the ring looks full or empty.
#include "rings.hpp"

namespace shmscope::detail {
namespace {

class SpscProducer final : public RingProducer, RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~SpscProducer() override { releaseRole(ring_.producer, me()); }

    Status start() { return claimRole(channel_, ring_.producer, me(), "producer"); }

    // Producer process only.
    Result<PushStatus> push(OutgoingMessage& message) override
    {
        if (Status ok = checkOutgoing(message); !ok) return ok.error();
        if (loanOpen_) return makeError(ErrorCode::Usage, "zero-copy: push while a loan is open");
        std::uint64_t head = 0;
        if (const PushStatus status = claim(head); status != PushStatus::Committed) return status;
        copyIn(static_cast<std::uint32_t>(head & mask_), message);
        publish(head);
        return PushStatus::Committed;
    }

    Result<std::span<std::byte>> loan(std::size_t bytes, PushStatus& status) override
    {
        if (Status ok = beginLoan(bytes); !ok) return ok.error();
        status = claim(loanPosition_);
        if (status != PushStatus::Committed) return std::span<std::byte>();
        loanOpen_ = true;
        loanBytes_ = bytes;
        return std::span<std::byte>(channel_.slot(static_cast<std::uint32_t>(loanPosition_ & mask_)) +
                                        kMessageHeaderBytes,
                                    bytes);
    }

    Result<PushStatus> commit(MessageHeader header, std::size_t bytes) override
    {
        if (Status ok = checkCommit(bytes); !ok) return ok.error();
        writeLoanHeader(static_cast<std::uint32_t>(loanPosition_ & mask_), header, bytes);
        loanOpen_ = false;
        publish(loanPosition_);
        return PushStatus::Committed;
    }

private:
    // Waits for a free slot (or drops, per backpressure); `head` is the position to write.
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

    std::uint64_t cachedTail_ = ring_.consumer.position.load(std::memory_order_acquire);
};

class SpscConsumer final : public RingConsumer, RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;
    ~SpscConsumer() override { releaseRole(ring_.consumer, me()); }

    Status start() { return claimRole(channel_, ring_.consumer, me(), "consumer"); }

    // Consumer process only.
    Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload,
                          std::uint64_t deadlineNs) override
    {
        if (viewOpen_) return makeError(ErrorCode::Usage, "zero-copy: pop while a view is open");
        std::uint64_t tail = 0;
        if (const PopStatus status = awaitData(tail, deadlineNs); status != PopStatus::Delivered)
            return status;
        const bool valid = copyOut(static_cast<std::uint32_t>(tail & mask_), header, payload);
        crashPoint(CrashPoint::AfterDequeue);
        advance(tail);
        if (!valid) {
            stats_.add(Counter::Corrupt);
            return PopStatus::Corrupt;
        }
        return PopStatus::Delivered;
    }

    Result<PopStatus> view(MessageHeader& header, std::span<const std::byte>& payload,
                           std::uint64_t deadlineNs) override
    {
        if (Status ok = beginView(); !ok) return ok.error();
        std::uint64_t tail = 0;
        if (const PopStatus status = awaitData(tail, deadlineNs); status != PopStatus::Delivered)
            return status;
        if (!viewSlot(static_cast<std::uint32_t>(tail & mask_), header, payload)) {
            advance(tail);
            stats_.add(Counter::Corrupt);
            return PopStatus::Corrupt;
        }
        viewOpen_ = true;
        viewPosition_ = tail;
        return PopStatus::Delivered;
    }

    Status release() override
    {
        if (Status ok = checkRelease(); !ok) return ok;
        viewOpen_ = false;
        crashPoint(CrashPoint::AfterDequeue);
        advance(viewPosition_);
        return {};
    }

    [[nodiscard]] bool drained() const override
    {
        return ring_.producer.position.load(std::memory_order_acquire) ==
               ring_.consumer.position.load(std::memory_order_relaxed);
    }

private:
    // Waits for the next message; Delivered means `tail` holds a readable position.
    PopStatus awaitData(std::uint64_t& tail, std::uint64_t deadlineNs)
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

    void advance(std::uint64_t tail)
    {
        ring_.consumer.position.store(tail + 1, std::memory_order_release);
        notify(ring_.space);
    }

    std::uint64_t cachedHead_ = ring_.producer.position.load(std::memory_order_acquire);
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeSpscProducer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    auto producer = std::make_unique<SpscProducer>(channel, stats, options);
    if (Status ok = producer->start(); !ok) return ok.error();
    return std::unique_ptr<RingProducer>(std::move(producer));
}

Result<std::unique_ptr<RingConsumer>> makeSpscConsumer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    auto consumer = std::make_unique<SpscConsumer>(channel, stats, options);
    if (Status ok = consumer->start(); !ok) return ok.error();
    return std::unique_ptr<RingConsumer>(std::move(consumer));
}

} // namespace shmscope::detail
