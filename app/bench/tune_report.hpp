// What shmscope-bench --tune prints (docs/CLI.md): progress lines on stderr, and on the output
// the JSON result, JSON lines as the run goes, or a Markdown table with the recommendation.
#pragma once

#include "options.hpp"
#include "tuner.hpp"

#include <cstdio>
#include <string>

namespace shmscope::bench {

// One tried row as a JSON object's members (the "tried" array, the "recommended" object).
std::string formatTuneRow(const TuneRow& row, std::uint64_t msgSize);
// {"workload":…,"objective":…,"recommended":…,"tried":[…],"pareto":[…],…}
std::string formatTuneJson(const BenchOptions& options, const TuneOutcome& outcome);
std::string formatTuneMarkdown(const BenchOptions& options, const TuneOutcome& outcome);

// The whole --tune run, writing to `out`; returns the exit status.
int runTune(const BenchOptions& options, std::FILE* out);

} // namespace shmscope::bench
