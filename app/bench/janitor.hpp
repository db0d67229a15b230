// What a killed benchmark would leave behind is removed all the same. Every channel, message
// queue, socket and ring file of a run is named "shmscope-bench-<pid>-<n>" (uniqueLinkName());
// the measuring children die with the bench (their parent-death SIGKILL), and so cannot remove
// them. The janitor, a child of the bench that only waits, outlives it by a sweep: when the bench
// ends (its parent-death signal, even after SIGKILL) it removes every object in /dev/shm and the
// temporary directory that carries the bench's pid in that form, and exits.
#pragma once

namespace shmscope::bench {

// Forks the janitor; call once, before the first row. Best effort: when fork fails, a run goes on
// as before (a bench that ends normally removes its objects itself).
void startJanitor();

// At a normal end: the janitor sweeps (normally nothing is left) and is reaped.
void stopJanitor();

} // namespace shmscope::bench
