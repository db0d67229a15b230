// End-to-end latency: p50, p99 and max over time (log axis) and the window's log2 histogram.
#pragma once

#include "metrics_panel.hpp"

class QLabel;

namespace shmscope::widgets {

class HistogramPlot;

class LatencyPanel : public MetricsPanel {
    Q_OBJECT
public:
    LatencyPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    void addFrame(const MetricsFrame& frame) override;
    void addEvent(const EventMarker& event) override;
    void clearData() override;
    bool savePng(const QString& path, int width, int height);

protected:
    void retranslate() override;

private:
    void setUpSeries();

    QLabel* summary_;
    bool summarised_ = false; // the summary shows data, not the empty-state hint
    TimePlot* plot_;
    HistogramPlot* histogram_;
    int p50_ = -1;
    int p99_ = -1;
    int max_ = -1;
};

} // namespace shmscope::widgets
