// Which rows a run measures: the transport list × sizes, or a sweep's variants.
#pragma once

#include "measure.hpp"

#include <vector>

namespace shmscope::bench {

std::vector<PlannedRow> planRows(BenchOptions& options);

} // namespace shmscope::bench
