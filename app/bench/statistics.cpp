#include "statistics.hpp"

#include <algorithm>
#include <cmath>

namespace shmscope::bench {

double median(std::vector<double> values) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

double relativeSpread(const std::vector<double>& values) {
    if (values.size() < 2)
        return 0;
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    const double middle = median(values);
    return middle > 0 ? (*high - *low) / middle : 0;
}

std::uint64_t percentile(std::span<const std::uint64_t> sorted, double q) {
    if (sorted.empty())
        return 0;
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

} // namespace shmscope::bench
