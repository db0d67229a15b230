// The multi-producer multi-consumer ring: Vyukov's bounded queue, with the claim recorded in the
// slot itself so that a crash leaves evidence. Each slot's descriptor word holds (lap, state,
// claimant record). A producer claims position p by CAS (lap(p), Free) → (lap(p), Writing, me),
// then helps advance the shared enqueue position; it publishes with a release store of
// (lap, Ready, me). A consumer claims (lap, Ready) → (lap, Reading, me), helps advance the dequeue
// position, copies, and frees with a release store of (lap + 1, Free). A dead claimant's Writing
// slot is marked Abandoned (consumers skip it and count lost_to_crash) and its Reading slot freed.
//
// Runs (a chunked message that one of several consumers must take whole): the producer claims the
// first slot as WritingRun — other producers wait behind it instead of helping the enqueue
// position past it — then claims the following slots as they come free, and moves the enqueue
// position over all of them in one step. It publishes the other slots Ready and the first one
// last, ReadyRun with its run_slots. The consumer that claims ReadyRun → ReadingRun (others wait
// behind it) claims the rest Ready → Reading and moves the dequeue position over the run in one
// step. A dead claimant is repaired as for single slots: WritingRun → Abandoned, ReadingRun →
// freed; slots of a run left behind are read as lone slots, which the reassembler discards.
#include "rings.hpp"

namespace shmscope::detail {
namespace {

constexpr std::uint64_t kNone = kNoRecordSlot;

// The position a slot should be claimed at has moved on: help the shared index past it.
void helpAdvance(AtomicU64& position, std::uint64_t seen)
{
    std::uint64_t expected = seen;
    position.compare_exchange_strong(expected, seen + 1, std::memory_order_relaxed);
}

class MpmcEndpoint : protected RingEndpoint {
protected:
    using RingEndpoint::RingEndpoint;

    // While blocked on a slot claimed by someone else, repair it if that claimant has died.
    void repairIfDead(std::uint64_t word)
    {
        const std::uint32_t owner = slotWordRecord(word);
        if (owner < kMaxRecords && owner != record_ && !channel_.recordAlive(owner))
            channel_.repairDeadRecord(owner);
    }
    SlotDescriptor& descriptorAt(std::uint64_t position)
    {
        return channel_.descriptor(static_cast<std::uint32_t>(position & mask_));
    }

    // Claim loops retry only while others make progress. One that keeps retrying for the stall
    // timeout meets claim words no protocol step writes (a scribbler): docs/PROTOCOL.md's threat
    // model asks for exit 1 with "channel corrupted", never an endless loop. A stop request ends it
    // too. Returns true when the caller should stop trying (stop requested).
    bool retryGuard(std::uint64_t& retries, std::uint64_t& firstRetryNs)
    {
        if ((++retries & (kRetriesPerCheck - 1)) != 0) return false;
        const std::uint64_t now = monotonicNs();
        if (firstRetryNs == 0) firstRetryNs = now;
        if (stopRequested(now)) return true;
        if (now - firstRetryNs >= options_.stallTimeoutNs)
            fatal(makeError(ErrorCode::Corrupt, "channel corrupted: mpmc claim words never settle"));
        return false;
    }

    // A slot still holding an older lap although readers have already passed that position is
    // a state no protocol step produces.
    void checkImpossible(std::uint64_t word, std::uint64_t position)
    {
        const std::uint64_t readers = ring_.consumer.position.load(std::memory_order_acquire);
        const SlotState state = slotWordState(word);
        const bool reading = state == SlotState::Reading || state == SlotState::ReadingRun;
        if (readers > position - slotCount_ && readers <= position && !reading &&
            slotWordLap(word) < (position >> lapShift_))
            fatal(makeError(ErrorCode::Corrupt, "channel corrupted: slot " +
                                                    std::to_string(position & mask_) +
                                                    " holds a message readers have passed"));
    }

    static constexpr std::uint64_t kRetriesPerCheck = 1024;
};

class MpmcProducerSteps : protected MpmcEndpoint {
public:
    using MpmcEndpoint::MpmcEndpoint;
    static constexpr bool kRuns = true;

    ~MpmcProducerSteps()
    {
        // A run left unfilled (the caller gave up): its slots are skipped by consumers, so that
        // the ring never waits for slots nobody will publish.
        for (; runNext_ < runEnd_; ++runNext_) abandonReserved(runNext_);
        if (runEnd_ != 0) abandonReserved(runHead_);
    }

protected:
    // Any number of producer processes.
    // Claims the slot at the shared enqueue position by CAS on its descriptor word; inside a
    // reserved run, the run's next slot.
    PushStatus claim(std::uint64_t& position)
    {
        if (runNext_ < runEnd_) {
            position = runNext_++;
            return PushStatus::Committed;
        }
        return claimAtEnqueuePosition(position, SlotState::Writing);
    }

