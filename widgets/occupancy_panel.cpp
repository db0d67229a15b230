#include "occupancy_panel.hpp"

#include "slot_heat_map.hpp"
#include "time_plot.hpp"
#include "units.hpp"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>

namespace shmscope::widgets {

namespace {
// The summary explains the cells when the high-water mark is this many times the current fill.
constexpr std::uint64_t kDrainNoteFactor = 4;
} // namespace

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
    summary_->setWordWrap(true);
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
}

void OccupancyPanel::setSlots(const ChannelSample& sample) {
    // The heat map and the summary line come from the same sample (one that carries slot
    // states), so the cells and "N of M slots in use" always describe the same moment.
    const RingSample& ring = sample.ring;
    if (!sample.hasSlots || ring.slotCount == 0 || !slowRefreshDue(static_cast<double>(sample.takenNs) / 1e9))
        return;
    heatMap_->setSlots(sample.slotStates, ring.head, ring.tail);
    summarised_ = true;
    QString text =
        tr("%1 of %n slot(s) in use (%2), high-water mark %3", nullptr,
           static_cast<int>(ring.slotCount))
            .arg(ring.occupiedSlots)
            .arg(units::percent(static_cast<double>(ring.occupiedSlots) / ring.slotCount, locale()))
            .arg(ring.highWaterSlots);
    // Consumers that keep up empty the ring within microseconds of a burst: a sample every
    // 100 ms then almost always finds it (nearly) empty while the high-water mark says it filled.
    if (ring.highWaterSlots >= kDrainNoteFactor * std::max<std::uint64_t>(ring.occupiedSlots, 1))
        text += QLatin1Char('\n') +
                tr("The cells show one instant; consumers empty the ring faster than the eye can "
                   "follow. The high-water mark is the fullest it has been.");
    summary_->setText(text);
}

void OccupancyPanel::addEvent(const EventMarker& event) {
    plot_->addMarker(event.seconds, event.text);
}

void OccupancyPanel::clearData() {
    plot_->clear();
    setUpSeries();
    heatMap_->clearSlots();
    summarised_ = false;
    retranslate();
}

bool OccupancyPanel::savePng(const QString& path, int width, int height) {
    return plot_->savePng(path, width, height);
}

} // namespace shmscope::widgets
