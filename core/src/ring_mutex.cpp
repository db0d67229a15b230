// The mutex ring: a robust process-shared pthread mutex protects head and tail; copies happen
// inside the critical section (the contention is the point of this strategy). Waiting for space or
// data happens outside the lock, on the futex event counts. Head and tail only move after a
// complete copy, so a holder killed mid-copy leaves a consistent ring: the next locker gets
// EOWNERDEAD, counts a recovery and goes on.
#include "rings.hpp"

#include <cerrno>
#include <ctime>
#include <pthread.h>
#include <unistd.h>

namespace shmscope::detail {
namespace {

class MutexEndpoint : protected RingEndpoint {
protected:
    using RingEndpoint::RingEndpoint;

    pthread_mutex_t* mutex() { return reinterpret_cast<pthread_mutex_t*>(ring_.ring_lock.mutex); }

    // Locks with contention and wait statistics; false when a stop was requested while waiting.
    bool lock()
    {
        const std::uint64_t start = monotonicNs();
        int rc = pthread_mutex_trylock(mutex());
        if (rc == EBUSY) {
            stats_.add(Counter::LockContended);
            stats_.setActivity(Activity::WaitingLock);
            for (;;) {
                timespec deadline{};
                clock_gettime(CLOCK_REALTIME, &deadline);
                deadline.tv_nsec += static_cast<long>(kWaitSliceNs);
                deadline.tv_sec += deadline.tv_nsec / 1'000'000'000L;
                deadline.tv_nsec %= 1'000'000'000L;
                rc = pthread_mutex_timedlock(mutex(), &deadline);
                if (rc != ETIMEDOUT) break;
                if (stopRequested(monotonicNs())) {
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
        enterCriticalSection();
        return true;
    }

    void unlock()
    {
        leaveCriticalSection();
        pthread_mutex_unlock(mutex());
    }

    std::uint64_t head() const { return ring_.producer.position.load(std::memory_order_acquire); }
    std::uint64_t tail() const { return ring_.consumer.position.load(std::memory_order_acquire); }
};

// A zero-copy loan holds the ring's lock until commit, and a view until release: zero-copy here
// trades the copy for a longer critical section, which the contention plots show.
class MutexProducerSteps : protected MutexEndpoint {
public:
    using MutexEndpoint::MutexEndpoint;

protected:
    // Returns Committed holding the lock with a free slot at `h`.
    PushStatus claim(std::uint64_t& h)
    {
        for (;;) {
            if (!lock()) return PushStatus::Stopped;
            h = head();
            std::uint64_t t = tail();
            if (h - t >= slotCount_) {
                const Backpressure policy = channel_.params().backpressure;
                if (policy == Backpressure::DropNewest) {
                    unlock();
                    stats_.add(Counter::Drops);
                    return PushStatus::Dropped;
                }
                if (policy == Backpressure::DropOldest) {
                    setSlotState(t, SlotState::Free);
                    ring_.consumer.position.store(++t, std::memory_order_release);
                    stats_.add(Counter::Drops);
                } else {
                    unlock();
                    const auto hasSpace = [&] { return head() - tail() < slotCount_; };
                    if (waitFor(ring_.space, Activity::BlockedNoSlot, UINT64_MAX, hasSpace,
                                [](std::uint64_t) {}) != WaitOutcome::Ready)
                        return PushStatus::Stopped;
                    continue;
                }
            }
            crashPoint(CrashPoint::AfterClaim);
            setSlotState(h, SlotState::Writing);
            return PushStatus::Committed;
        }
    }

    void publish(std::uint64_t h)
    {
        crashPoint(CrashPoint::BeforePublish);
        setSlotState(h, SlotState::Ready);
        ring_.producer.position.store(h + 1, std::memory_order_release);
        const std::uint64_t t = tail();
        unlock();
        notify(ring_.data);
        noteHighWater(h + 1 - t);
    }
};

class MutexConsumerSteps : protected MutexEndpoint {
public:
    using MutexEndpoint::MutexEndpoint;

protected:
    [[nodiscard]] bool nothingLeft() const { return head() == tail(); }

    // Returns Delivered holding the lock with a message at `t`.
    PopStatus claim(std::uint64_t& t, std::uint64_t deadlineNs)
    {
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
            setSlotState(t, SlotState::Reading);
            return PopStatus::Delivered;
        }
    }

    void finish(std::uint64_t t)
    {
        crashPoint(CrashPoint::AfterDequeue);
        setSlotState(t, SlotState::Free);
        ring_.consumer.position.store(t + 1, std::memory_order_release);
        unlock();
        notify(ring_.space);
    }
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
