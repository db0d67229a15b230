// The flags of --tune (docs/CLI.md, shmscope-bench): registered beside the bench's own, checked
// once all are parsed, since which flags combine depends on --tune.
#pragma once

#include "options.hpp"
#include "shmscope/cli/flags.hpp"

namespace shmscope::bench {

void addTuneFlags(cli::FlagParser& parser, TuneOptions& tune);

// Refuses tune flags without --tune, measurement flags with it, and workloads the rings cannot
// carry (a usage error naming the flag).
Status checkTuneFlags(const cli::FlagParser& parser, BenchOptions& options);

} // namespace shmscope::bench
