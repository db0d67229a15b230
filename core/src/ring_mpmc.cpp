// The multi-producer multi-consumer ring: Vyukov's bounded queue, with the claim recorded in the
// slot itself so that a crash leaves evidence. Each slot's descriptor word holds (lap, state,
// claimant record). A producer claims position p by CAS (lap(p), Free) → (lap(p), Writing, me),
// then helps advance the shared enqueue position; it publishes with a release store of
// (lap, Ready, me). A consumer claims (lap, Ready) → (lap, Reading, me), helps advance the dequeue
// position, copies, and frees with a release store of (lap + 1, Free). A dead claimant's Writing
// slot is marked Abandoned (consumers skip it and count lost_to_crash) and its Reading slot freed.
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
    // timeout meets claim words no protocol step writes (a scribbler): PROTOCOL.md's threat model
    // asks for exit 1 with "channel corrupted", never an endless loop. A stop request ends it too.
    // Returns true when the caller should stop trying (stop requested).
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
        if (readers > position - slotCount_ && readers <= position && state != SlotState::Reading &&
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

protected:
    // Any number of producer processes.
    // Claims the slot at the shared enqueue position by CAS on its descriptor word.
    PushStatus claim(std::uint64_t& position)
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
                if (slot.word.compare_exchange_strong(word, makeSlotWord(lap, SlotState::Writing, record_),
                                                      std::memory_order_acquire)) {
                    helpAdvance(ring_.producer.position, position);
                    crashPoint(CrashPoint::AfterClaim);
                    return PushStatus::Committed;
                }
                stats_.add(Counter::CasRetries);
                continue;
            }
            if (slotWordLap(word) >= lap) { // position already taken by another producer
                helpAdvance(ring_.producer.position, position);
                stats_.add(Counter::CasRetries);
                continue;
            }
            // The slot still holds the previous lap's message: the ring is full.
            if (channel_.params().backpressure == Backpressure::DropNewest) {
                stats_.add(Counter::Drops);
                return PushStatus::Dropped;
            }
            const auto moved = [&] {
                return slot.word.load(std::memory_order_acquire) != word ||
                       ring_.producer.position.load(std::memory_order_relaxed) != position;
            };
            const auto check = [&](std::uint64_t waitedNs) {
                const std::uint64_t now = slot.word.load(std::memory_order_acquire);
                repairIfDead(now);
                if (waitedNs >= options_.stallTimeoutNs) checkImpossible(now, position);
            };
            if (waitFor(ring_.space, Activity::BlockedNoSlot, UINT64_MAX, moved, check) != WaitOutcome::Ready)
                return PushStatus::Stopped;
            retries = firstRetryNs = 0; // the ring moved: progress, not a spin
        }
    }

    void publish(std::uint64_t position)
    {
        crashPoint(CrashPoint::BeforePublish);
        descriptorAt(position).word.store(makeSlotWord(position >> lapShift_, SlotState::Ready, record_),
                                          std::memory_order_release);
        notify(ring_.data);
        noteHighWater(position + 1 - ring_.consumer.position.load(std::memory_order_relaxed));
    }
};

class MpmcConsumerSteps : protected MpmcEndpoint {
public:
    using MpmcEndpoint::MpmcEndpoint;

protected:
    [[nodiscard]] bool nothingLeft() const
    {
        const std::uint64_t position = ring_.consumer.position.load(std::memory_order_acquire);
        const std::uint64_t word =
            channel_.descriptor(static_cast<std::uint32_t>(position & mask_)).word.load(std::memory_order_acquire);
        const std::uint64_t lap = position >> lapShift_;
        const SlotState state = slotWordState(word);
        const bool waiting = slotWordLap(word) == lap && (state == SlotState::Ready ||
                                                          state == SlotState::Writing ||
                                                          state == SlotState::Abandoned);
        return !waiting && ring_.producer.position.load(std::memory_order_acquire) <= position;
    }

    // Any number of consumer processes. Claims the next ready slot; abandoned slots are freed
    // and reported as Abandoned.
    PopStatus claim(std::uint64_t& position, std::uint64_t deadlineNs)
    {
        std::uint64_t retries = 0, firstRetryNs = 0;
        for (;;) {
            if (retryGuard(retries, firstRetryNs)) return PopStatus::Stopped;
            position = ring_.consumer.position.load(std::memory_order_relaxed);
            const std::uint64_t lap = position >> lapShift_;
            SlotDescriptor& slot = descriptorAt(position);
            std::uint64_t word = slot.word.load(std::memory_order_acquire);
            const SlotState state = slotWordState(word);
            const std::uint64_t wordLap = slotWordLap(word);
            if (wordLap == lap && (state == SlotState::Ready || state == SlotState::Abandoned)) {
                if (slot.word.compare_exchange_strong(word, makeSlotWord(lap, SlotState::Reading, record_),
                                                      std::memory_order_acquire)) {
                    helpAdvance(ring_.consumer.position, position);
                    crashPoint(CrashPoint::AfterDequeue);
                    if (state == SlotState::Ready) return PopStatus::Delivered;
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
            // Empty (previous lap, or Free for this lap) or being written: wait.
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
        if (slotWordState(seen) == SlotState::Writing) {
            if (word.compare_exchange_strong(seen, makeSlotWord(lap, SlotState::Abandoned, kNone),
                                             std::memory_order_acq_rel))
                ++repaired;
        } else if (slotWordState(seen) == SlotState::Reading) {
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
