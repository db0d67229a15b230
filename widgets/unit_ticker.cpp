#include "unit_ticker.hpp"

#include <algorithm>
#include <cmath>

namespace shmscope::widgets {

QString UnitTicker::getTickLabel(double tick, const QLocale& locale, QChar /*formatChar*/,
                                 int /*precision*/) {
    return units::format(quantity_, tick, locale);
}

QString UnitLogTicker::getTickLabel(double tick, const QLocale& locale, QChar /*formatChar*/,
                                    int /*precision*/) {
    return units::format(quantity_, tick, locale);
}

QVector<double> UnitLogTicker::createTickVector(double tickStep, const QCPRange& range) {
    constexpr double kFewestPowers = 2.0; // labelled powers of the base in view, at least
    constexpr double kOctavesPerTick = 3.0; // about four ticks across the axis
    octaveTicks_ = false;
    if (range.lower <= 0.0 || range.upper <= range.lower)
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    const double base = std::log(logBase());
    const double powers = std::floor(std::log(range.upper) / base) -
                          std::ceil(std::log(range.lower) / base) + 1.0;
    // QCPAxisTickerLog's own threshold, below which it falls back to evenly spaced ticks.
    constexpr double kFewestDecades = 1.6;
    if (powers >= kFewestPowers && std::log(range.upper / range.lower) / base >= kFewestDecades)
        return QCPAxisTickerLog::createTickVector(tickStep, range);
    octaveTicks_ = true;
    const int step = std::max(
        1, static_cast<int>(std::lround(std::log2(range.upper / range.lower) / kOctavesPerTick)));
    const int first = static_cast<int>(std::floor(std::log2(range.lower) / step)) * step;
    const int last = static_cast<int>(std::ceil(std::log2(range.upper)));
    QVector<double> ticks;
    for (int exponent = first; exponent <= last; exponent += step)
        ticks << std::ldexp(1.0, exponent);
    return ticks;
}

QVector<double> UnitLogTicker::createSubTickVector(int subTickCount, const QVector<double>& ticks) {
    if (octaveTicks_)
        return {};
    return QCPAxisTickerLog::createSubTickVector(subTickCount, ticks);
}

} // namespace shmscope::widgets
