// Questions a channel tool asks of its channel's stats table (liveness by the records' OFD
// locks), and its last resort when a wait can never end.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/result.hpp"

#include <cstdint>
#include <string_view>

namespace shmscope::cli {

// Active records whose owner is alive, of `role` (Role::None: any role).
std::uint32_t countLiveRecords(const Channel& channel, Role role);

// True when no producer record is Active or Dead without being closed: every producer that
// attached has closed cleanly, exited, or had its record reused. A dead producer is not closed,
// so a consumer keeps waiting for a successor (docs/PROTOCOL.md: a restarted one may follow).
bool producersFinished(const Channel& channel);

// The endpoint's last resort when a wait can never end (boost-mutex, dead lock owner): called
// from its watchdog thread while the main thread is stuck, so destructors will not run. Does what
// the last process out would have done (removes the channel unless kept), prints
// "program: message" and exits 1.
[[noreturn]] void exitFromStuckWait(std::string_view program, const Channel& channel,
                                    const Error& error);

} // namespace shmscope::cli
