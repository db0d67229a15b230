// No synchronisation at all: the race demo. The producer overwrites slots without waiting; the
// consumer copies whatever is there. Torn messages are caught by checksums and counted as
// corrupt; overwritten ones show up as gaps. Indices are atomics only so that the program itself
// stays well-defined; the payload copies race by design (excluded from TSan by name).
#include "rings.hpp"

namespace shmscope::detail {
namespace {

class NoneProducer final : public RingProducer, RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;

    Result<PushStatus> push(OutgoingMessage& message) override
    {
        if (Status ok = checkOutgoing(message); !ok) return ok.error();
        const std::uint64_t h = ring_.producer.position.load(std::memory_order_relaxed);
        crashPoint(CrashPoint::AfterClaim);
        copyIn(static_cast<std::uint32_t>(h & mask_), message);
        crashPoint(CrashPoint::BeforePublish);
        ring_.producer.position.store(h + 1, std::memory_order_relaxed);
        notify(ring_.data);
        return PushStatus::Committed;
    }
};

class NoneConsumer final : public RingConsumer, RingEndpoint {
public:
    using RingEndpoint::RingEndpoint;

    Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload,
                          std::uint64_t deadlineNs) override
    {
        std::uint64_t t = ring_.consumer.position.load(std::memory_order_relaxed);
        std::uint64_t h = 0;
        const auto hasData = [&] {
            h = ring_.producer.position.load(std::memory_order_relaxed);
            return h != t;
        };
        switch (waitFor(ring_.data, Activity::BlockedNoData, deadlineNs, hasData, [](std::uint64_t) {})) {
        case WaitOutcome::Ready: break;
        case WaitOutcome::Timeout: return PopStatus::Empty;
        case WaitOutcome::Stopped: return PopStatus::Stopped;
        }
        if (h - t > slotCount_) t = h - slotCount_; // lapped: the oldest slots were overwritten
        const bool valid = copyOut(static_cast<std::uint32_t>(t & mask_), header, payload);
        ring_.consumer.position.store(t + 1, std::memory_order_relaxed);
        if (!valid) {
            stats_.add(Counter::Corrupt);
            return PopStatus::Corrupt;
        }
        return PopStatus::Delivered;
    }

    [[nodiscard]] bool drained() const override
    {
        return ring_.producer.position.load(std::memory_order_relaxed) ==
               ring_.consumer.position.load(std::memory_order_relaxed);
    }
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeNoneProducer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    return std::unique_ptr<RingProducer>(std::make_unique<NoneProducer>(channel, stats, options));
}

Result<std::unique_ptr<RingConsumer>> makeNoneConsumer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    return std::unique_ptr<RingConsumer>(std::make_unique<NoneConsumer>(channel, stats, options));
}

} // namespace shmscope::detail
