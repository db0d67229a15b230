#include "time_axis.hpp"

#include <algorithm>

namespace shmscope::widgets {

TimeAxis::TimeAxis(QObject* parent) : QObject(parent) {}

void TimeAxis::setRange(double lower, double upper) {
    if (lower == lower_ && upper == upper_)
        return;
    lower_ = lower;
    upper_ = upper;
    emit rangeChanged(lower_, upper_);
}

void TimeAxis::followLatest() {
    // Until the first window is full, time 0 stays at the left edge.
    const double upper = std::max(latest_, windowSeconds_);
    setRange(upper - windowSeconds_, upper);
}

void TimeAxis::setLatest(double seconds) {
    latest_ = seconds;
    if (live_)
        followLatest();
}

void TimeAxis::setWindowSeconds(double seconds) {
    if (seconds <= 0.0)
        return;
    windowSeconds_ = seconds;
    if (live_)
        followLatest();
}

void TimeAxis::setUserRange(double lower, double upper) {
    if (upper <= lower)
        return;
    if (live_) {
        live_ = false;
        emit liveChanged(false);
    }
    setRange(lower, upper);
}

void TimeAxis::followLive() {
    if (!live_) {
        live_ = true;
        emit liveChanged(true);
    }
    followLatest();
}

void TimeAxis::reset() {
    latest_ = 0.0;
    followLive();
}

} // namespace shmscope::widgets
