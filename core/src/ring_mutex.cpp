// The mutex ring: a robust process-shared pthread mutex protects head and tail; copies happen
// inside the critical section (the contention is the point of this strategy). Waiting for space or
// data happens outside the lock, on the futex event counts. Head and tail only move after a
// complete copy, so a holder killed mid-copy leaves a consistent ring: the next locker gets
// EOWNERDEAD, counts a recovery and goes on.
//
// Runs (a chunked message that one of several consumers must take whole): the producer waits
// until the run fits, then keeps the lock while it fills the run and moves head over all of it
// at once; the consumer that finds a run at tail (run_slots of its first slot) keeps the lock
// until it has read all of it. A run's slots are dropped together under drop-oldest.
#include "rings.hpp"

#include <atomic>
#include <cerrno>
#include <ctime>
#include <pthread.h>
#include <unistd.h>

namespace shmscope::detail {
namespace {

constexpr std::uint64_t kLockSpinNs = 5'000; // watch a busy lock this long before sleeping

class MutexEndpoint : protected RingEndpoint {
protected:
    using RingEndpoint::RingEndpoint;

    pthread_mutex_t* mutex() { return reinterpret_cast<pthread_mutex_t*>(ring_.ring_lock.mutex); }

    // Locks with contention and wait statistics; false when a stop was requested while waiting.
    // A busy lock is watched (a plain load of its word, not a CAS that would pull the holder's
    // line away) for up to kLockSpinNs, retrying when it looks free, before sleeping in the kernel:
    // a 64-byte message holds it for a few hundred nanoseconds, a futex sleep and wake cost
    // microseconds. --wait sleep goes to the kernel at once.
    bool lock()
    {
        int rc = pthread_mutex_trylock(mutex());
        if (rc == EBUSY) {
            stats_.add(Counter::LockContended);
            stats_.setActivity(Activity::WaitingLock);
            const std::uint64_t start = monotonicNs();
            if (options_.wait.kind != WaitKind::Sleep) rc = spinForLock(start);
            while (rc == EBUSY || rc == ETIMEDOUT) {
                timespec deadline{};
                clock_gettime(CLOCK_REALTIME, &deadline);
                deadline.tv_nsec += static_cast<long>(kWaitSliceNs);
                deadline.tv_sec += deadline.tv_nsec / 1'000'000'000L;
                deadline.tv_nsec %= 1'000'000'000L;
                rc = pthread_mutex_timedlock(mutex(), &deadline);
                if (rc == ETIMEDOUT && stopRequested(monotonicNs())) {
                    stats_.setActivity(Activity::Running);
                    return false;
                }
            }
            const std::uint64_t waited = monotonicNs() - start;
            stats_.add(Counter::WaitNs, waited);
            stats_.recordWait(waited);
        }
        if (rc == EOWNERDEAD) {
            // The ring state is consistent by construction (indices move after complete copies).
            pthread_mutex_consistent(mutex());
            stats_.add(Counter::LockRecoveries);
        }
        locked_ = true;
        enterCriticalSection();
        return true;
    }

    void unlock()
    {
        locked_ = false;
        leaveCriticalSection();
        pthread_mutex_unlock(mutex());
    }

    // Returns trylock's result once the lock looked free and was taken, or EBUSY after the spin.
    int spinForLock(std::uint64_t start)
    {
        const auto word = [this] {
            return std::atomic_ref<int>(mutex()->__data.__lock).load(std::memory_order_relaxed);
        };
        for (std::uint32_t pass = 1;; ++pass) {
            if (word() == 0) {
                const int rc = pthread_mutex_trylock(mutex());
                if (rc != EBUSY) return rc;
            }
            cpuRelax();
            if (pass % kSpinsPerClockRead == 0 && monotonicNs() - start >= kLockSpinNs) return EBUSY;
        }
    }

    std::uint64_t head() const { return ring_.producer.position.load(std::memory_order_acquire); }
    std::uint64_t tail() const { return ring_.consumer.position.load(std::memory_order_acquire); }

    // Slots of the run starting at `t` (under the lock), bounded by what the ring holds.
    std::uint64_t runAt(std::uint64_t t) const
    {
        const std::uint64_t slots = channel_.descriptor(slotIndex(t)).run_slots.load(std::memory_order_relaxed);
        return slots >= 2 && slots <= head() - t ? slots : 1;
    }

    bool locked_ = false; // held across calls while a run or a loan or view is open
};

// A zero-copy loan holds the ring's lock until commit, and a view until release: zero-copy here
// trades the copy for a longer critical section, which the contention plots show.
class MutexProducerSteps : protected MutexEndpoint {
public:
    using MutexEndpoint::MutexEndpoint;
    static constexpr bool kRuns = true;

    ~MutexProducerSteps()
    {
        if (locked_) unlock(); // a run left unfilled: head never moved, nothing of it is visible
    }

protected:
    // Returns Committed holding the lock with a free slot at `h`.
    PushStatus claim(std::uint64_t& h)
    {
        if (runNext_ < runEnd_) {
            h = runNext_++;
            return PushStatus::Committed;
        }
        return lockWithSpace(1, h);
    }

