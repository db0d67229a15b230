// One point of the tuner as real processes: shmscope-worker producers and consumers started with
// the arguments the tuner recommends, measured from outside the way a monitor would, without
// touching them: messages from the channel's statistics table (read-only), CPU time from
// /proc/PID/schedstat, latency from the consumers' summaries. The producers are stopped with
// SIGTERM after the last window and the consumers end once they have drained the ring.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shmscope::bench {

struct PointSpec {
    std::string channel;                             // every process's --channel
    std::vector<std::vector<std::string>> processes; // shmscope-worker arguments, one per process
    std::size_t producers = 1;                       // the first `producers` entries are producers
    double warmupS = 0.1;                            // after the first message, before measuring
    double windowS = 0.3;                            // one measured window
    std::uint32_t windows = 3;
};

struct PointResult {
    std::optional<std::string> failure; // a process failed, the channel never came up, ...
    double msgsPerS = 0;                // median of the windows, all producers together
    double bytesPerS = 0;
    double spread = 0;                     // (max - min) / median of the windows' msgs/s
    double cpuNsPerMsg = 0;                // every process's CPU time in the windows over messages
    double cpus = 0;                       // the same CPU time over the windows' wall time
    double cpuSpread = 0;                  // (max - min) / median of the windows' CPU per message
    std::optional<std::uint64_t> latP50Ns; // the highest of the consumers' summaries
    std::optional<std::uint64_t> latP99Ns;
    std::uint64_t damaged = 0; // consumers' corrupt + gaps + incomplete
};

// The shmscope-worker beside this executable, else the one on PATH.
std::string workerProgram();

// Runs the processes, measures, stops them and removes the channel whatever happened. Returns
// early with a failure "interrupted" after SIGINT or SIGTERM (Runner::interrupted()).
PointResult runPoint(const PointSpec& spec);

} // namespace shmscope::bench
