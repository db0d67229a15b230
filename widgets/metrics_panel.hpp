// Common shape of the panels that draw MetricsHistory: one slot takes each new frame, events
// become markers, reload() redraws from the history (after a pause, a new window, a clear).
#pragma once

#include "metrics_history.hpp"

#include <QWidget>
#include <map>

namespace shmscope::widgets {

class FrameClock;
class TimeAxis;
class TimePlot;

class MetricsPanel : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    void reload(const MetricsHistory& history);

public slots:
    virtual void addFrame(const shmscope::widgets::MetricsFrame& frame) = 0;
    virtual void addEvent(const shmscope::widgets::EventMarker& event) = 0;
    virtual void clearData() = 0;

protected:
    // Text and histograms change every frame but are read at human speed: refresh them at most
    // every kSlowRefreshSeconds of data time, which keeps layout work out of most frames.
    static constexpr double kSlowRefreshSeconds = 0.2;
    [[nodiscard]] bool slowRefreshDue(double seconds);

    void changeEvent(QEvent* event) override;
    virtual void retranslate() {}

private:
    double lastSlowRefresh_ = -1e9;
};

// One line per process series on a TimePlot, created on first sight and named "role pid".
class ProcessLines {
public:
    explicit ProcessLines(int firstStyle) : firstStyle_(firstStyle) {}
    int lineFor(TimePlot& plot, const ProcessRates& rates);
    void clear() { lines_.clear(); }

private:
    int firstStyle_;
    std::map<int, int> lines_; // series id -> plot series
};

} // namespace shmscope::widgets
