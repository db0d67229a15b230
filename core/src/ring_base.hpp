// What every ring endpoint shares: slot copies with validation, blocking waits with stop flags and
// statistics, and role/lock bookkeeping.
#pragma once

#include "shmscope/crash_point.hpp"
#include "shmscope/ring.hpp"

#include <atomic>
#include <cstddef>
#include <cstring>
#include <string>

namespace shmscope::detail {

inline constexpr std::uint64_t kStallCheckNs = 10'000'000; // look for dead peers this often while blocked
inline constexpr int kFastSpins = 64;          // re-checks before a wait counts as blocked
inline constexpr std::uint32_t kSpinsPerClockRead = 16;
inline constexpr std::uint32_t kHoldSampleEvery = 64; // lock holds timed: one in this many

// The stamp word of the message header in the slot at `slot` (layout.hpp, spscStamp): only the
// spsc ring writes it, with release, after everything else in the slot.
inline std::atomic_ref<std::uint32_t> slotStamp(std::byte* slot)
{
    return std::atomic_ref<std::uint32_t>(
        *reinterpret_cast<std::uint32_t*>(slot + offsetof(MessageHeader, stamp)));
}

enum class WaitOutcome { Ready, Timeout, Stopped };

class RingEndpoint {
public:
    RingEndpoint(Channel& channel, RecordWriter& stats, const EndpointOptions& options);
    // Steps that reserve runs (RingProducer::reserveRun) say so and provide
    //   PushStatus reserve(std::uint32_t slots)   and   std::uint32_t runLeft() const.
    static constexpr bool kRuns = false;
    // Consumer steps that give slots back in batches say so and provide   void giveBackHeld().
    static constexpr bool kBatchedRelease = false;

protected:
    [[nodiscard]] bool stopRequested(std::uint64_t nowNs) const;

    // Writes payload then header (commit_ns set last) into `slot`, all of the header but its stamp
    // word, which belongs to the ring; crash point mid-copy halfway.
    void copyIn(std::uint32_t slot, OutgoingMessage& message);
    // Copies the header to `header`, validates it against the slot and the buffer, then copies the
    // payload. Returns false (nothing copied into `header`) when the header is invalid.
    bool copyOut(std::uint32_t slot, MessageHeader& header, std::span<std::byte> payload);
    Status checkOutgoing(const OutgoingMessage& message) const;

    // Blocks until ready() is true, the deadline passes or a stop is requested; `stallCheck` runs
    // every kStallCheckNs while blocked (crash repair of dead peers).
    template <typename Ready, typename StallCheck>
    WaitOutcome waitFor(EventCountWord& event, Activity activity, std::uint64_t deadlineNs,
                        Ready&& ready, StallCheck&& stallCheck);

    // commit_ns for the message being committed: the clock on one message in stampEvery (the
    // first one included), 0 on the others. Latency histograms are sampled accordingly.
    std::uint64_t commitStamp()
    {
        const std::uint32_t every =
            options_.stampEvery != nullptr ? options_.stampEvery->load(std::memory_order_relaxed)
                                           : kDefaultStampEvery;
        if (stampCountdown_ != 0 && every > 1) {
            --stampCountdown_;
            return 0;
        }
        stampCountdown_ = every > 1 ? every - 1 : 0;
        return monotonicNs();
    }

    void holdInCriticalSection() const;
    // Bookkeeping of the lock-based strategies around their own lock: the holder recorded in the
    // ring (who to blame if it dies), acquisitions, hold time, activity, the holding-lock crash
    // point and --hold-lock-ms.
    void enterCriticalSection();
    void leaveCriticalSection();
    // Descriptor state of a lock-based ring, for display only (written under the lock).
    void setSlotState(std::uint64_t position, SlotState state);
    [[nodiscard]] std::uint32_t slotIndex(std::uint64_t position) const
    {
        return static_cast<std::uint32_t>(position & mask_);
    }

