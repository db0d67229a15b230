#include "occupancy_panel.hpp"

#include "slot_heat_map.hpp"
#include "time_plot.hpp"
#include "units.hpp"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace shmscope::widgets {

OccupancyPanel::OccupancyPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : MetricsPanel(parent), summary_(new QLabel(this)), heatMap_(new SlotHeatMap(clock, this)),
      plot_(new TimePlot(axis, clock, this)) {
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(heatMap_);
    splitter->addWidget(plot_);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(summary_);
    layout->addWidget(splitter, 1);
    plot_->setQuantity(units::Quantity::Fraction);
    plot_->setFixedValueRange(0.0, 1.05);
    setUpSeries();
    retranslate();
}

void OccupancyPanel::setUpSeries() {
    fill_ = plot_->addSeries(tr("fill level"), 0, true);
    highWater_ = plot_->addSeries(tr("high-water mark"), 5);
}

void OccupancyPanel::retranslate() {
    plot_->setSeriesName(fill_, tr("fill level"));
    plot_->setSeriesName(highWater_, tr("high-water mark"));
    if (!summarised_)
        summary_->setText(tr("Ring occupancy appears here once a channel is open."));
}

void OccupancyPanel::addFrame(const MetricsFrame& frame) {
    if (frame.slotCount == 0)
        return;
    const double slotCount = frame.slotCount;
    plot_->append(fill_, frame.seconds, static_cast<double>(frame.occupiedSlots) / slotCount);
    plot_->append(highWater_, frame.seconds, static_cast<double>(frame.highWaterSlots) / slotCount);
    if (!slowRefreshDue(frame.seconds))
        return;
    slotsDue_ = true; // the heat map takes this sample's states: it and the text show one moment
    summarised_ = true;
    summary_->setText(
        tr("%1 of %n slot(s) in use (%2), high-water mark %3", nullptr,
           static_cast<int>(frame.slotCount))
            .arg(frame.occupiedSlots)
            .arg(units::percent(static_cast<double>(frame.occupiedSlots) / slotCount, locale()))
            .arg(frame.highWaterSlots));
}

void OccupancyPanel::setSlots(const ChannelSample& sample) {
    // Called after addFrame() for the same sample; between summary refreshes the heat map stays
    // as the summary describes it.
    if (!sample.hasSlots || !slotsDue_)
        return;
    slotsDue_ = false;
    heatMap_->setSlots(sample.slotStates, sample.ring.head, sample.ring.tail);
}

void OccupancyPanel::addEvent(const EventMarker& event) {
    plot_->addMarker(event.seconds, event.text);
}

void OccupancyPanel::clearData() {
    plot_->clear();
    setUpSeries();
    heatMap_->clearSlots();
    summarised_ = false;
    slotsDue_ = true;
    retranslate();
}

bool OccupancyPanel::savePng(const QString& path, int width, int height) {
    return plot_->savePng(path, width, height);
}

} // namespace shmscope::widgets
