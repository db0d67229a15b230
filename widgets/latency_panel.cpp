#include "latency_panel.hpp"

#include "histogram_plot.hpp"
#include "time_plot.hpp"
#include "units.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace shmscope::widgets {

LatencyPanel::LatencyPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : MetricsPanel(parent), summary_(new QLabel(this)), plot_(new TimePlot(axis, clock, this)),
      histogram_(new HistogramPlot(units::Quantity::Duration, clock, this)) {
    auto* plots = new QHBoxLayout;
    plots->addWidget(plot_, 3);
    plots->addWidget(histogram_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(summary_);
    layout->addLayout(plots, 1);
    plot_->setQuantity(units::Quantity::Duration, true);
    setUpSeries();
    retranslate();
}

void LatencyPanel::setUpSeries() {
    p50_ = plot_->addSeries(tr("p50"), 0);
    p99_ = plot_->addSeries(tr("p99"), 2);
    max_ = plot_->addSeries(tr("max"), 5);
}

void LatencyPanel::retranslate() {
    histogram_->setValueLabel(tr("End-to-end latency (log2 buckets)"));
    plot_->setSeriesName(p50_, tr("p50"));
    plot_->setSeriesName(p99_, tr("p99"));
    plot_->setSeriesName(max_, tr("max"));
    if (!summarised_)
        summary_->setText(tr("No consumer has delivered a message yet."));
}

void LatencyPanel::addFrame(const MetricsFrame& frame) {
    plot_->append(p50_, frame.seconds, frame.latencyP50Ns);
    plot_->append(p99_, frame.seconds, frame.latencyP99Ns);
    plot_->append(max_, frame.seconds, frame.latencyMaxNs);
    if (!slowRefreshDue(frame.seconds))
        return;
    histogram_->setHistogram(frame.latencyWindow);
    if (std::isnan(frame.latencyP50Ns))
        return;
    const QLocale here = locale();
    summarised_ = true;
    summary_->setText(tr("p50 %1   p99 %2   max ≤ %3 (commit to delivery)")
                          .arg(units::duration(frame.latencyP50Ns, here),
                               units::duration(frame.latencyP99Ns, here),
                               units::duration(frame.latencyMaxNs, here)));
}

void LatencyPanel::addEvent(const EventMarker& event) {
    plot_->addMarker(event.seconds, event.text);
}

void LatencyPanel::clearData() {
    plot_->clear();
    setUpSeries();
    histogram_->setHistogram({});
    summarised_ = false;
    retranslate();
}

bool LatencyPanel::savePng(const QString& path, int width, int height) {
    return plot_->savePng(path, width, height);
}

} // namespace shmscope::widgets
