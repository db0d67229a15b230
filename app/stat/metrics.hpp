// --serve: the metrics of exposition.hpp at /metrics over a minimal blocking HTTP/1.0 server.
#pragma once

#include "options.hpp"

#include <atomic>

namespace shmscope::stat {

// Serves until `stop`; `channel` empty means every channel. Port 0 takes a free port; the line
// on stderr names the port bound. Returns the exit status.
int serveMetrics(const StatOptions& options, const std::atomic<bool>& stop);

} // namespace shmscope::stat
