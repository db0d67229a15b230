// The tuner's rows and what it concludes from them (docs/BENCHMARKS.md, Tuning): the Pareto
// front over throughput, p99 latency and CPU time per message, and the one configuration it
// recommends for an objective. Pure functions of the rows, so they are tested on fixed rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shmscope::bench {

enum class Objective { Throughput, Latency, Cpu };

std::string_view objectiveName(Objective objective);

// One point of the search: the shmscope-worker settings it varies.
struct TuneConfig {
    std::string sync = "spsc"; // --sync (broadcast: spsc, the broadcast ring)
    std::string wait = "adaptive";
    std::uint64_t slotBytes = 64;
    std::uint32_t slots = 8;
    std::string compress = "none";

    friend bool operator==(const TuneConfig&, const TuneConfig&) = default;
};

// "mpmc/spin 64x4KiB lz4"
std::string describeConfig(const TuneConfig& config);

struct TuneRow {
    TuneConfig config;
    std::string phase;   // coarse, geometry, codec, refine, confirm
    double msgsPerS = 0; // all producers together, median of the windows
    double bytesPerS = 0;
    double spread = 0;                     // (max - min) / median of the windows' msgs/s
    std::optional<std::uint64_t> latP50Ns; // end to end, the slowest consumer's percentile
    std::optional<std::uint64_t> latP99Ns;
    double cpuNsPerMsg = 0;              // every process's CPU time over messages sent
    double cpus = 0;                     // every process's CPU time over wall time
    double cpuSpread = 0;                // (max - min) / median of the windows' CPU per message
    std::optional<std::string> skipped;  // could not run: why
    std::optional<std::string> excluded; // ran, but outside the workload's constraints: why

    // Eligible for the front and the recommendation.
    [[nodiscard]] bool eligible() const { return !skipped && !excluded; }
};

// Relative slack of "within 10 % of the best": throughput at least 0.9 × the best, p99 latency
// and CPU per message at most 1.1 × the best.
inline constexpr double kNearBest = 0.10;

// The objective's value of a row (missing latency counts as infinitely slow).
double objectiveValue(const TuneRow& row, Objective objective);
// True when `a`'s value is better than `b`'s (higher throughput, lower latency or CPU).
bool better(double a, double b, Objective objective);
// True when `value` is within kNearBest of `best` on the objective.
bool nearBest(double value, double best, Objective objective);

// Indices of the eligible rows no other eligible row dominates (at least as good on all three
// criteria and strictly better on one), in row order.
std::vector<std::size_t> paretoFront(const std::vector<TuneRow>& rows);

// Index of the eligible row best on the objective; nullopt without eligible rows.
std::optional<std::size_t> bestOnObjective(const std::vector<TuneRow>& rows, Objective objective);

struct Recommendation {
    std::size_t pick = 0; // index into the rows
    std::size_t best = 0; // the best row on the objective
    std::string reason;   // one sentence
};

// Values of a secondary criterion closer than this (relative) are a tie.
inline constexpr double kTieMargin = 0.05;

// Among the front's rows within kNearBest of the best on the objective, the one that costs least
// on the next criterion: throughput → CPU per message, then latency; latency → CPU per message,
// then throughput; CPU → throughput, then latency. Values within kTieMargin are a tie, decided
// by the criterion after. nullopt without eligible rows.
std::optional<Recommendation> recommend(const std::vector<TuneRow>& rows, Objective objective);

} // namespace shmscope::bench
