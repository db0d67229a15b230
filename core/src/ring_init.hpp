#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"

namespace shmscope::detail {

// Initialises the ring control block and slot descriptors of a new segment: robust
// process-shared mutexes, semaphores and Boost objects for the strategies that use them.
void initRingControl(RingControl& ring, SlotDescriptor* descriptors, const ChannelParams& params);

} // namespace shmscope::detail
