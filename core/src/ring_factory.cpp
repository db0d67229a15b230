#include "channel_impl.hpp"
#include "rings.hpp"

namespace shmscope {

Result<std::span<std::byte>> RingProducer::loan(std::size_t, PushStatus&)
{
    return makeError(ErrorCode::Usage, "--zero-copy: not supported by this sync strategy");
}

Result<PushStatus> RingProducer::commit(MessageHeader, std::size_t)
{
    return makeError(ErrorCode::Usage, "--zero-copy: not supported by this sync strategy");
}

Result<PushStatus> RingProducer::reserveRun(std::uint32_t)
{
    return makeError(ErrorCode::Usage, "this sync strategy cannot reserve several slots at once");
}

Result<PopStatus> RingConsumer::view(MessageHeader&, std::span<const std::byte>&, std::uint64_t)
{
    return makeError(ErrorCode::Usage, "--zero-copy: not supported by this sync strategy");
}

Status RingConsumer::release()
{
    return makeError(ErrorCode::Usage, "--zero-copy: not supported by this sync strategy");
}

namespace {

Status requireRecord(const Channel& channel)
{
    if (channel.recordIndex() == kNoRecord)
        return makeError(ErrorCode::Usage, "claim a stats record before making an endpoint");
    return {};
}

} // namespace

Result<std::unique_ptr<RingProducer>> makeProducer(Channel& channel, RecordWriter& stats,
                                                   const EndpointOptions& options)
{
    if (Status ok = requireRecord(channel); !ok) return ok.error();
    if (channel.params().delivery == Delivery::Broadcast)
        return detail::makeBroadcastProducer(channel, stats, options);
    switch (channel.params().sync) {
    case SyncKind::Spsc: return detail::makeSpscProducer(channel, stats, options);
    case SyncKind::Mpmc: return detail::makeMpmcProducer(channel, stats, options);
    case SyncKind::Mutex: return detail::makeMutexProducer(channel, stats, options);
    case SyncKind::Semaphore: return detail::makeSemaphoreProducer(channel, stats, options);
    case SyncKind::BoostMutex: return detail::makeBoostMutexProducer(channel, stats, options);
    case SyncKind::None: return detail::makeNoneProducer(channel, stats, options);
    }
    return makeError(ErrorCode::Corrupt, "channel corrupted: unknown sync strategy");
}

Result<std::unique_ptr<RingConsumer>> makeConsumer(Channel& channel, RecordWriter& stats,
                                                   const EndpointOptions& options)
{
    if (Status ok = requireRecord(channel); !ok) return ok.error();
    if (channel.params().delivery == Delivery::Broadcast)
        return detail::makeBroadcastConsumer(channel, stats, options);
    switch (channel.params().sync) {
    case SyncKind::Spsc: return detail::makeSpscConsumer(channel, stats, options);
    case SyncKind::Mpmc: return detail::makeMpmcConsumer(channel, stats, options);
    case SyncKind::Mutex: return detail::makeMutexConsumer(channel, stats, options);
    case SyncKind::Semaphore: return detail::makeSemaphoreConsumer(channel, stats, options);
    case SyncKind::BoostMutex: return detail::makeBoostMutexConsumer(channel, stats, options);
    case SyncKind::None: return detail::makeNoneConsumer(channel, stats, options);
    }
    return makeError(ErrorCode::Corrupt, "channel corrupted: unknown sync strategy");
}

namespace detail {

std::uint64_t repairRingClaims(Channel& channel, std::uint32_t record)
{
    RingControl& ring = channel.ring();
    for (IndexBlock* block : {&ring.producer, &ring.consumer}) {
        const std::uint32_t owner = block->owner.load(std::memory_order_acquire);
        if (owner != 0 && ownerRecord(owner) == record) releaseRole(*block, owner);
    }
    if (channel.params().delivery == Delivery::Broadcast) {
        repairBroadcastCursor(channel, record);
        return 0;
    }
    if (channel.params().sync == SyncKind::Mpmc) return repairMpmcClaims(channel, record);
    return 0;
}

} // namespace detail
} // namespace shmscope
