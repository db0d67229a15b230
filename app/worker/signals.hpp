// Process signals: SIGINT/SIGTERM (and the --duration alarm) raise the stop flag every blocking
// call re-checks; SIGBUS (the channel truncated under us) exits 1 with one line.
#pragma once

#include <atomic>

namespace shmscope::worker {

// The flag passed as OpenOptions::stop and EndpointOptions::stop.
std::atomic<bool>& stopFlag();

// Installs the handlers unconditionally (a shell starts background jobs with SIGINT ignored);
// no SA_RESTART, so that sleeps return early. SIGPIPE is ignored.
void installSignalHandlers();

// Raises the stop flag after `seconds` (SIGALRM from a one-shot interval timer).
void stopAfter(double seconds);

} // namespace shmscope::worker
