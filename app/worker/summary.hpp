// What a worker reports at the end (docs/CLI.md summary line), with the per-producer tallies
// (shmscope/cli/tallies.hpp) a harness uses to prove exactly-once delivery.
#pragma once

#include "shmscope/cli/tallies.hpp"
#include "shmscope/layout.hpp"
#include "shmscope/stats.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shmscope::worker {

using cli::ProducerTally;

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
