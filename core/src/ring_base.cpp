#include "ring_base.hpp"

#include "shmscope/copy.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace shmscope::detail {

namespace {

// Everything of `header` but the stamp word, which only the spsc ring writes (atomically, last).
void writeHeader(std::byte* slot, const MessageHeader& header)
{
    constexpr std::size_t stampAt = offsetof(MessageHeader, stamp);
    constexpr std::size_t afterStamp = stampAt + sizeof header.stamp;
    const auto* bytes = reinterpret_cast<const std::byte*>(&header);
    std::memcpy(slot, bytes, stampAt);
    std::memcpy(slot + afterStamp, bytes + afterStamp, sizeof header - afterStamp);
}

} // namespace

RingEndpoint::RingEndpoint(Channel& channel, RecordWriter& stats, const EndpointOptions& options)
    : channel_(channel), stats_(stats), options_(options), ring_(channel.ring()),
      slotCount_(channel.params().slotCount), mask_(slotCount_ - 1),
      lapShift_(static_cast<std::uint32_t>(__builtin_ctz(slotCount_))),
      slotPayloadBytes_(channel.params().slotPayloadBytes), record_(channel.recordIndex()),
      incarnation_(channel.incarnation()), pid_(static_cast<std::uint32_t>(::getpid()))
{
}

bool RingEndpoint::stopRequested(std::uint64_t nowNs) const
{
    if (options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed)) return true;
    return nowNs >= options_.stopAtNs;
}

Status RingEndpoint::checkOutgoing(const OutgoingMessage& message) const
{
    if (message.payload.size() > slotPayloadBytes_)
        return makeError(ErrorCode::Usage, "message payload of " + std::to_string(message.payload.size()) +
                                               " bytes does not fit a slot of " +
                                               std::to_string(slotPayloadBytes_) + " bytes");
    return {};
}

void RingEndpoint::copyIn(std::uint32_t slot, OutgoingMessage& message)
{
    std::byte* base = channel_.slot(slot);
    const std::size_t size = message.payload.size();
    const std::size_t half = size / 2;
    if (size != 0 && detail::gCrashPointArmed) { // halves, for the mid-copy crash point
        copyBytes(base + kMessageHeaderBytes, message.payload.data(), half);
        crashPoint(CrashPoint::MidCopy);
        copyBytes(base + kMessageHeaderBytes + half, message.payload.data() + half, size - half);
    } else if (size != 0) { // an empty span may have no data pointer; memcpy must not see it
        copyBytes(base + kMessageHeaderBytes, message.payload.data(), size);
    }
    message.header.payload_length = static_cast<std::uint32_t>(size);
    message.header.commit_ns = commitStamp();
    writeHeader(base, message.header);
}

bool RingEndpoint::copyOut(std::uint32_t slot, MessageHeader& header, std::span<std::byte> payload)
{
    const std::byte* base = channel_.slot(slot);
    MessageHeader local;
    std::memcpy(&local, base, sizeof local);
    if (local.payload_length > slotPayloadBytes_ || local.payload_length > payload.size())
        return false;
    if (local.payload_length != 0) copyBytes(payload.data(), base + kMessageHeaderBytes, local.payload_length);
    header = local;
    return true;
}

Status RingEndpoint::beginLoan(std::size_t bytes) const
{
    if (loanOpen_) return makeError(ErrorCode::Usage, "zero-copy: a loan is already open; commit it first");
    if (bytes > slotPayloadBytes_)
        return makeError(ErrorCode::Usage, "zero-copy: a loan of " + std::to_string(bytes) +
                                               " bytes does not fit a slot of " +
                                               std::to_string(slotPayloadBytes_) + " bytes");
    return {};
}

Status RingEndpoint::checkCommit(std::size_t bytes) const
{
    if (!loanOpen_) return makeError(ErrorCode::Usage, "zero-copy: commit without an open loan");
    if (bytes > loanBytes_)
        return makeError(ErrorCode::Usage, "zero-copy: commit of " + std::to_string(bytes) +
                                               " bytes exceeds the loan of " + std::to_string(loanBytes_));
    return {};
}

void RingEndpoint::writeLoanHeader(std::uint32_t slot, MessageHeader& header, std::size_t bytes)
{
    header.payload_length = static_cast<std::uint32_t>(bytes);
    header.commit_ns = commitStamp();
    writeHeader(channel_.slot(slot), header);
}

bool RingEndpoint::viewSlot(std::uint32_t slot, MessageHeader& header, std::span<const std::byte>& payload)
{
    const std::byte* base = channel_.slot(slot);
    MessageHeader local;
    std::memcpy(&local, base, sizeof local);
    if (local.payload_length > slotPayloadBytes_) return false;
    header = local;
    payload = std::span<const std::byte>(base + kMessageHeaderBytes, local.payload_length);
    return true;
}