    void publish(std::uint64_t position)
    {
        crashPoint(CrashPoint::BeforePublish);
        if (runEnd_ == 0) {
            descriptorAt(position).word.store(makeSlotWord(position >> lapShift_, SlotState::Ready, record_),
                                              std::memory_order_release);
        } else {
            if (position != runHead_)
                descriptorAt(position).word.store(makeSlotWord(position >> lapShift_, SlotState::Ready, record_),
                                                  std::memory_order_release);
            if (position + 1 < runEnd_) return; // the first slot goes last: then all of it is there
            SlotDescriptor& head = descriptorAt(runHead_);
            head.run_slots.store(static_cast<std::uint32_t>(runEnd_ - runHead_), std::memory_order_relaxed);
            head.word.store(makeSlotWord(runHead_ >> lapShift_, SlotState::ReadyRun, record_),
                            std::memory_order_release);
            runEnd_ = runNext_ = 0;
        }
        notify(ring_.data);
        noteHighWater(position + 1 - ring_.consumer.position.load(std::memory_order_relaxed));
    }

    [[nodiscard]] std::uint32_t runLeft() const { return static_cast<std::uint32_t>(runEnd_ - runNext_); }

    // Claims `slots` consecutive slots: the first as WritingRun (producers wait behind it), then
    // each following one once consumers have freed it, then moves the enqueue position over them.
    PushStatus reserve(std::uint32_t slots)
    {
        std::uint64_t head = 0;
        if (const PushStatus status = claimAtEnqueuePosition(head, SlotState::WritingRun);
            status != PushStatus::Committed)
            return status;
        for (std::uint64_t position = head + 1; position < head + slots; ++position) {
            const PushStatus status = claimFollowing(position);
            if (status == PushStatus::Committed) continue;
            for (std::uint64_t p = head; p < position; ++p) // undo: nobody can have seen them
                descriptorAt(p).word.store(makeSlotWord(p >> lapShift_, SlotState::Free, kNone),
                                           std::memory_order_release);
            notify(ring_.space);
            return status;
        }
        std::uint64_t expected = head;
        ring_.producer.position.compare_exchange_strong(expected, head + slots, std::memory_order_relaxed);
        notify(ring_.space); // producers waiting behind the WritingRun slot
        crashPoint(CrashPoint::AfterClaim);
        runHead_ = head;
        runNext_ = head;
        runEnd_ = head + slots;
        return PushStatus::Committed;
    }

private:
    PushStatus claimAtEnqueuePosition(std::uint64_t& position, SlotState claimedAs)
    {
        std::uint64_t retries = 0, firstRetryNs = 0;
        for (;;) {
            if (retryGuard(retries, firstRetryNs)) return PushStatus::Stopped;
            position = ring_.producer.position.load(std::memory_order_relaxed);
            const std::uint64_t lap = position >> lapShift_;
            SlotDescriptor& slot = descriptorAt(position);
            std::uint64_t word = slot.word.load(std::memory_order_acquire);
            const std::uint64_t free = makeSlotWord(lap, SlotState::Free, kNone);
            if (word == free) {
                if (slot.word.compare_exchange_strong(word, makeSlotWord(lap, claimedAs, record_),
                                                      std::memory_order_acquire)) {
                    if (claimedAs == SlotState::WritingRun) return PushStatus::Committed;
                    helpAdvance(ring_.producer.position, position);
                    crashPoint(CrashPoint::AfterClaim);
                    return PushStatus::Committed;
                }
                stats_.add(Counter::CasRetries);
                continue;
            }
            const bool runBeingReserved = slotWordLap(word) == lap && slotWordState(word) == SlotState::WritingRun;
            if (slotWordLap(word) >= lap && !runBeingReserved) { // position already taken by another producer
                helpAdvance(ring_.producer.position, position);
                stats_.add(Counter::CasRetries);
                continue;
            }
            // The slot still holds the previous lap's message (the ring is full), or another
            // producer is reserving a run from here.
            if (!runBeingReserved && channel_.params().backpressure == Backpressure::DropNewest) {
                stats_.add(Counter::Drops);
                return PushStatus::Dropped;
            }
            if (waitForSlot(slot, word, position, position) != WaitOutcome::Ready) return PushStatus::Stopped;
            retries = firstRetryNs = 0; // the ring moved: progress, not a spin
        }
    }

