// Factories of each strategy's endpoints (ring_*.cpp); ring_factory.cpp dispatches.
#pragma once

#include "ring_base.hpp"

namespace shmscope::detail {

#define SHMSCOPE_DECLARE_RING(Name)                                                                \
    Result<std::unique_ptr<RingProducer>> make##Name##Producer(Channel&, RecordWriter&,            \
                                                               const EndpointOptions&);            \
    Result<std::unique_ptr<RingConsumer>> make##Name##Consumer(Channel&, RecordWriter&,            \
                                                               const EndpointOptions&);
SHMSCOPE_DECLARE_RING(Spsc)
SHMSCOPE_DECLARE_RING(Mpmc)
SHMSCOPE_DECLARE_RING(Mutex)
SHMSCOPE_DECLARE_RING(Semaphore)
SHMSCOPE_DECLARE_RING(BoostMutex)
SHMSCOPE_DECLARE_RING(None)
SHMSCOPE_DECLARE_RING(Broadcast)
#undef SHMSCOPE_DECLARE_RING

// Crash repair of the lock-free mpmc slots claimed by a dead record (ring_mpmc.cpp).
std::uint64_t repairMpmcClaims(Channel& channel, std::uint32_t record);
// Crash repair of a dead broadcast consumer: its cursor leaves the gate (ring_broadcast.cpp).
void repairBroadcastCursor(Channel& channel, std::uint32_t record);

} // namespace shmscope::detail