    void publish(std::uint64_t h)
    {
        crashPoint(CrashPoint::BeforePublish);
        const bool inRun = runEnd_ != 0;
        // Slot states of this ring follow from head, tail and the lock holder (snapshot.cpp);
        // the descriptor carries only run_slots, written when it changes (a store to a line the
        // consumers read costs a transfer per message).
        const std::uint32_t run = inRun && h == runHead_ ? static_cast<std::uint32_t>(runEnd_ - runHead_) : 1;
        AtomicU32& runSlots = channel_.descriptor(slotIndex(h)).run_slots;
        if (runSlots.load(std::memory_order_relaxed) != run) runSlots.store(run, std::memory_order_relaxed);
        if (inRun && h + 1 < runEnd_) return; // the lock stays ours until the run is complete
        runEnd_ = runNext_ = 0;
        ring_.producer.position.store(h + 1, std::memory_order_release);
        const std::uint64_t t = tail();
        unlock();
        notify(ring_.data);
        noteHighWater(h + 1 - t);
    }

    [[nodiscard]] std::uint32_t runLeft() const { return static_cast<std::uint32_t>(runEnd_ - runNext_); }

    PushStatus reserve(std::uint32_t slots)
    {
        std::uint64_t h = 0;
        const PushStatus status = lockWithSpace(slots, h);
        if (status != PushStatus::Committed) return status;
        runHead_ = runNext_ = h;
        runEnd_ = h + slots;
        return PushStatus::Committed;
    }

private:
    // Locks with room for `slots` slots at `h` (waiting for it outside the lock, or dropping
    // per backpressure).
    PushStatus lockWithSpace(std::uint64_t slots, std::uint64_t& h)
    {
        for (;;) {
            if (!lock()) return PushStatus::Stopped;
            h = head();
            std::uint64_t t = tail();
            if (h - t + slots > slotCount_) {
                const Backpressure policy = channel_.params().backpressure;
                if (policy == Backpressure::DropNewest) {
                    unlock();
                    stats_.add(Counter::Drops);
                    return PushStatus::Dropped;
                }
                if (policy == Backpressure::DropOldest) {
                    while (h - t + slots > slotCount_) { // whole messages: a run goes with its first slot
                        t += runAt(t);
                        stats_.add(Counter::Drops);
                    }
                    ring_.consumer.position.store(t, std::memory_order_release);
                } else {
                    unlock();
                    const auto hasSpace = [&] { return head() - tail() + slots <= slotCount_; };
                    if (waitFor(ring_.space, Activity::BlockedNoSlot, UINT64_MAX, hasSpace,
                                [](std::uint64_t) {}) != WaitOutcome::Ready)
                        return PushStatus::Stopped;
                    continue;
                }
            }
            crashPoint(CrashPoint::AfterClaim);
            return PushStatus::Committed;
        }
    }

    std::uint64_t runHead_ = 0;
    std::uint64_t runNext_ = 0;
    std::uint64_t runEnd_ = 0; // 0: no run
};

class MutexConsumerSteps : protected MutexEndpoint {
public:
    using MutexEndpoint::MutexEndpoint;

    ~MutexConsumerSteps()
    {
        if (locked_) unlock(); // a run left unread: tail stays at what was read
    }

protected:
    [[nodiscard]] bool nothingLeft() const { return runNext_ >= runEnd_ && head() == tail(); }

    // Returns Delivered holding the lock with a message at `t`.
    PopStatus claim(std::uint64_t& t, std::uint64_t deadlineNs)
    {
        if (runNext_ < runEnd_) {
            t = runNext_++;
            return PopStatus::Delivered;
        }
        for (;;) {
            const auto hasData = [&] { return head() != tail(); };
            switch (waitFor(ring_.data, Activity::BlockedNoData, deadlineNs, hasData, [](std::uint64_t) {})) {
            case WaitOutcome::Ready: break;
            case WaitOutcome::Timeout: return PopStatus::Empty;
            case WaitOutcome::Stopped: return PopStatus::Stopped;
            }
            if (!lock()) return PopStatus::Stopped;
            t = tail();
            if (head() == t) { // another consumer was faster
                unlock();
                continue;
            }
            if (const std::uint64_t run = runAt(t); run > 1) {
                runNext_ = t + 1;
                runEnd_ = t + run;
            }
            return PopStatus::Delivered;
        }
    }

    void finish(std::uint64_t t)
    {
        crashPoint(CrashPoint::AfterDequeue);
        ring_.consumer.position.store(t + 1, std::memory_order_release);
        if (runNext_ < runEnd_) return; // the lock stays ours until the run is read
        runNext_ = runEnd_ = 0;
        unlock();
        notify(ring_.space);
    }

private:
    std::uint64_t runNext_ = 0;
    std::uint64_t runEnd_ = 0;
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeMutexProducer(Channel& channel, RecordWriter& stats,
                                                        const EndpointOptions& options)
{
    return std::unique_ptr<RingProducer>(std::make_unique<SlotProducer<MutexProducerSteps>>(channel, stats, options));
}

Result<std::unique_ptr<RingConsumer>> makeMutexConsumer(Channel& channel, RecordWriter& stats,
                                                        const EndpointOptions& options)
{
    return std::unique_ptr<RingConsumer>(std::make_unique<SlotConsumer<MutexConsumerSteps>>(channel, stats, options));
}

} // namespace shmscope::detail
