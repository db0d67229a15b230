#include "ring_init.hpp"

#include "shmscope/layout.hpp"

#include <boost/interprocess/sync/interprocess_condition.hpp>
#include <boost/interprocess/sync/interprocess_mutex.hpp>

#include <new>
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

} // namespace shmscope::detail