Status RingEndpoint::beginView() const
{
    if (viewOpen_) return makeError(ErrorCode::Usage, "zero-copy: a view is already open; release it first");
    return {};
}

Status RingEndpoint::checkRelease() const
{
    if (!viewOpen_) return makeError(ErrorCode::Usage, "zero-copy: release without an open view");
    return {};
}

void RingEndpoint::holdInCriticalSection() const
{
    if (options_.holdMs == nullptr) return;
    const std::uint32_t ms = options_.holdMs->load(std::memory_order_relaxed);
    if (ms == 0) return;
    timespec duration{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1'000'000L};
    while (nanosleep(&duration, &duration) != 0 && errno == EINTR) {
        if (options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed)) break;
    }
}

void RingEndpoint::enterCriticalSection()
{
    stats_.add(Counter::LockAcquires);
    ring_.ring_lock.holder.store(me(), std::memory_order_relaxed);
    ring_.ring_lock.holder_pid.store(pid_, std::memory_order_relaxed);
    stats_.setActivity(Activity::InCriticalSection);
    // Hold time from one hold in kHoldSampleEvery (the others read no clock inside the lock),
    // counted as that many holds; a hold stretched by --hold-lock-ms is always timed.
    timingHold_ = ++holdCount_ % kHoldSampleEvery == 0 ||
                  (options_.holdMs != nullptr && options_.holdMs->load(std::memory_order_relaxed) != 0);
    if (timingHold_) lockedAt_ = monotonicNs();
    crashPoint(CrashPoint::HoldingLock);
    holdInCriticalSection();
}

void RingEndpoint::leaveCriticalSection()
{
    ring_.ring_lock.holder.store(0, std::memory_order_relaxed);
    ring_.ring_lock.holder_pid.store(0, std::memory_order_relaxed);
    if (timingHold_) {
        const std::uint64_t held = monotonicNs() - lockedAt_;
        const bool stretched = options_.holdMs != nullptr && options_.holdMs->load(std::memory_order_relaxed) != 0;
        stats_.add(Counter::HoldNs, stretched ? held : held * kHoldSampleEvery);
    }
    stats_.setActivity(Activity::Running);
}

void RingEndpoint::setSlotState(std::uint64_t position, SlotState state)
{
    channel_.descriptor(slotIndex(position))
        .word.store(makeSlotWord(position >> lapShift_, state, record_), std::memory_order_relaxed);
}

void RingEndpoint::noteHighWater(std::uint64_t occupied)
{
    if (occupied <= localHighWater_) return;
    localHighWater_ = occupied;
    std::uint64_t seen = ring_.high_water_slots.load(std::memory_order_relaxed);
    while (seen < occupied &&
           !ring_.high_water_slots.compare_exchange_weak(seen, occupied, std::memory_order_relaxed)) {
    }
}

void RingEndpoint::fatal(const Error& error) const
{
    if (options_.fatal) options_.fatal(error);
    std::fprintf(stderr, "%s: %s\n", program_invocation_short_name, error.message.c_str());
    std::fflush(stderr);
    ::_exit(1);
}

Status claimRole(Channel& channel, IndexBlock& block, std::uint32_t me, const char* roleText)
{
    for (int attempt = 0; attempt < 1000; ++attempt) {
        std::uint32_t current = block.owner.load(std::memory_order_acquire);
        if (current != 0) {
            const std::uint32_t owner = ownerRecord(current);
            const bool sameIncarnation =
                owner < kMaxRecords &&
                (channel.record(owner).incarnation.load(std::memory_order_relaxed) & 0xFFFFFFu) ==
                    (current >> 8);
            if (owner < kMaxRecords && sameIncarnation && channel.recordAlive(owner))
                return makeError(ErrorCode::RoleTaken,
                                 std::string("--sync spsc allows one ") + roleText + "; pid " +
                                     std::to_string(block.owner_pid.load(std::memory_order_relaxed)) +
                                     " already is the " + roleText + " of channel " + channel.name());
        }
        // Free, or owned by a dead or departed process: take it over.
        if (block.owner.compare_exchange_strong(current, me, std::memory_order_acq_rel)) {
            block.owner_pid.store(static_cast<std::uint32_t>(::getpid()), std::memory_order_relaxed); // once per attach
            return {};
        }
    }
    return makeError(ErrorCode::RoleTaken, std::string("could not claim the ") + roleText + " role");
}

void releaseRole(IndexBlock& block, std::uint32_t me)
{
    std::uint32_t expected = me;
    block.owner.compare_exchange_strong(expected, 0, std::memory_order_acq_rel);
}

} // namespace shmscope::detail
