// Process signals of the channel tools (shmscope-worker, shmscope-bridge): SIGINT and SIGTERM
// (and, where asked, SIGALRM) raise the stop flag every blocking call re-checks; SIGBUS (the
// channel truncated under us) exits 1 with one line naming the program.
#pragma once

#include <atomic>
#include <string_view>

namespace shmscope::cli {

// The flag passed as OpenOptions::stop and EndpointOptions::stop.
std::atomic<bool>& stopFlag();

// Installs the handlers unconditionally (a shell starts background jobs with SIGINT ignored);
// no SA_RESTART, so that sleeps return early. SIGPIPE is ignored. `alarmStops`: SIGALRM raises
// the stop flag too (stopAfter). Call once, from the main thread, before any other thread starts.
void installSignalHandlers(std::string_view program, bool alarmStops = false);

// A process started with a parent-death signal (the desktop application's workers) learns of the
// parent's death before the parent has finished exiting: the parent's open files, among them its
// hold on the channel, close a moment later (its other threads are still on their way out). Then
// the last-one-out check would see the parent still attached and leave the channel behind.
// installSignalHandlers() notes the parent; waitForParentExit() returns at once while that parent
// lives (or never died), else waits until it has fully exited, at most kParentExitWaitMs.
inline constexpr int kParentExitWaitMs = 2000;
void waitForParentExit();

// Raises the stop flag after `seconds` (SIGALRM from a one-shot interval timer); needs
// installSignalHandlers(program, true).
void stopAfter(double seconds);

} // namespace shmscope::cli
