// The one 60 Hz display timer. Panels with new data replot on its tick (queued replots), and it
// measures frame time as docs/GUI.md defines it: from the tick's timeout to the return of the last
// paintEvent that tick caused in a visible plot or the heat map.
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <vector>

class QWidget;

namespace shmscope::widgets {

struct FrameStats {
    std::vector<double> frameMs;    // one per completed frame after the warm-up
    std::vector<double> tickLateMs; // lateness of every tick after the warm-up
    long long missedTicks = 0;      // ticks that never fired because the previous ran late
};

class FrameClock : public QObject {
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 16;          // ~60 Hz (62.5 Hz with whole milliseconds)
    static constexpr double kWarmupSeconds = 2.0;   // frames in the first 2 s are dropped
    static constexpr double kAbandonFrameMs = 1000; // a frame whose paint never came

    explicit FrameClock(QObject* parent = nullptr);

    void start();
    void stop();
    [[nodiscard]] bool isRunning() const { return timer_.isActive(); }

    // Replots are spread over kPhases consecutive ticks: each plot redraws at most every
    // kPhases-th tick (~31 Hz, the snapshot rate), and one frame draws only part of them.
    static constexpr int kPhases = 2;
    // Gives a drawing widget its phase; isTurnOf(phase) says whether this tick is its turn.
    int registerTarget();
    [[nodiscard]] bool isTurnOf(int phase) const { return tickCount_ % kPhases == phase; }

    // A panel that asked `widget` to repaint during this tick calls expectPaint(widget); the
    // widget calls painted(widget) when its paintEvent returns.
    void expectPaint(QWidget* widget);
    void painted(QWidget* widget);

    [[nodiscard]] const FrameStats& stats() const { return stats_; }
    void resetStats();

signals:
    void tick();

private:
    void onTimeout();
    void finishFrame();

    QTimer timer_;
    QElapsedTimer sinceStart_;
    qint64 lastTickNs_ = -1;
    qint64 frameStartNs_ = -1;
    long long tickCount_ = 0;
    int targets_ = 0;
    QSet<QWidget*> pending_;
    FrameStats stats_;
};

} // namespace shmscope::widgets
