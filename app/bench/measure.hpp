// The engine: for one transport and message size, the repetitions of the throughput stream and
// one latency run, summarised into a Row. The payload pool is generated once, before any fork.
#pragma once

#include "buffer.hpp"
#include "options.hpp"
#include "results.hpp"
#include "runner.hpp"

#include <vector>

namespace shmscope::bench {

struct PlannedRow {
    TransportSpec spec;
    std::uint64_t msgSize = 0;
};

// Slot payload bytes by default: the message rounded up to 64, at most this (then chunked).
inline constexpr std::uint64_t kMaxDefaultSlotBytes = 16ull * 1024 * 1024;

// A row between its repetitions: the throughput of each repetition so far.
struct RowInProgress {
    Row row;
    std::vector<double> rates, producerCpu, consumerCpu;
};

// Repetitions run round-robin over the rows (every row's first repetition, then every row's
// second, ...), so that a slow phase of the machine touches every row alike and the ratios
// between rows of one run stay fair.
class Engine {
public:
    Engine(const BenchOptions& options, const std::vector<PlannedRow>& plan);

    // A row before its first repetition; already skipped when it cannot run with these options.
    [[nodiscard]] RowInProgress begin(const PlannedRow& planned) const;
    // One throughput repetition (a process pair); a failure marks the row skipped.
    void repetition(const PlannedRow& planned, RowInProgress& progress);
    // Median and spread of the repetitions, then the latency run (when `withLatency`).
    void finish(const PlannedRow& planned, RowInProgress& progress, bool withLatency);
    // Process pairs a row runs: the repetitions, then one latency run (not for memcpy).
    [[nodiscard]] std::uint32_t steps(const PlannedRow& planned) const {
        return options_.reps + (planned.spec.base == "memcpy" ? 0 : 1);
    }

private:
    [[nodiscard]] LinkConfig linkConfig(const PlannedRow& planned) const;
    [[nodiscard]] std::uint64_t workingSetBytes(const PlannedRow& planned) const;
    [[nodiscard]] Workload workload(const PlannedRow& planned) const;
    void measureLatency(const PlannedRow& planned, Row& row);

    const BenchOptions& options_;
    AlignedBuffer pool_;
    Runner runner_;
};

} // namespace shmscope::bench
