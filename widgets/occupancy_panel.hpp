// Segment occupancy: the slot heat map, and the ring's fill level over time with its high-water
// mark.
#pragma once

#include "metrics_panel.hpp"

class QLabel;

namespace shmscope::widgets {

class SlotHeatMap;

class OccupancyPanel : public MetricsPanel {
    Q_OBJECT
public:
    OccupancyPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);

    void addFrame(const MetricsFrame& frame) override;
    void addEvent(const EventMarker& event) override;
    void clearData() override;
    void setSlots(const ChannelSample& sample);
    bool savePng(const QString& path, int width, int height);
    [[nodiscard]] SlotHeatMap* heatMap() const { return heatMap_; }

protected:
    void retranslate() override;

private:
    void setUpSeries();

    QLabel* summary_;
    bool summarised_ = false; // the summary shows data, not the empty-state hint
    SlotHeatMap* heatMap_;
    TimePlot* plot_;
    int fill_ = -1;
    int highWater_ = -1;
};

} // namespace shmscope::widgets
