// PNG plots of a run: throughput against message size (log-log, a line per transport) and the
// latency CDF of the fixed-rate streams.
#pragma once

#include "results.hpp"
#include "shmscope/result.hpp"

#include <string>
#include <vector>

namespace shmscope::bench {

// Writes PREFIX-throughput.png and PREFIX-latency.png.
Status writePlots(const std::string& prefix, const std::vector<Row>& rows);

} // namespace shmscope::bench
