// Process signals: SIGINT/SIGTERM raise the stop flag every blocking
// call re-checks; SIGBUS (the channel truncated under us) exits 1 with one line.
#pragma once

#include <atomic>

namespace shmscope::bridge {

// The flag passed as OpenOptions::stop and EndpointOptions::stop.
std::atomic<bool>& stopFlag();

// Installs the handlers unconditionally (a shell starts background jobs with SIGINT ignored);
// no SA_RESTART, so that sleeps return early. SIGPIPE is ignored.
void installSignalHandlers();

} // namespace shmscope::bridge
