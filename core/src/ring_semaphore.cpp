// The textbook semaphore ring: sem_t empty (free slots), full (ready slots) and a binary
// semaphore as the mutex. Semaphores have no owner, so a process killed inside the critical
// section cannot be recovered: the holder is recorded after each acquisition, and a waiter that
// is stuck for the stall timeout behind a dead holder reports "lock held by dead process N".
// Nor can a permit taken by a process that died before passing it on (a producer between
// sem_wait(empty) and sem_post(full), a consumer between sem_wait(full) and sem_post(empty)):
// each process keeps Counter::PermitsHeld at 1 while it holds one, so that monitors can say
// "N slots leaked by dead process P", and a waiter stuck for the stall timeout because of such
// leaks reports that line instead of waiting for ever. Recovery is out of scope: this ring is
// the example of a primitive without an owner.
#include "rings.hpp"

#include "shmscope/snapshot.hpp"

#include <cerrno>
#include <ctime>
#include <semaphore.h>
#include <unistd.h>
#include <vector>

namespace shmscope::detail {
namespace {

enum class Acquire { Acquired, Timeout, Stopped, DeadOwner, Leaked };

constexpr std::uint64_t kSemSpinNs = 5'000; // watch a semaphore this long before sleeping

class SemaphoreEndpoint : protected RingEndpoint {
protected:
    using RingEndpoint::RingEndpoint;

    sem_t* empty() { return reinterpret_cast<sem_t*>(ring_.sem_empty); }
    sem_t* full() { return reinterpret_cast<sem_t*>(ring_.sem_full); }
    sem_t* mutex() { return reinterpret_cast<sem_t*>(ring_.sem_mutex); }

    // Waits on `sem` in slices until `deadlineNs`, watching for a dead lock holder.
    Acquire acquire(sem_t* sem, std::uint64_t deadlineNs, bool isLock)
    {
        if (sem_trywait(sem) == 0) {
            stalledSince_ = 0;
            return Acquire::Acquired;
        }
        const std::uint64_t start = monotonicNs();
        // Consumers wait in short pops; the stall clock runs across them until something moves.
        if (stalledSince_ == 0) stalledSince_ = start;
        if (isLock) {
            stats_.add(Counter::LockContended);
            stats_.setActivity(Activity::WaitingLock);
        }
        Acquire result = Acquire::Acquired;
        // The peer usually posts within a few hundred nanoseconds: watch the count (sem_getvalue
        // is a plain load) for up to kSemSpinNs before sleeping in the kernel, unless --wait sleep.
        const bool spun = options_.wait.kind != WaitKind::Sleep && spinFor(sem, start);
        for (;;) {
            if (spun) {
                stalledSince_ = 0;
                break;
            }
            timespec deadline{};
            clock_gettime(CLOCK_REALTIME, &deadline);
            deadline.tv_nsec += static_cast<long>(kStallCheckNs);
            deadline.tv_sec += deadline.tv_nsec / 1'000'000'000L;
            deadline.tv_nsec %= 1'000'000'000L;
            if (sem_timedwait(sem, &deadline) == 0) {
                stalledSince_ = 0;
                break;
            }
            if (errno != ETIMEDOUT && errno != EINTR) continue;
            const std::uint64_t now = monotonicNs();
            if (stopRequested(now)) { result = Acquire::Stopped; break; }
            if (now >= deadlineNs) { result = Acquire::Timeout; break; }
            // A lock held by a dead process can never be released: whoever waits, for the lock
            // or for data or space behind it, reports it once the stall timeout has passed.
            if (now - stalledSince_ >= options_.stallTimeoutNs && holderDead()) {
                result = Acquire::DeadOwner;
                break;
            }
            // Waiting for a permit that dead processes took with them: free slots (producer) or
            // ready messages (consumer) exist, the semaphore says none, and the dead hold them.
            if (now - stalledSince_ >= options_.stallTimeoutNs && starvedByLeak(sem)) {
                result = Acquire::Leaked;
                break;
            }
        }
        const std::uint64_t waited = monotonicNs() - start;
        stats_.add(Counter::WaitNs, waited);
        stats_.recordWait(waited);
        stats_.setActivity(Activity::Running);
        return result;
    }

    // True when `sem` was taken within kSemSpinNs of `start`.
    static bool spinFor(sem_t* sem, std::uint64_t start)
    {
        for (std::uint32_t pass = 1;; ++pass) {
            int value = 0;
            if (sem_getvalue(sem, &value) == 0 && value > 0 && sem_trywait(sem) == 0) return true;
            cpuRelax();
            if (pass % kSpinsPerClockRead == 0 && monotonicNs() - start >= kSemSpinNs) return false;
        }
    }

    bool holderDead() const
    {
        const std::uint32_t holder = ring_.ring_lock.holder.load(std::memory_order_relaxed);
        if (holder == 0) return false;
        const std::uint32_t record = ownerRecord(holder);
        return record < kMaxRecords && record != record_ && !channel_.recordAlive(record);
    }

    // True when `sem` (empty or full) is at 0 while the ring has slots it should count, and dead
    // processes hold permits; leakError() then names them.
    bool starvedByLeak(sem_t* sem)
    {
        int value = 0;
        if (sem_getvalue(sem, &value) != 0 || value > 0) return false;
        const std::uint64_t occupied = ring_.producer.position.load(std::memory_order_acquire) -
                                       ring_.consumer.position.load(std::memory_order_acquire);
        const bool waitingForSpace = sem == empty();
        const bool ringHasIt = waitingForSpace ? occupied < slotCount_ : occupied > 0 && occupied <= slotCount_;
        if (!ringHasIt) return false;
        leaked_ = permitLeaks(channel_, waitingForSpace ? Role::Producer : Role::Consumer, record_);
        return !leaked_.empty();
    }

