// Summaries of repeated measurements and of latency samples.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace shmscope::bench {

double median(std::vector<double> values);
// (max - min) / median: how far apart the repetitions were; 0 for one repetition.
double relativeSpread(const std::vector<double>& values);
// The smallest sample with at least q of the samples at or below it (nearest rank); 0 if empty.
std::uint64_t percentile(std::span<const std::uint64_t> sorted, double q);

// A repetition spread above this is flagged as too wide to trust.
inline constexpr double kWideSpread = 0.25;

} // namespace shmscope::bench
