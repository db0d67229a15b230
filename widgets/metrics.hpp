// Pure functions that turn snapshots into the numbers people read: rates from counter deltas
// over the snapshots' own clock, percentiles from log2 histograms. No state, no Qt objects.
#pragma once

#include "samples.hpp"

#include <cstdint>
#include <optional>
#include <span>

namespace shmscope::widgets::metrics {

// One reading of a monotonically increasing counter, stamped by the snapshot's CLOCK_MONOTONIC.
struct CounterPoint {
    std::uint64_t takenNs = 0;
    std::uint64_t value = 0;
};

// Counter delta divided by the stamps' difference, per second. Nothing when the stamps do not
// advance or the counter went backwards (a new series starts instead).
std::optional<double> ratePerSecond(const CounterPoint& older, const CounterPoint& newer);

// Left end of the sliding window over stamps sorted by time: the oldest stamp within `windowNs`
// of the newest, but never the newest itself when there are two or more, so that a late tick
// still yields a rate (over the longer interval it really covered).
std::size_t windowStart(std::span<const std::uint64_t> takenNs, std::uint64_t windowNs);

// Whether `next` continues the series `previous` belongs to: same incarnation and no counter that
// went backwards (a restarted or reused record starts a new series).
bool continuesSeries(const ProcessSample& previous, const ProcessSample& next);

// The q-quantile (0 < q <= 1) of the values counted in a log2 histogram, in the histogram's unit,
// interpolated linearly inside the bucket that holds it. Nothing for an empty histogram.
std::optional<double> percentile(const Log2Histogram& histogram, double q);

// Upper bound of the largest value counted (the end of the highest non-empty bucket).
std::optional<double> maximum(const Log2Histogram& histogram);

// Lower and upper bound of bucket b: [2^b, 2^(b+1)); bucket 0 also holds 0.
double bucketLow(int bucket);
double bucketHigh(int bucket);

// newer - older, bucket by bucket; a bucket that went backwards counts as zero.
Log2Histogram difference(const Log2Histogram& newer, const Log2Histogram& older);
void accumulate(Log2Histogram& into, const Log2Histogram& add);
std::uint64_t total(const Log2Histogram& histogram);

} // namespace shmscope::widgets::metrics
