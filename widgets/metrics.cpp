#include "metrics.hpp"

#include <cmath>

namespace shmscope::widgets::metrics {

std::optional<double> ratePerSecond(const CounterPoint& older, const CounterPoint& newer) {
    if (newer.takenNs <= older.takenNs || newer.value < older.value)
        return std::nullopt;
    const double seconds = static_cast<double>(newer.takenNs - older.takenNs) / 1e9;
    return static_cast<double>(newer.value - older.value) / seconds;
}

std::size_t windowStart(std::span<const std::uint64_t> takenNs, std::uint64_t windowNs) {
    if (takenNs.empty())
        return 0;
    const std::uint64_t newest = takenNs.back();
    std::size_t index = takenNs.size() - 1;
    while (index > 0 && newest - takenNs[index - 1] <= windowNs)
        --index;
    if (index == takenNs.size() - 1 && index > 0)
        --index;
    return index;
}

bool continuesSeries(const ProcessSample& previous, const ProcessSample& next) {
    if (previous.record != next.record || previous.incarnation != next.incarnation)
        return false;
    const Counters& a = previous.counters;
    const Counters& b = next.counters;
    return b.messages >= a.messages && b.bytes >= a.bytes && b.lockAcquires >= a.lockAcquires &&
           b.lockContended >= a.lockContended && b.waitNs >= a.waitNs && b.holdNs >= a.holdNs &&
           b.casRetries >= a.casRetries;
}

double bucketLow(int bucket) { return bucket == 0 ? 0.0 : std::ldexp(1.0, bucket); }
double bucketHigh(int bucket) { return std::ldexp(1.0, bucket + 1); }

std::uint64_t total(const Log2Histogram& histogram) {
    std::uint64_t sum = 0;
    for (const std::uint64_t count : histogram)
        sum += count;
    return sum;
}

std::optional<double> percentile(const Log2Histogram& histogram, double q) {
    const std::uint64_t count = total(histogram);
    if (count == 0 || !(q > 0.0) || q > 1.0)
        return std::nullopt;
    // The rank of the wanted value, 1-based: the smallest value with at least q of all values at
    // or below it.
    const double rank = std::max(1.0, std::ceil(q * static_cast<double>(count)));
    double seen = 0.0;
    for (int bucket = 0; bucket < kHistogramBuckets; ++bucket) {
        const double inBucket = static_cast<double>(histogram[static_cast<std::size_t>(bucket)]);
        if (inBucket == 0.0)
            continue;
        if (seen + inBucket >= rank) {
            const double fraction = (rank - seen) / inBucket;
            return bucketLow(bucket) + fraction * (bucketHigh(bucket) - bucketLow(bucket));
        }
        seen += inBucket;
    }
    return std::nullopt; // unreachable: rank <= count
}

std::optional<double> maximum(const Log2Histogram& histogram) {
    for (int bucket = kHistogramBuckets - 1; bucket >= 0; --bucket) {
        if (histogram[static_cast<std::size_t>(bucket)] != 0)
            return bucketHigh(bucket);
    }
    return std::nullopt;
}

Log2Histogram difference(const Log2Histogram& newer, const Log2Histogram& older) {
    Log2Histogram result{};
    for (std::size_t i = 0; i < result.size(); ++i)
        result[i] = newer[i] >= older[i] ? newer[i] - older[i] : 0;
    return result;
}

void accumulate(Log2Histogram& into, const Log2Histogram& add) {
    for (std::size_t i = 0; i < into.size(); ++i)
        into[i] += add[i];
}

} // namespace shmscope::widgets::metrics
