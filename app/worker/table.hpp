// Questions a worker asks of its channel's stats table (liveness by the records' OFD locks).
#pragma once

#include "shmscope/channel.hpp"

#include <cstdint>

namespace shmscope::worker {

// Active records whose owner is alive, of `role` (Role::None: any role).
std::uint32_t countLiveRecords(const Channel& channel, Role role);

// True when no producer record is Active or Dead without being closed: every producer that
// attached has closed cleanly, exited, or had its record reused. A dead producer is not closed,
// so a consumer keeps waiting for a successor (docs/PROTOCOL.md: a restarted one may follow).
bool producersFinished(const Channel& channel);

} // namespace shmscope::worker
