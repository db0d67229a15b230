// --serve: OpenMetrics text for Prometheus at /metrics over a minimal blocking HTTP/1.0 server.
#pragma once

#include "options.hpp"
#include "shmscope/snapshot.hpp"

#include <atomic>
#include <string>
#include <vector>

namespace shmscope::stat {

struct ChannelSample {
    ChannelInfo info;
    ChannelSnapshot snapshot;
};

// The exposition: one counter family per stats counter (`shmscope_<counter>_total`, labels
// channel, record, role, pid; departed totals as record="departed"), ring gauges, `# EOF`.
std::string openMetricsText(const std::vector<ChannelSample>& samples);

// Serves until `stop`; `channel` empty means every channel. Returns the exit status.
int serveMetrics(const StatOptions& options, const std::atomic<bool>& stop);

} // namespace shmscope::stat
