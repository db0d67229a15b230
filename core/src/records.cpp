// Stats-record lifecycle: claiming (liveness by OFD locks), releasing, crash repair, folding.
#include "channel_impl.hpp"

#include "shmscope/wait.hpp"

#include <unistd.h>

namespace shmscope {
namespace {

void zeroRecord(StatsRecord& record)
{
    for (AtomicU64& counter : record.counters) counter.store(0, std::memory_order_relaxed);
    record.reserved_program.store(0, std::memory_order_relaxed);
    for (AtomicU64& bucket : record.wait_hist) bucket.store(0, std::memory_order_relaxed);
    for (AtomicU64& bucket : record.latency_hist) bucket.store(0, std::memory_order_relaxed);
    record.activity.store(static_cast<std::uint32_t>(Activity::Starting), std::memory_order_relaxed);
    record.closed.store(0, std::memory_order_relaxed);
    record.last_sequence.store(0, std::memory_order_relaxed);
    record.rate_hz.store(0, std::memory_order_relaxed);
    record.message_bytes.store(0, std::memory_order_relaxed);
    record.heartbeat_ns.store(0, std::memory_order_relaxed);
}

void addInto(AtomicU64& to, const AtomicU64& from)
{
    to.store(to.load(std::memory_order_relaxed) + from.load(std::memory_order_relaxed),
             std::memory_order_relaxed);
}

// Adds a record's counters to the departed totals. Caller holds the repair mutex.
void foldInto(StatsRecord& departed, const StatsRecord& record)
{
    for (std::uint32_t i = 0; i < kCounterSlots; ++i) addInto(departed.counters[i], record.counters[i]);
    for (std::uint32_t i = 0; i < kHistogramBuckets; ++i) {
        addInto(departed.wait_hist[i], record.wait_hist[i]);
        addInto(departed.latency_hist[i], record.latency_hist[i]);
    }
}

bool ownerPresent(std::uint32_t state)
{
    return state == static_cast<std::uint32_t>(RecordState::Active) ||
           state == static_cast<std::uint32_t>(RecordState::Claiming);
}

} // namespace

bool Channel::recordAlive(std::uint32_t index) const
{
    if (index >= kMaxRecords) return false;
    if (index == impl_->record) return true;
    return detail::ofdHeldByOther(impl_->segment.dataFd.get(), index);
}

Result<std::uint32_t> Channel::claimRecord(Role role, Program program)
{
    const int fd = impl_->segment.dataFd.get();
    // The first pass leaves the records of dead processes that still hold semaphore permits: they
    // are the evidence of "N slots leaked by dead process P" (reused only when nothing else is).
    for (std::uint32_t i = 0, pass = 0; pass < 2; i = (i + 1) % kMaxRecords, pass += i == 0 ? 1 : 0) {
        if (!detail::ofdTryLock(fd, i)) continue; // a live process owns it
        StatsRecord& rec = record(i);
        const std::uint32_t state = rec.state.load(std::memory_order_acquire);
        if (pass == 0 && state != static_cast<std::uint32_t>(RecordState::Free) &&
            rec.counters[static_cast<std::uint32_t>(Counter::PermitsHeld)].load(std::memory_order_relaxed) != 0) {
            detail::ofdUnlock(fd, i);
            continue;
        }
        if (state != static_cast<std::uint32_t>(RecordState::Free)) {
            // Holding the lock proves the previous owner is gone: repair, fold, reuse.
            if (ownerPresent(state)) repairDeadRecordLocked(i);
            detail::lockRobust(ring().repair_lock.mutex);
            foldInto(record(kDepartedRecord), rec);
            detail::unlockRobust(ring().repair_lock.mutex);
        }
        rec.state.store(static_cast<std::uint32_t>(RecordState::Claiming), std::memory_order_relaxed);
        zeroRecord(rec);
        const std::uint32_t incarnation = rec.incarnation.load(std::memory_order_relaxed) + 1;
        rec.incarnation.store(incarnation, std::memory_order_relaxed);
        rec.pid.store(static_cast<std::uint32_t>(::getpid()), std::memory_order_relaxed);
        rec.role.store(static_cast<std::uint32_t>(role), std::memory_order_relaxed);
        rec.program.store(static_cast<std::uint32_t>(program), std::memory_order_relaxed);
        rec.applied_generation.store(controlEntry(i).generation.load(std::memory_order_acquire),
                                     std::memory_order_relaxed);
        const std::uint64_t now = monotonicNs();
        rec.started_ns.store(now, std::memory_order_relaxed);
        rec.heartbeat_ns.store(now, std::memory_order_relaxed);
        rec.state.store(static_cast<std::uint32_t>(RecordState::Active), std::memory_order_release);
        AtomicU64& joins = role == Role::Producer ? ring().producer_joins : ring().consumer_joins;
        joins.fetch_add(1, std::memory_order_acq_rel);
        impl_->record = i;
        impl_->incarnation = incarnation;
        return i;
    }
    return makeError(ErrorCode::TableFull, "channel " + impl_->name + " already has " +
                                               std::to_string(kMaxRecords) +
                                               " attached processes (the stats table is full)");
}

void Channel::releaseRecord()
{
    if (impl_->record == kNoRecord) return;
    StatsRecord& rec = record(impl_->record);
    rec.activity.store(static_cast<std::uint32_t>(Activity::Exiting), std::memory_order_relaxed);
    rec.state.store(static_cast<std::uint32_t>(RecordState::Exited), std::memory_order_release);
    detail::ofdUnlock(impl_->segment.dataFd.get(), impl_->record);
    impl_->record = kNoRecord;
}

std::uint64_t Channel::repairDeadRecordLocked(std::uint32_t index)
{
    StatsRecord& rec = record(index);
    if (!ownerPresent(rec.state.load(std::memory_order_acquire))) return 0;
    detail::lockRobust(ring().repair_lock.mutex);
    const std::uint64_t abandoned = detail::repairRingClaims(*this, index);
    rec.activity.store(static_cast<std::uint32_t>(Activity::Exiting), std::memory_order_relaxed);
    rec.state.store(static_cast<std::uint32_t>(RecordState::Dead), std::memory_order_release);
    detail::unlockRobust(ring().repair_lock.mutex);
    return abandoned;
}

std::uint64_t Channel::repairDeadRecord(std::uint32_t index)
{
    if (index >= kMaxRecords || index == impl_->record) return 0;
    const int fd = impl_->segment.dataFd.get();
    if (!detail::ofdTryLock(fd, index)) return 0; // alive
    const std::uint64_t abandoned = repairDeadRecordLocked(index);
    detail::ofdUnlock(fd, index);
    return abandoned;
}

std::uint32_t Channel::repairDeadRecords()
{
    std::uint32_t repaired = 0;
    for (std::uint32_t i = 0; i < kMaxRecords; ++i) {
        if (i == impl_->record) continue;
        if (!ownerPresent(record(i).state.load(std::memory_order_acquire))) continue;
        if (recordAlive(i)) continue;
        repairDeadRecord(i);
        ++repaired;
    }
    return repaired;
}

} // namespace shmscope
