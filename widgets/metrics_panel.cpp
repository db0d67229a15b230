#include "metrics_panel.hpp"

#include "labels.hpp"
#include "time_plot.hpp"

#include <QEvent>

namespace shmscope::widgets {

void MetricsPanel::reload(const MetricsHistory& history) {
    clearData();
    for (const MetricsFrame& frame : history.frames())
        addFrame(frame);
    for (const EventMarker& event : history.events())
        addEvent(event);
}

bool MetricsPanel::slowRefreshDue(double seconds) {
    if (seconds >= lastSlowRefresh_ && seconds - lastSlowRefresh_ < kSlowRefreshSeconds)
        return false;
    lastSlowRefresh_ = seconds;
    return true;
}

void MetricsPanel::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

int ProcessLines::lineFor(TimePlot& plot, const ProcessRates& rates) {
    const auto found = lines_.find(rates.series);
    if (found != lines_.end())
        return found->second;
    const int style = firstStyle_ + static_cast<int>(lines_.size());
    const QString name = QStringLiteral("%1 %2").arg(labels::role(rates.role)).arg(rates.pid);
    const int line = plot.addSeries(name, style);
    lines_.emplace(rates.series, line);
    return line;
}

} // namespace shmscope::widgets
