#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"

namespace shmscope::detail {

// Initialises the ring control block and slot descriptors of a new segment: robust
// process-shared mutexes, semaphores and Boost objects for the strategies that use them.
void initRingControl(RingControl& ring, SlotDescriptor* descriptors, const ChannelParams& params);

// Rebuilds a segment nobody is attached to (file transport after process exits or a reboot):
// fresh locks, semaphores and event counts, no role owners or cursors, mpmc claims of the
// departed processes abandoned, records of processes that did not detach marked Dead, and the
// boot id of this boot stored.
void recoverRing(std::byte* base, const SegmentHeader& header);

} // namespace shmscope::detail
