// The Boost.Interprocess ring: interprocess_mutex + two interprocess_conditions, the classic
// textbook monitor and the known-bad demo (docs/PROTOCOL.md). On Debian's Boost 1.74 the mutex is
// not robust: a process killed while holding it blocks every later lock forever, including the
// re-lock inside a condition wait, which no timeout can interrupt. So a watchdog thread watches
// for a call into Boost that has not returned within the stall timeout and, if the recorded
// holder is dead, reports "lock held by dead process N" and ends the process.
#include "rings.hpp"

#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <boost/interprocess/sync/interprocess_condition.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>
#include <boost/interprocess/sync/scoped_lock.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace shmscope::detail {
namespace {

namespace bip = boost::interprocess;
using Lock = bip::scoped_lock<bip::interprocess_mutex>;

boost::posix_time::ptime sliceFromNow()
{
    return boost::posix_time::microsec_clock::universal_time() +
           boost::posix_time::milliseconds(static_cast<long>(kStallCheckNs / 1'000'000));
}

class BoostEndpoint : protected RingEndpoint {
public:
    BoostEndpoint(Channel& channel, RecordWriter& stats, const EndpointOptions& options)
        : RingEndpoint(channel, stats, options), watchdog_([this] { watch(); })
    {
    }
    ~BoostEndpoint()
    {
        {
            std::lock_guard guard(watchdogMutex_);
            stopWatchdog_ = true;
        }
        watchdogWake_.notify_all();
        watchdog_.join();
    }
    BoostEndpoint(const BoostEndpoint&) = delete;
    BoostEndpoint& operator=(const BoostEndpoint&) = delete;

protected:

    bip::interprocess_mutex& mutex() { return *reinterpret_cast<bip::interprocess_mutex*>(ring_.boost_mutex); }
    bip::interprocess_condition& notFull()
    {
        return *reinterpret_cast<bip::interprocess_condition*>(ring_.boost_not_full);
    }
    bip::interprocess_condition& notEmpty()
    {
        return *reinterpret_cast<bip::interprocess_condition*>(ring_.boost_not_empty);
    }

    // Acquires the lock in slices; false on stop.
    bool lock(Lock& lock)
    {
        const std::uint64_t start = monotonicNs();
        insideSince_.store(start, std::memory_order_relaxed);
        bool locked = lock.try_lock();
        if (!locked) {
            stats_.add(Counter::LockContended);
            stats_.setActivity(Activity::WaitingLock);
            while (!(locked = lock.timed_lock(sliceFromNow())))
                if (stopRequested(monotonicNs())) break;
            const std::uint64_t waited = monotonicNs() - start;
            stats_.add(Counter::WaitNs, waited);
            stats_.recordWait(waited);
        }
        insideSince_.store(0, std::memory_order_relaxed);
        if (locked) entered();
        return locked;
    }

    // One bounded condition wait; the lock is held again when it returns.
    void waitOn(bip::interprocess_condition& condition, Lock& lock, Activity activity)
    {
        leaving();
        stats_.setActivity(activity);
        const std::uint64_t start = monotonicNs();
        insideSince_.store(start, std::memory_order_relaxed);
        condition.timed_wait(lock, sliceFromNow());
        insideSince_.store(0, std::memory_order_relaxed);
        const std::uint64_t waited = monotonicNs() - start;
        stats_.add(Counter::WaitNs, waited);
        stats_.recordWait(waited);
        entered();
    }

    void entered() { enterCriticalSection(); }
    void leaving() { leaveCriticalSection(); }

private:
    void watch()
    {
        std::unique_lock guard(watchdogMutex_);
        while (!watchdogWake_.wait_for(guard, std::chrono::milliseconds(100), [this] { return stopWatchdog_; })) {
            const std::uint64_t since = insideSince_.load(std::memory_order_relaxed);
            if (since == 0 || monotonicNs() - since < options_.stallTimeoutNs) continue;
            const std::uint32_t holder = ring_.ring_lock.holder.load(std::memory_order_relaxed);
            const std::uint32_t record = ownerRecord(holder);
            if (holder != 0 && record < kMaxRecords && record != record_ && !channel_.recordAlive(record))
                fatal(makeError(ErrorCode::DeadOwner,
                                "lock held by dead process " +
                                    std::to_string(ring_.ring_lock.holder_pid.load(std::memory_order_relaxed))));
        }
    }

