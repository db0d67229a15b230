// The engine: for one transport and message size, the repetitions of the throughput stream and
// one latency run, summarised into a Row. The payload pool is generated once, before any fork.
#pragma once

#include "buffer.hpp"
#include "options.hpp"
#include "results.hpp"
#include "runner.hpp"

#include <functional>

namespace shmscope::bench {

struct PlannedRow {
    TransportSpec spec;
    std::uint64_t msgSize = 0;
};

// Slot payload bytes by default: the message rounded up to 64, at most this (then chunked).
inline constexpr std::uint64_t kMaxDefaultSlotBytes = 16ull * 1024 * 1024;

class Engine {
public:
    Engine(const BenchOptions& options, const std::vector<PlannedRow>& plan);

    // `step` is called before each process pair starts ("rep 2/3", "latency").
    Row measure(const PlannedRow& planned, const std::function<void(std::string_view)>& step);
    [[nodiscard]] std::uint32_t stepsPerRow() const { return options_.reps + 1; }

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