    Error leakError() const
    {
        std::string text;
        for (const PermitLeak& leak : leaked_) text += (text.empty() ? "" : "; ") + describeLeak(leak);
        return makeError(ErrorCode::DeadOwner, text);
    }

    Error deadOwnerError() const
    {
        return makeError(ErrorCode::DeadOwner,
                         "lock held by dead process " +
                             std::to_string(ring_.ring_lock.holder_pid.load(std::memory_order_relaxed)));
    }

    // The binary-semaphore critical section, with the same bookkeeping as a mutex.
    Result<bool> lock()
    {
        switch (acquire(mutex(), UINT64_MAX, true)) {
        case Acquire::Acquired: break;
        case Acquire::DeadOwner: return deadOwnerError();
        default: return false;
        }
        enterCriticalSection();
        return true;
    }

    void unlock()
    {
        leaveCriticalSection();
        sem_post(mutex());
    }

private:
    std::uint64_t stalledSince_ = 0;
    std::vector<PermitLeak> leaked_;
};

class SemaphoreProducer final : public RingProducer, SemaphoreEndpoint {
public:
    using SemaphoreEndpoint::SemaphoreEndpoint;

    Result<PushStatus> push(OutgoingMessage& message) override
    {
        if (Status ok = checkOutgoing(message); !ok) return ok.error();
        stats_.setActivity(Activity::BlockedNoSlot);
        switch (acquire(empty(), UINT64_MAX, false)) {
        case Acquire::Acquired: break;
        case Acquire::DeadOwner: return deadOwnerError();
        case Acquire::Leaked: return leakError();
        default: return PushStatus::Stopped;
        }
        stats_.set(Counter::PermitsHeld, 1); // a free slot is ours until sem_post(full)
        crashPoint(CrashPoint::AfterClaim);
        Result<bool> locked = lock();
        if (!locked) return locked.error();
        if (!*locked) {
            sem_post(empty());
            stats_.set(Counter::PermitsHeld, 0);
            return PushStatus::Stopped;
        }
        const std::uint64_t h = ring_.producer.position.load(std::memory_order_relaxed);
        setSlotState(h, SlotState::Writing);
        copyIn(static_cast<std::uint32_t>(h & mask_), message);
        crashPoint(CrashPoint::BeforePublish);
        setSlotState(h, SlotState::Ready);
        ring_.producer.position.store(h + 1, std::memory_order_release);
        const std::uint64_t t = ring_.consumer.position.load(std::memory_order_acquire);
        unlock();
        sem_post(full());
        stats_.set(Counter::PermitsHeld, 0);
        noteHighWater(h + 1 - t);
        return PushStatus::Committed;
    }
};

class SemaphoreConsumer final : public RingConsumer, SemaphoreEndpoint {
public:
    using SemaphoreEndpoint::SemaphoreEndpoint;

    Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload,
                          std::uint64_t deadlineNs) override
    {
        stats_.setActivity(Activity::BlockedNoData);
        switch (acquire(full(), deadlineNs, false)) {
        case Acquire::Acquired: break;
        case Acquire::Timeout: stats_.setActivity(Activity::Running); return PopStatus::Empty;
        case Acquire::DeadOwner: return deadOwnerError();
        case Acquire::Leaked: return leakError();
        default: return PopStatus::Stopped;
        }
        stats_.set(Counter::PermitsHeld, 1); // a ready message is ours until sem_post(empty)
        Result<bool> locked = lock();
        if (!locked) return locked.error();
        if (!*locked) {
            sem_post(full());
            stats_.set(Counter::PermitsHeld, 0);
            return PopStatus::Stopped;
        }
        const std::uint64_t t = ring_.consumer.position.load(std::memory_order_relaxed);
        setSlotState(t, SlotState::Reading);
        const bool valid = copyOut(static_cast<std::uint32_t>(t & mask_), header, payload);
        crashPoint(CrashPoint::AfterDequeue);
        setSlotState(t, SlotState::Free);
        ring_.consumer.position.store(t + 1, std::memory_order_release);
        unlock();
        sem_post(empty());
        stats_.set(Counter::PermitsHeld, 0);
        if (!valid) {
            stats_.add(Counter::Corrupt);
            return PopStatus::Corrupt;
        }
        return PopStatus::Delivered;
    }

    [[nodiscard]] bool drained() const override
    {
        return ring_.producer.position.load(std::memory_order_acquire) ==
               ring_.consumer.position.load(std::memory_order_acquire);
    }
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeSemaphoreProducer(Channel& channel, RecordWriter& stats,
                                                            const EndpointOptions& options)
{
    return std::unique_ptr<RingProducer>(std::make_unique<SemaphoreProducer>(channel, stats, options));
}

Result<std::unique_ptr<RingConsumer>> makeSemaphoreConsumer(Channel& channel, RecordWriter& stats,
                                                            const EndpointOptions& options)
{
    return std::unique_ptr<RingConsumer>(std::make_unique<SemaphoreConsumer>(channel, stats, options));
}

} // namespace shmscope::detail
