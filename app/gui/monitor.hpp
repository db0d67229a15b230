// Takes snapshots through a SnapshotSource on one Qt::PreciseTimer (30 Hz); slot states at most
// at 10 Hz (one load per slot is the heavy part). Emits plain values; knows nothing of views.
#pragma once

#include "snapshot_source.hpp"

#include <QObject>
#include <QTimer>
#include <memory>

namespace shmscope::gui {

class Monitor : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 33;                 // ~30 Hz
    static constexpr std::uint64_t kSlotIntervalNs = 100'000'000; // slot states at most at 10 Hz

    explicit Monitor(QObject* parent = nullptr);
    ~Monitor() override;

    void setSource(std::unique_ptr<SnapshotSource> source);
    [[nodiscard]] SnapshotSource* source() const { return source_.get(); }
    void start();
    void stop();
    [[nodiscard]] bool isRunning() const { return timer_.isActive(); }
    void setIntervalMs(int milliseconds);
    [[nodiscard]] int intervalMs() const { return timer_.interval(); }

    // One snapshot now, outside the timer (the last one before a session ends).
    void sampleNow(bool withSlots);

signals:
    void sampled(const shmscope::widgets::ChannelSample& sample);

private:
    void onTimeout();

    std::unique_ptr<SnapshotSource> source_;
    QTimer timer_;
    std::uint64_t lastTakenNs_ = 0;
    std::uint64_t lastSlotsNs_ = 0;
};

} // namespace shmscope::gui
