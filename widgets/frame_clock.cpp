#include "frame_clock.hpp"

#include <QWidget>
#include <cmath>

namespace shmscope::widgets {

FrameClock::FrameClock(QObject* parent) : QObject(parent) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &FrameClock::onTimeout);
}

void FrameClock::start() {
    if (timer_.isActive())
        return;
    sinceStart_.start();
    lastTickNs_ = -1;
    frameStartNs_ = -1;
    pending_.clear();
    timer_.start();
}

void FrameClock::stop() {
    timer_.stop();
    pending_.clear();
    frameStartNs_ = -1;
}

int FrameClock::registerTarget() { return targets_++ % kPhases; }

void FrameClock::resetStats() { stats_ = FrameStats{}; }

void FrameClock::onTimeout() {
    const qint64 now = sinceStart_.nsecsElapsed();
    const bool warm = static_cast<double>(now) / 1e9 >= kWarmupSeconds;
    if (lastTickNs_ >= 0 && warm) {
        const double intervalMs = static_cast<double>(now - lastTickNs_) / 1e6;
        const double lateMs = std::max(0.0, intervalMs - kIntervalMs);
        stats_.tickLateMs.push_back(lateMs);
        stats_.missedTicks += static_cast<long long>(std::floor(lateMs / kIntervalMs));
    }
    lastTickNs_ = now;
    if (frameStartNs_ >= 0) {
        // The previous frame is still painting; this tick belongs to it.
        if (static_cast<double>(now - frameStartNs_) / 1e6 < kAbandonFrameMs)
            return;
        pending_.clear();
        frameStartNs_ = -1;
    }
    frameStartNs_ = now;
    ++tickCount_;
    emit tick();
    if (pending_.isEmpty())
        frameStartNs_ = -1; // nothing to draw this tick: no frame
}

void FrameClock::expectPaint(QWidget* widget) {
    // A widget covered by others (a dock tab behind another) gets no paintEvent: only wait for
    // widgets with something on screen.
    if (frameStartNs_ >= 0 && widget->isVisible() && !widget->visibleRegion().isEmpty())
        pending_.insert(widget);
}

void FrameClock::painted(QWidget* widget) {
    if (frameStartNs_ < 0 || !pending_.remove(widget) || !pending_.isEmpty())
        return;
    finishFrame();
}

void FrameClock::finishFrame() {
    const qint64 now = sinceStart_.nsecsElapsed();
    if (static_cast<double>(frameStartNs_) / 1e9 >= kWarmupSeconds)
        stats_.frameMs.push_back(static_cast<double>(now - frameStartNs_) / 1e6);
    frameStartNs_ = -1;
}

} // namespace shmscope::widgets