    std::atomic<std::uint64_t> insideSince_{0};
    std::mutex watchdogMutex_;
    std::condition_variable watchdogWake_;
    bool stopWatchdog_ = false;
    std::thread watchdog_;
};

class BoostProducer final : public RingProducer, BoostEndpoint {
public:
    using BoostEndpoint::BoostEndpoint;

    Result<PushStatus> push(OutgoingMessage& message) override
    {
        if (Status ok = checkOutgoing(message); !ok) return ok.error();
        Lock guard(mutex(), bip::defer_lock);
        if (!lock(guard)) return PushStatus::Stopped;
        std::uint64_t h = ring_.producer.position.load(std::memory_order_relaxed);
        std::uint64_t t = ring_.consumer.position.load(std::memory_order_relaxed);
        while (h - t >= slotCount_) {
            stats_.add(Counter::Blocked);
            waitOn(notFull(), guard, Activity::BlockedNoSlot);
            if (stopRequested(monotonicNs())) {
                leaving();
                return PushStatus::Stopped;
            }
            // The lock was released while waiting: other producers may have moved the head.
            h = ring_.producer.position.load(std::memory_order_relaxed);
            t = ring_.consumer.position.load(std::memory_order_relaxed);
        }
        crashPoint(CrashPoint::AfterClaim);
        setSlotState(h, SlotState::Writing);
        copyIn(static_cast<std::uint32_t>(h & mask_), message);
        crashPoint(CrashPoint::BeforePublish);
        setSlotState(h, SlotState::Ready);
        ring_.producer.position.store(h + 1, std::memory_order_release);
        notEmpty().notify_one();
        leaving();
        noteHighWater(h + 1 - t);
        return PushStatus::Committed;
    }
};

class BoostConsumer final : public RingConsumer, BoostEndpoint {
public:
    using BoostEndpoint::BoostEndpoint;

    Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload,
                          std::uint64_t deadlineNs) override
    {
        Lock guard(mutex(), bip::defer_lock);
        if (!lock(guard)) return PopStatus::Stopped;
        std::uint64_t t = ring_.consumer.position.load(std::memory_order_relaxed);
        while (ring_.producer.position.load(std::memory_order_relaxed) == t) {
            const std::uint64_t now = monotonicNs();
            if (stopRequested(now) || now >= deadlineNs) {
                leaving();
                return stopRequested(now) ? PopStatus::Stopped : PopStatus::Empty;
            }
            stats_.add(Counter::Blocked);
            waitOn(notEmpty(), guard, Activity::BlockedNoData);
            t = ring_.consumer.position.load(std::memory_order_relaxed);
        }
        setSlotState(t, SlotState::Reading);
        const bool valid = copyOut(static_cast<std::uint32_t>(t & mask_), header, payload);
        crashPoint(CrashPoint::AfterDequeue);
        setSlotState(t, SlotState::Free);
        ring_.consumer.position.store(t + 1, std::memory_order_release);
        notFull().notify_one();
        leaving();
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

Result<std::unique_ptr<RingProducer>> makeBoostMutexProducer(Channel& channel, RecordWriter& stats,
                                                             const EndpointOptions& options)
{
    return std::unique_ptr<RingProducer>(std::make_unique<BoostProducer>(channel, stats, options));
}

Result<std::unique_ptr<RingConsumer>> makeBoostMutexConsumer(Channel& channel, RecordWriter& stats,
                                                             const EndpointOptions& options)
{
    return std::unique_ptr<RingConsumer>(std::make_unique<BoostConsumer>(channel, stats, options));
}

} // namespace shmscope::detail
