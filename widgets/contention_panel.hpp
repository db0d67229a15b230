// Lock contention in the strategy's own terms: acquisitions, the contended share over time, the
// wait-time histogram, hold time per process, CAS retries for the lock-free rings and the
// lock holder's pid for the lock-based ones.
#pragma once

#include "metrics_panel.hpp"

class QLabel;

namespace shmscope::widgets {

class HistogramPlot;

class ContentionPanel : public MetricsPanel {
    Q_OBJECT
public:
    ContentionPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    // The synchronisation strategy's identifier ("spsc", "mpmc", "mutex", "semaphore", …).
    void setStrategy(const QString& sync);
    void addFrame(const MetricsFrame& frame) override;
    void addEvent(const EventMarker& event) override;
    void clearData() override;
    bool savePng(const QString& path, int width, int height);

protected:
    void retranslate() override;

private:
    void setUpSeries();
    [[nodiscard]] bool lockFree() const;

    QString sync_;
    QLabel* summary_;
    QLabel* perProcess_;
    TimePlot* plot_;
    HistogramPlot* histogram_;
    int total_ = -1;
    ProcessLines lines_{1};
};

} // namespace shmscope::widgets
