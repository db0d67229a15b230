#include "ring_init.hpp"

#include "segment_file.hpp"

#include "shmscope/layout.hpp"

#include <boost/interprocess/sync/interprocess_condition.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>

#include <atomic>
#include <cstddef>
#include <new>
#include <vector>
#include <pthread.h>
#include <semaphore.h>

namespace shmscope::detail {
namespace {

void initRobustMutex(std::uint8_t* storage)
{
    pthread_mutexattr_t attributes;
    pthread_mutexattr_init(&attributes);
    pthread_mutexattr_setpshared(&attributes, PTHREAD_PROCESS_SHARED);
    pthread_mutexattr_setrobust(&attributes, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(reinterpret_cast<pthread_mutex_t*>(storage), &attributes);
    pthread_mutexattr_destroy(&attributes);
}

static_assert(sizeof(pthread_mutex_t) <= kPthreadMutexBytes);
static_assert(sizeof(sem_t) <= kSemBytes);
static_assert(sizeof(boost::interprocess::interprocess_mutex) <= kBoostMutexBytes);
static_assert(sizeof(boost::interprocess::interprocess_condition) <= kBoostConditionBytes);

// The spsc stamp word of the slot at `position` (layout.hpp, spscStamp).
std::atomic_ref<std::uint32_t> stampAt(std::byte* base, const SegmentHeader& header, std::uint64_t position)
{
    const std::uint64_t slot = position & (header.slot_count - 1u);
    std::byte* at = base + header.slots_offset + slot * header.slot_stride + offsetof(MessageHeader, stamp);
    return std::atomic_ref<std::uint32_t>(*reinterpret_cast<std::uint32_t*>(at));
}

} // namespace

void initRingControl(RingControl& ring, SlotDescriptor* descriptors, const ChannelParams& params)
{
    initRobustMutex(ring.ring_lock.mutex);
    initRobustMutex(ring.repair_lock.mutex);
    if (params.sync == SyncKind::Semaphore) {
        sem_init(reinterpret_cast<sem_t*>(ring.sem_empty), 1, params.slotCount);
        sem_init(reinterpret_cast<sem_t*>(ring.sem_full), 1, 0);
        sem_init(reinterpret_cast<sem_t*>(ring.sem_mutex), 1, 1);
    }
    if (params.sync == SyncKind::BoostMutex) {
        new (ring.boost_mutex) boost::interprocess::interprocess_mutex;
        new (ring.boost_not_full) boost::interprocess::interprocess_condition;
        new (ring.boost_not_empty) boost::interprocess::interprocess_condition;
    }
    for (std::uint32_t i = 0; i < params.slotCount; ++i)
        descriptors[i].word.store(makeSlotWord(0, SlotState::Free, kNoRecordSlot),
                                  std::memory_order_relaxed);
}

void recoverRing(std::byte* base, const SegmentHeader& header)
{
    auto& ring = *reinterpret_cast<RingControl*>(base + header.ring_offset);
    auto* descriptors = reinterpret_cast<SlotDescriptor*>(base + header.descriptors_offset);
    auto* cursors = reinterpret_cast<BroadcastCursor*>(base + header.cursors_offset);
    auto* records = reinterpret_cast<StatsRecord*>(base + header.stats_offset);
    ChannelParams params = paramsFromHeader(header);

    std::uint64_t head = ring.producer.position.load(std::memory_order_relaxed);
    std::uint64_t tail = ring.consumer.position.load(std::memory_order_relaxed);
    const bool spsc = params.sync == SyncKind::Spsc && params.delivery == Delivery::Queue;
    if (spsc) {
        // Messages stamped after the last head a dead producer stored are in the ring too, and
        // what a consumer read past such a head was published.
        if (tail - head <= params.slotCount) head = tail;
        while (head - tail < params.slotCount &&
               stampAt(base, header, head).load(std::memory_order_relaxed) == spscStamp(head))
            ++head;
        ring.producer.position.store(head, std::memory_order_relaxed);
    }
    if (head - tail > params.slotCount) tail = head - params.slotCount; // never trust a wild index
    ring.consumer.position.store(tail, std::memory_order_relaxed);
    ring.consumer.delivered.store(tail, std::memory_order_relaxed);

    for (EventCountWord* event : {&ring.data, &ring.space}) {
        event->sequence.store(0, std::memory_order_relaxed);
        event->waiters.store(0, std::memory_order_relaxed);
    }
    for (IndexBlock* block : {&ring.producer, &ring.consumer}) {
        block->owner.store(0, std::memory_order_relaxed);
        block->owner_pid.store(0, std::memory_order_relaxed);
    }
    for (LockBlock* lock : {&ring.ring_lock, &ring.repair_lock}) {
        lock->holder.store(0, std::memory_order_relaxed);
        lock->holder_pid.store(0, std::memory_order_relaxed);
    }
    ring.broadcast_cursors.store(0, std::memory_order_relaxed);
    for (std::uint32_t i = 0; i < kMaxRecords; ++i) cursors[i].owner.store(0, std::memory_order_relaxed);

    // What the mpmc claim words say about the messages in the ring, read before the reset.
    const std::uint32_t mask = params.slotCount - 1;
    const auto lapShift = static_cast<std::uint32_t>(__builtin_ctz(params.slotCount));
    const bool mpmc = params.sync == SyncKind::Mpmc && params.delivery == Delivery::Queue;
    std::vector<SlotState> inRing;
    for (std::uint64_t position = tail; position < head; ++position) {
        const std::uint64_t word = descriptors[position & mask].word.load(std::memory_order_relaxed);
        SlotState state = SlotState::Ready;
        if (mpmc) {
            const bool thisLap = slotWordLap(word) == position >> lapShift;
            // A claim that never published, or a message a consumer died reading: skip it and
            // let the consumers count it as lost to the crash.
            // A published run (ReadyRun, its run_slots kept) stays one consumer's to take.
            const SlotState seen = slotWordState(word);
            const bool published = seen == SlotState::Ready || seen == SlotState::ReadyRun;
            state = thisLap && published ? seen : SlotState::Abandoned;
        }
        inRing.push_back(state);
    }

    // Locks and semaphores start over; the semaphore counts follow the indices.
    initRingControl(ring, descriptors, params);
    if (params.sync == SyncKind::Semaphore) {
        const auto ready = static_cast<unsigned>(head - tail);
        sem_init(reinterpret_cast<sem_t*>(ring.sem_empty), 1, params.slotCount - ready);
        sem_init(reinterpret_cast<sem_t*>(ring.sem_full), 1, ready);
    }
    for (std::uint64_t position = tail; position < tail + params.slotCount; ++position) {
        AtomicU64& word = descriptors[position & mask].word;
        const bool occupied = position < head;
        if (params.delivery == Delivery::Broadcast)
            word.store(occupied ? broadcastPublished(position) : 0, std::memory_order_relaxed);
        else
            word.store(makeSlotWord(position >> lapShift, occupied ? inRing[position - tail] : SlotState::Free,
                                    kNoRecordSlot),
                       std::memory_order_relaxed);
    }
    // spsc: every slot holds the stamp of its last position before head, so exactly the messages
    // in [tail, head) read as published, whatever a torn write left.
    for (std::uint64_t position = head; spsc && position < head + params.slotCount; ++position)
        stampAt(base, header, position)
            .store(position >= params.slotCount ? spscStamp(position - params.slotCount) : 0,
                   std::memory_order_relaxed);
    for (std::uint32_t i = 0; i < kMaxRecords; ++i) {
        AtomicU32& state = records[i].state;
        const std::uint32_t value = state.load(std::memory_order_relaxed);
        if (value == static_cast<std::uint32_t>(RecordState::Active) ||
            value == static_cast<std::uint32_t>(RecordState::Claiming))
            state.store(static_cast<std::uint32_t>(RecordState::Dead), std::memory_order_relaxed);
    }
    auto& writable = *reinterpret_cast<SegmentHeader*>(base);
    writable.boot_id_hash = bootIdHash();
    std::atomic_thread_fence(std::memory_order_release);
}

} // namespace shmscope::detail