    // A run's following slot: no producer can claim it (the enqueue position is held behind the
    // run's first slot); it is ours once consumers have freed it.
    PushStatus claimFollowing(std::uint64_t position)
    {
        SlotDescriptor& slot = descriptorAt(position);
        const std::uint64_t free = makeSlotWord(position >> lapShift_, SlotState::Free, kNone);
        for (;;) {
            std::uint64_t word = slot.word.load(std::memory_order_acquire);
            if (word == free) {
                if (slot.word.compare_exchange_strong(word, makeSlotWord(position >> lapShift_, SlotState::Writing,
                                                                         record_),
                                                      std::memory_order_acquire))
                    return PushStatus::Committed;
                continue; // only a repair or a scribbler changes it meanwhile
            }
            if (channel_.params().backpressure == Backpressure::DropNewest) {
                stats_.add(Counter::Drops);
                return PushStatus::Dropped;
            }
            const std::uint64_t enqueue = ring_.producer.position.load(std::memory_order_relaxed);
            if (waitForSlot(slot, word, position, enqueue) != WaitOutcome::Ready) return PushStatus::Stopped;
        }
    }

    // Waits until the slot's word or the enqueue position moves from what was seen; repairs a
    // dead claimant meanwhile.
    WaitOutcome waitForSlot(SlotDescriptor& slot, std::uint64_t word, std::uint64_t position, std::uint64_t enqueue)
    {
        const auto moved = [&] {
            return slot.word.load(std::memory_order_acquire) != word ||
                   ring_.producer.position.load(std::memory_order_relaxed) != enqueue;
        };
        const auto check = [&](std::uint64_t waitedNs) {
            const std::uint64_t now = slot.word.load(std::memory_order_acquire);
            repairIfDead(now);
            if (waitedNs >= options_.stallTimeoutNs) checkImpossible(now, position);
        };
        return waitFor(ring_.space, Activity::BlockedNoSlot, UINT64_MAX, moved, check);
    }

    void abandonReserved(std::uint64_t position)
    {
        descriptorAt(position).word.store(makeSlotWord(position >> lapShift_, SlotState::Abandoned, kNone),
                                          std::memory_order_release);
        notify(ring_.data);
    }

    std::uint64_t runHead_ = 0;
    std::uint64_t runNext_ = 0; // next slot of the run to fill
    std::uint64_t runEnd_ = 0;  // 0: no run
};

class MpmcConsumerSteps : protected MpmcEndpoint {
public:
    using MpmcEndpoint::MpmcEndpoint;

    ~MpmcConsumerSteps()
    {
        // Slots of a run not read (the caller gave up): freed, so producers can go on.
        for (; runNext_ < runEnd_; ++runNext_) finish(runNext_);
    }

protected:
    [[nodiscard]] bool nothingLeft() const
    {
        if (runNext_ < runEnd_) return false;
        const std::uint64_t position = ring_.consumer.position.load(std::memory_order_acquire);
        const std::uint64_t word =
            channel_.descriptor(static_cast<std::uint32_t>(position & mask_)).word.load(std::memory_order_acquire);
        const std::uint64_t lap = position >> lapShift_;
        const SlotState state = slotWordState(word);
        const bool waiting = slotWordLap(word) == lap &&
                             (state == SlotState::Ready || state == SlotState::Writing ||
                              state == SlotState::Abandoned || state == SlotState::WritingRun ||
                              state == SlotState::ReadyRun);
        return !waiting && ring_.producer.position.load(std::memory_order_acquire) <= position;
    }

    // Any number of consumer processes. Claims the next ready slot, or a whole run; abandoned
    // slots are freed and reported as Abandoned.
    PopStatus claim(std::uint64_t& position, std::uint64_t deadlineNs)
    {
        if (runNext_ < runEnd_) {
            position = runNext_++;
            return PopStatus::Delivered;
        }
        std::uint64_t retries = 0, firstRetryNs = 0;
        for (;;) {
            if (retryGuard(retries, firstRetryNs)) return PopStatus::Stopped;
            position = ring_.consumer.position.load(std::memory_order_relaxed);
            const std::uint64_t lap = position >> lapShift_;
            SlotDescriptor& slot = descriptorAt(position);
            std::uint64_t word = slot.word.load(std::memory_order_acquire);
            const SlotState state = slotWordState(word);
            const std::uint64_t wordLap = slotWordLap(word);
            if (wordLap == lap && (state == SlotState::Ready || state == SlotState::Abandoned ||
                                   state == SlotState::ReadyRun)) {
                const SlotState taken = state == SlotState::ReadyRun ? SlotState::ReadingRun : SlotState::Reading;
                if (slot.word.compare_exchange_strong(word, makeSlotWord(lap, taken, record_),
                                                      std::memory_order_acquire)) {
                    if (state == SlotState::ReadyRun) takeRun(position);
                    else helpAdvance(ring_.consumer.position, position);
                    crashPoint(CrashPoint::AfterDequeue);
                    if (state != SlotState::Abandoned) return PopStatus::Delivered;
                    finish(position);
                    stats_.add(Counter::LostToCrash);
                    return PopStatus::Abandoned;
                }
                stats_.add(Counter::CasRetries);
                continue;
            }
            if (wordLap > lap || (wordLap == lap && state == SlotState::Reading)) {
                helpAdvance(ring_.consumer.position, position); // taken by another consumer
                stats_.add(Counter::CasRetries);
                continue;
            }
            // Empty (previous lap, or Free for this lap), being written, or a run another
            // consumer is taking: wait.
            const auto moved = [&] {
                return slot.word.load(std::memory_order_acquire) != word ||
                       ring_.consumer.position.load(std::memory_order_relaxed) != position;
            };
            const auto check = [&](std::uint64_t) { repairIfDead(slot.word.load(std::memory_order_acquire)); };
            switch (waitFor(ring_.data, Activity::BlockedNoData, deadlineNs, moved, check)) {
            case WaitOutcome::Ready:
                retries = firstRetryNs = 0; // the ring moved: progress, not a spin
                continue;
            case WaitOutcome::Timeout: return PopStatus::Empty;
            case WaitOutcome::Stopped: return PopStatus::Stopped;
            }
        }
    }

