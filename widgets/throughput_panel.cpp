#include "throughput_panel.hpp"

#include "time_plot.hpp"
#include "units.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace shmscope::widgets {
namespace {
constexpr int kDroppedStyle = 6; // after the totals (7, 1) and the first four processes (2 …)
} // namespace

ThroughputPanel::ThroughputPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : MetricsPanel(parent), quantity_(new QComboBox(this)), summary_(new QLabel(this)),
      plot_(new TimePlot(axis, clock, this)) {
    auto* bar = new QHBoxLayout;
    bar->addWidget(quantity_);
    bar->addWidget(summary_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    layout->addWidget(plot_, 1);
    quantity_->addItem(QString());
    quantity_->addItem(QString());
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    retranslate();
    setUpSeries();
    connect(quantity_, &QComboBox::currentIndexChanged, this, [this] {
        plot_->setQuantity(showsBytes() ? units::Quantity::BytesPerSecond
                                        : units::Quantity::MessagesPerSecond);
        emit reloadRequested();
    });
    plot_->setQuantity(units::Quantity::MessagesPerSecond);
}

bool ThroughputPanel::showsBytes() const { return quantity_->currentIndex() == 1; }

void ThroughputPanel::setUpSeries() {
    lines_.clear();
    produced_ = plot_->addSeries(tr("all producers"), 7);
    consumed_ = plot_->addSeries(tr("all consumers"), 1);
    dropped_ = plot_->addSeries(tr("dropped (backpressure)"), kDroppedStyle);
}

void ThroughputPanel::retranslate() {
    quantity_->setItemText(0, tr("Messages/s"));
    quantity_->setItemText(1, tr("Bytes/s"));
    quantity_->setToolTip(tr("What the throughput plot shows"));
    if (plot_->seriesCount() >= 3) {
        plot_->setSeriesName(produced_, tr("all producers"));
        plot_->setSeriesName(consumed_, tr("all consumers"));
        plot_->setSeriesName(dropped_, tr("dropped (backpressure)"));
    }
}

void ThroughputPanel::addFrame(const MetricsFrame& frame) {
    const bool bytes = showsBytes();
    plot_->append(produced_, frame.seconds,
                  bytes ? frame.producedBytesPerSecond : frame.producedPerSecond);
    plot_->append(consumed_, frame.seconds,
                  bytes ? frame.consumedBytesPerSecond : frame.consumedPerSecond);
    // A dropped message has no bytes that count: the line is drawn in messages/s only.
    plot_->append(dropped_, frame.seconds, bytes ? kNoValue : frame.droppedPerSecond);
    for (const ProcessRates& process : frame.processes) {
        const int line = lines_.lineFor(*plot_, process);
        plot_->append(line, frame.seconds,
                      bytes ? process.bytesPerSecond : process.messagesPerSecond);
    }
    if (!slowRefreshDue(frame.seconds))
        return;
    const QLocale here = locale();
    QString text = tr("in: %1 (%2)   out: %3 (%4)")
                       .arg(units::messagesPerSecond(frame.producedPerSecond, here),
                            units::bytesPerSecond(frame.producedBytesPerSecond, here),
                            units::messagesPerSecond(frame.consumedPerSecond, here),
                            units::bytesPerSecond(frame.consumedBytesPerSecond, here));
    if (frame.droppedPerSecond > 0)
        text += tr("   dropped: %1").arg(units::messagesPerSecond(frame.droppedPerSecond, here));
    summary_->setText(text);
}

void ThroughputPanel::addEvent(const EventMarker& event) {
    plot_->addMarker(event.seconds, event.text);
}

void ThroughputPanel::clearData() {
    plot_->clear();
    setUpSeries();
}

bool ThroughputPanel::savePng(const QString& path, int width, int height) {
    return plot_->savePng(path, width, height);
}

} // namespace shmscope::widgets