    // Zero-copy bookkeeping shared by every strategy that supports loans and views.
    Status beginLoan(std::size_t bytes) const;
    Status checkCommit(std::size_t bytes) const;
    // Writes the header of a loaned slot (payload already in place) but its stamp; sets commit_ns.
    void writeLoanHeader(std::uint32_t slot, MessageHeader& header, std::size_t bytes);
    // Validates the header in `slot` and returns a view of its payload; false when invalid.
    bool viewSlot(std::uint32_t slot, MessageHeader& header, std::span<const std::byte>& payload);
    Status beginView() const;
    Status checkRelease() const;

    bool loanOpen_ = false;
    std::uint64_t loanPosition_ = 0;
    std::size_t loanBytes_ = 0;
    bool viewOpen_ = false;
    std::uint64_t viewPosition_ = 0;
    void noteHighWater(std::uint64_t occupied);
    [[nodiscard]] std::uint32_t me() const { return packOwner(record_, incarnation_); }
    [[nodiscard]] std::uint64_t meSlotRecord() const { return record_; }
    [[noreturn]] void fatal(const Error& error) const;

    Channel& channel_;
    RecordWriter& stats_;
    EndpointOptions options_;
    RingControl& ring_;
    std::uint32_t slotCount_;
    std::uint32_t mask_;
    std::uint32_t lapShift_;
    std::uint64_t slotPayloadBytes_;
    std::uint32_t record_;
    std::uint32_t incarnation_;
    std::uint64_t localHighWater_ = 0;
    std::uint64_t lockedAt_ = 0;
    std::uint32_t stampCountdown_ = 0;
    std::uint32_t pid_;           // getpid() once: it is a system call, not a cached value
    std::uint32_t holdCount_ = 0;
    bool timingHold_ = false;
};

template <typename Ready, typename StallCheck>
WaitOutcome RingEndpoint::waitFor(EventCountWord& event, Activity activity, std::uint64_t deadlineNs,
                                  Ready&& ready, StallCheck&& stallCheck)
{
    // Fast path: the other side is usually a few hundred nanoseconds away. No clock, no stats.
    for (int i = 0; i < kFastSpins; ++i) {
        if (ready()) return WaitOutcome::Ready;
        cpuRelax();
    }
    const std::uint64_t start = monotonicNs();
    Waiter waiter(options_.wait, event, start);
    stats_.setActivity(activity);
    stats_.add(Counter::Blocked);
    std::uint64_t now = start;
    std::uint64_t nextCheck = start + kStallCheckNs;
    std::uint32_t cheapPasses = 0;
    WaitOutcome outcome = WaitOutcome::Ready;
    while (!ready()) {
        // Spinning passes read the clock every kSpinsPerClockRead; every other pass reads it.
        if (cheapPasses == 0) {
            now = monotonicNs();
            if (stopRequested(now)) {
                outcome = WaitOutcome::Stopped;
                break;
            }
            if (now >= deadlineNs) {
                outcome = WaitOutcome::Timeout;
                break;
            }
            if (now >= nextCheck) {
                stallCheck(now - start);
                nextCheck = now + kStallCheckNs;
            }
        }
        const bool cheap = waiter.pause(ready, now);
        cheapPasses = cheap ? (cheapPasses + 1) % kSpinsPerClockRead : 0;
    }
    const std::uint64_t waited = monotonicNs() - start;
    stats_.add(Counter::WaitNs, waited);
    stats_.recordWait(waited);
    stats_.setActivity(Activity::Running);
    return outcome;
}

// Rings whose producer works in two steps — claim a slot, then publish it — get push() and the
// zero-copy loan()/commit() from those steps. `Steps` (a RingEndpoint) provides
//   PushStatus claim(std::uint64_t& position)  Committed: the slot at `position` is ours to fill
//   void publish(std::uint64_t position)       makes it visible to consumers
template <typename Steps> class SlotProducer final : public RingProducer, public Steps {
public:
    using Steps::Steps;

    Result<PushStatus> push(OutgoingMessage& message) override
    {
        if (Status ok = this->checkOutgoing(message); !ok) return ok.error();
        if (this->loanOpen_) return makeError(ErrorCode::Usage, "zero-copy: push while a loan is open");
        std::uint64_t position = 0;
        if (const PushStatus status = this->claim(position); status != PushStatus::Committed) return status;
        this->copyIn(this->slotIndex(position), message);
        this->publish(position);
        return PushStatus::Committed;
    }

    Result<std::span<std::byte>> loan(std::size_t bytes, PushStatus& status) override
    {
        if (Status ok = this->beginLoan(bytes); !ok) return ok.error();
        status = this->claim(this->loanPosition_);
        if (status != PushStatus::Committed) return std::span<std::byte>();
        this->loanOpen_ = true;
        this->loanBytes_ = bytes;
        return std::span<std::byte>(this->channel_.slot(this->slotIndex(this->loanPosition_)) + kMessageHeaderBytes,
                                    bytes);
    }

    Result<PushStatus> commit(MessageHeader header, std::size_t bytes) override
    {
        if (Status ok = this->checkCommit(bytes); !ok) return ok.error();
        this->writeLoanHeader(this->slotIndex(this->loanPosition_), header, bytes);
        this->loanOpen_ = false;
        this->publish(this->loanPosition_);
        return PushStatus::Committed;
    }

    Result<PushStatus> reserveRun(std::uint32_t slots) override
    {
        if constexpr (Steps::kRuns) {
            if (this->loanOpen_ || this->runLeft() > 0)
                return makeError(ErrorCode::Usage, "a run reserved while a loan or a run is open");
            if (slots < 2 || slots > this->slotCount_)
                return makeError(ErrorCode::Usage, "a run of " + std::to_string(slots) +
                                                       " slots in a ring of " + std::to_string(this->slotCount_));
            return this->reserve(slots);
        } else {
            return RingProducer::reserveRun(slots);
        }
    }
    [[nodiscard]] bool runsSupported() const override { return Steps::kRuns; }
    [[nodiscard]] std::uint32_t runSlotsLeft() const override
    {
        if constexpr (Steps::kRuns) return this->runLeft();
        else return 0;
    }
};

// The consumer side of the same shape. `Steps` provides
//   PopStatus claim(std::uint64_t& position, std::uint64_t deadlineNs)
//                                      Delivered: the message at `position` is ours to read
//   void finish(std::uint64_t position)   gives the slot back to producers
//   bool nothingLeft() const              the ring holds nothing more for this consumer
template <typename Steps> class SlotConsumer final : public RingConsumer, public Steps {
public:
    using Steps::Steps;

    Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload, std::uint64_t deadlineNs) override
    {
        if (this->viewOpen_) return makeError(ErrorCode::Usage, "zero-copy: pop while a view is open");
        std::uint64_t position = 0;
        if (const PopStatus status = this->claim(position, deadlineNs); status != PopStatus::Delivered)
            return status;
        const bool valid = this->copyOut(this->slotIndex(position), header, payload);
        this->finish(position);
        return valid ? PopStatus::Delivered : corrupt();
    }

