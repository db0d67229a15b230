// shmscope-bench --tune (docs/BENCHMARKS.md, Tuning): searches the sync strategy, wait strategy,
// slot size, slot count and codec for one workload, every point a real run of the workload's
// producers and consumers as shmscope-worker processes (worker_run.hpp), within a time budget:
// a coarse grid of strategies and waits, then ring geometry and codecs around the best ones,
// then hill climbs over the neighbours of the best rows. The recommendation is re-run to
// confirm it.
#pragma once

#include "options.hpp"
#include "pareto.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shmscope::bench {

using WorkerArgs = std::vector<std::vector<std::string>>;

// The shmscope-worker arguments of every process of the workload under `config`: the producers
// first, then the consumers. The tuner runs exactly these, adding --json.
WorkerArgs workerArgs(const TuneOptions& tune, PayloadKind payload, const TuneConfig& config,
                      const std::string& channel);

struct Confirmation {
    TuneRow row;            // the re-run
    double tolerance = 0;   // the larger spread of the two runs (latency: at least its resolution)
    bool confirmed = false; // the re-run's objective within `tolerance` of the first run's
};

struct TuneOutcome {
    std::vector<TuneRow> rows; // every point tried, in order
    std::vector<std::size_t> front;
    std::optional<Recommendation> recommendation;
    std::optional<Confirmation> confirmation; // absent when no time was left or interrupted
    WorkerArgs workerArgs;                    // of the recommendation, on kTunedChannel
    double elapsedS = 0;
    bool interrupted = false;
};

// The channel name in the recommended worker_args.
inline constexpr std::string_view kTunedChannel = "tuned";

// Told of the run as it goes (progress lines, JSON lines).
class TuneListener {
public:
    virtual ~TuneListener() = default;
    virtual void starting(std::size_t point, double elapsedS, const std::string& phase,
                          const TuneConfig& config) = 0;
    virtual void finished(std::size_t index, const TuneRow& row, double elapsedS) = 0;
};

TuneOutcome tune(const BenchOptions& options, TuneListener& listener);

} // namespace shmscope::bench