    void finish(std::uint64_t position)
    {
        descriptorAt(position).word.store(makeSlotWord((position >> lapShift_) + 1, SlotState::Free, kNone),
                                          std::memory_order_release);
        notify(ring_.space);
    }

private:
    // We hold the run's first slot (ReadingRun): other consumers wait behind it, so its following
    // slots — all published before it — are ours to claim. run_slots is untrusted: a run is cut
    // where the ring does not hold a published slot of the right lap.
    void takeRun(std::uint64_t head)
    {
        std::uint64_t slots = descriptorAt(head).run_slots.load(std::memory_order_relaxed);
        if (slots < 2 || slots > slotCount_) slots = 1;
        std::uint64_t end = head + 1;
        for (; end < head + slots; ++end) {
            AtomicU64& word = descriptorAt(end).word;
            std::uint64_t seen = word.load(std::memory_order_acquire);
            const std::uint64_t lap = end >> lapShift_;
            if (slotWordLap(seen) != lap || slotWordState(seen) != SlotState::Ready ||
                !word.compare_exchange_strong(seen, makeSlotWord(lap, SlotState::Reading, record_),
                                              std::memory_order_acquire))
                break;
        }
        std::uint64_t expected = head;
        ring_.consumer.position.compare_exchange_strong(expected, end, std::memory_order_relaxed);
        notify(ring_.data); // consumers waiting behind the first slot
        runNext_ = head + 1;
        runEnd_ = end;
    }

    std::uint64_t runNext_ = 0; // next slot of the run being taken
    std::uint64_t runEnd_ = 0;
};

} // namespace

Result<std::unique_ptr<RingProducer>> makeMpmcProducer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    return std::unique_ptr<RingProducer>(std::make_unique<SlotProducer<MpmcProducerSteps>>(channel, stats, options));
}

Result<std::unique_ptr<RingConsumer>> makeMpmcConsumer(Channel& channel, RecordWriter& stats,
                                                       const EndpointOptions& options)
{
    return std::unique_ptr<RingConsumer>(std::make_unique<SlotConsumer<MpmcConsumerSteps>>(channel, stats, options));
}

std::uint64_t repairMpmcClaims(Channel& channel, std::uint32_t record)
{
    std::uint64_t repaired = 0;
    const std::uint32_t slots = channel.params().slotCount;
    for (std::uint32_t i = 0; i < slots; ++i) {
        AtomicU64& word = channel.descriptor(i).word;
        std::uint64_t seen = word.load(std::memory_order_acquire);
        if (slotWordRecord(seen) != record) continue;
        const std::uint64_t lap = slotWordLap(seen);
        const SlotState state = slotWordState(seen);
        if (state == SlotState::Writing || state == SlotState::WritingRun) {
            if (word.compare_exchange_strong(seen, makeSlotWord(lap, SlotState::Abandoned, kNone),
                                             std::memory_order_acq_rel))
                ++repaired;
        } else if (state == SlotState::Reading || state == SlotState::ReadingRun) {
            // The consumer died holding the message: it is lost (at-most-once for in-flight data).
            if (word.compare_exchange_strong(seen, makeSlotWord(lap + 1, SlotState::Free, kNone),
                                             std::memory_order_acq_rel)) {
                AtomicU64& lost =
                    channel.record(record).counters[static_cast<std::uint32_t>(Counter::LostToCrash)];
                lost.store(lost.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
                ++repaired;
            }
        }
    }
    notify(channel.ring().data);
    notify(channel.ring().space);
    return repaired;
}

} // namespace shmscope::detail