    Result<PopStatus> view(MessageHeader& header, std::span<const std::byte>& payload,
                           std::uint64_t deadlineNs) override
    {
        if (Status ok = this->beginView(); !ok) return ok.error();
        std::uint64_t position = 0;
        if (const PopStatus status = this->claim(position, deadlineNs); status != PopStatus::Delivered)
            return status;
        if (!this->viewSlot(this->slotIndex(position), header, payload)) {
            this->finish(position);
            return corrupt();
        }
        this->viewOpen_ = true;
        this->viewPosition_ = position;
        return PopStatus::Delivered;
    }

    Status release() override
    {
        if (Status ok = this->checkRelease(); !ok) return ok;
        this->viewOpen_ = false;
        this->finish(this->viewPosition_);
        return {};
    }

    [[nodiscard]] bool drained() const override { return this->nothingLeft(); }

    void releaseHeld() override
    {
        if constexpr (Steps::kBatchedRelease) this->giveBackHeld();
    }

private:
    PopStatus corrupt()
    {
        this->stats_.add(Counter::Corrupt);
        return PopStatus::Corrupt;
    }
};

// Claims the spsc producer or consumer role: CAS on the owner field; a dead or stale owner is
// taken over. Fails with RoleTaken naming the live owner.
Status claimRole(Channel& channel, IndexBlock& block, std::uint32_t me, const char* roleText);
void releaseRole(IndexBlock& block, std::uint32_t me);

} // namespace shmscope::detail
