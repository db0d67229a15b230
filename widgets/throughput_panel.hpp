// Messages/s or bytes/s, per process and in total, and the messages/s dropped by
// backpressure, over the shared time axis.
#pragma once

#include "metrics_panel.hpp"

class QComboBox;
class QLabel;

namespace shmscope::widgets {

class ThroughputPanel : public MetricsPanel {
    Q_OBJECT
public:
    ThroughputPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    void addFrame(const MetricsFrame& frame) override;
    void addEvent(const EventMarker& event) override;
    void clearData() override;
    bool savePng(const QString& path, int width, int height);

    [[nodiscard]] bool showsBytes() const;

signals:
    void reloadRequested(); // the quantity changed: the owner calls reload()

protected:
    void retranslate() override;

private:
    void setUpSeries();

    QComboBox* quantity_;
    QLabel* summary_;
    TimePlot* plot_;
    int produced_ = -1;
    int consumed_ = -1;
    int dropped_ = -1; // messages/s dropped by backpressure (messages view only)
    ProcessLines lines_{2};
};

} // namespace shmscope::widgets
