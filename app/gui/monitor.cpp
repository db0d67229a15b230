#include "monitor.hpp"

namespace shmscope::gui {

Monitor::Monitor(QObject* parent) : QObject(parent) {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(kDefaultIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &Monitor::onTimeout);
}

Monitor::~Monitor() = default;

void Monitor::setSource(std::unique_ptr<SnapshotSource> source) {
    source_ = std::move(source);
    lastTakenNs_ = 0;
    lastSlotsNs_ = 0;
}

void Monitor::start() {
    if (source_)
        timer_.start();
}

void Monitor::stop() { timer_.stop(); }

void Monitor::setIntervalMs(int milliseconds) { timer_.setInterval(milliseconds); }

void Monitor::onTimeout() {
    if (!source_)
        return;
    // Slot states when the next sample will be at least kSlotIntervalMs after the last ones,
    // judged by the previous sample's own stamp: no extra clock read, no second snapshot.
    const std::uint64_t intervalNs = static_cast<std::uint64_t>(timer_.interval()) * 1'000'000;
    const bool withSlots =
        lastTakenNs_ == 0 || lastTakenNs_ + intervalNs >= lastSlotsNs_ + kSlotIntervalNs;
    const std::optional<widgets::ChannelSample> sample = source_->take(withSlots);
    if (!sample)
        return;
    lastTakenNs_ = sample->takenNs;
    if (withSlots)
        lastSlotsNs_ = sample->takenNs;
    emit sampled(*sample);
}

void Monitor::sampleNow(bool withSlots) {
    if (!source_)
        return;
    if (std::optional<widgets::ChannelSample> sample = source_->take(withSlots))
        emit sampled(*sample);
}

} // namespace shmscope::gui
