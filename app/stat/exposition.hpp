// The metrics of --serve as text: Prometheus text format 0.0.4 or OpenMetrics 1.0.0, chosen by
// the scraper's Accept header (docs/METRICS.md lists every family).
#pragma once

#include "shmscope/snapshot.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shmscope::stat {

struct ChannelSample {
    ChannelInfo info;
    ChannelSnapshot snapshot;
};

enum class ExpositionFormat { Prometheus, OpenMetrics };

// OpenMetrics when the Accept header names application/openmetrics-text with a non-zero q,
// else the classic text format (what a scraper without an Accept header reads).
ExpositionFormat negotiateFormat(std::string_view acceptHeader);

// The Content-Type of a response in `format`.
std::string_view contentType(ExpositionFormat format);

// Every family with HELP and TYPE (and UNIT in OpenMetrics), base units in names, labels
// channel, record and role only (the pid is in shmscope_record_info); OpenMetrics ends in # EOF.
std::string exposition(const std::vector<ChannelSample>& samples, ExpositionFormat format);

} // namespace shmscope::stat
