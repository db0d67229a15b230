// What the producer and consumer processes do with a link: a saturated stream for throughput,
// a ping-pong and a fixed-rate timestamped stream for latency, and the memcpy ceiling. Results
// go to a RunReport in memory shared with the parent.
#pragma once

#include "transport.hpp"

#include <cstddef>
#include <cstdint>
#include <span>

namespace shmscope::bench {

inline constexpr std::size_t kMaxLatencySamples = 8192;
inline constexpr std::size_t kErrorTextBytes = 512;

struct SideReport {
    std::uint64_t messages = 0; // after the warm-up
    std::uint64_t bytes = 0;
    std::uint64_t elapsedNs = 0;
    std::uint64_t cpuNs = 0; // getrusage(RUSAGE_SELF), user + system, after the warm-up
    char error[kErrorTextBytes] = {};
};

// Lives in a MAP_SHARED anonymous mapping made before fork.
struct RunReport {
    SideReport producer;
    SideReport consumer;
    std::uint64_t streamCount = 0; // one-way latency samples of the fixed-rate stream
    std::uint64_t stream[kMaxLatencySamples];
    std::uint64_t pingCount = 0; // half round trips of the ping-pong
    std::uint64_t ping[kMaxLatencySamples];
};

struct Workload {
    std::span<const std::byte> pool; // payloads: message k starts at (k mod n) * stride
    std::uint64_t messageBytes = 0;
    bool xxh3 = false;
    std::uint64_t warmupNs = 0;
    std::uint64_t measureNs = 0;
    // Latency runs.
    double streamRateHz = 0;
    std::uint64_t streamNs = 0;
    std::uint64_t pingNs = 0;
};

// Each returns the process exit status; an error's text is in the side's report.
int produceStream(Link& link, const Workload& work, SideReport& report);
int consumeStream(Link& link, const Workload& work, SideReport& report);
int produceLatency(Link& forward, Link& back, const Workload& work, RunReport& report);
int consumeLatency(Link& forward, Link& back, const Workload& work, RunReport& report);
// The ceiling: one process copying the working set (the pool) into a buffer of the same size.
int copyCeiling(const Workload& work, SideReport& report);

// CPU time of this process so far (user + system).
std::uint64_t processCpuNs();

} // namespace shmscope::bench
