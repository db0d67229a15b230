// What a worker reports at the end (docs/CLI.md summary line) and the per-producer tallies a
// harness uses to prove exactly-once delivery without logging every message.
#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/stats.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shmscope::worker {

// The digest term of one message: a 64-bit mix (splitmix64) of who sent it and its sequence.
// Digests are wrapping sums of these terms, so they are independent of delivery order and the
// digests of several consumers add up to the producer's.
std::uint64_t messageDigestTerm(std::uint32_t record, std::uint32_t incarnation,
                                std::uint64_t sequence);

// Messages seen from one producer incarnation.
struct ProducerTally {
    std::uint32_t record = 0;
    std::uint32_t incarnation = 0;
    std::uint64_t first = 0; // lowest sequence seen
    std::uint64_t last = 0;  // highest sequence seen
    std::uint64_t count = 0;
    std::uint64_t digest = 0;

    void add(std::uint64_t sequence);
};

struct LatencySummary {
    std::uint64_t p50 = 0, p99 = 0, p999 = 0, max = 0;
};

struct Summary {
    Role role = Role::None;
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
    double seconds = 0.0; // first message to last
    std::uint64_t corrupt = 0, gaps = 0, reordered = 0, drops = 0, overrun = 0, lostToCrash = 0,
                  incomplete = 0;
    std::optional<LatencySummary> latency; // consumers only
    std::vector<ProducerTally> producers;
};

// Fills the counters from the process's own stats record.
void takeCounters(Summary& summary, const RecordWriter& stats);
LatencySummary summarizeLatency(const LatencyHistogram& histogram);

std::string summaryJson(const Summary& summary);
std::string summaryText(const Summary& summary, const std::string& channel);

} // namespace shmscope::worker
