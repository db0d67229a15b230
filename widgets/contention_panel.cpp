#include "contention_panel.hpp"

#include "histogram_plot.hpp"
#include "labels.hpp"
#include "time_plot.hpp"
#include "units.hpp"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>

namespace shmscope::widgets {

ContentionPanel::ContentionPanel(TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : MetricsPanel(parent), summary_(new QLabel(this)), perProcess_(new QLabel(this)),
      plot_(new TimePlot(axis, clock, this)),
      histogram_(new HistogramPlot(units::Quantity::Duration, clock, this)) {
    auto* plots = new QHBoxLayout;
    plots->addWidget(plot_, 3);
    plots->addWidget(histogram_, 2);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(summary_);
    layout->addWidget(perProcess_);
    layout->addLayout(plots, 1);
    perProcess_->setWordWrap(true);
    plot_->setQuantity(units::Quantity::Fraction);
    plot_->setFixedValueRange(0.0, 1.05);
    setUpSeries();
    retranslate();
}

bool ContentionPanel::lockFree() const {
    return sync_ == QLatin1String("spsc") || sync_ == QLatin1String("mpmc") ||
           sync_ == QLatin1String("none") || sync_.isEmpty();
}

void ContentionPanel::setStrategy(const QString& sync) {
    sync_ = sync;
    retranslate();
}

void ContentionPanel::setUpSeries() {
    lines_.clear();
    total_ = plot_->addSeries(tr("contended share, all"), 7);
}

void ContentionPanel::retranslate() {
    plot_->setSeriesName(total_, tr("contended share, all"));
    histogram_->setValueLabel(lockFree() ? tr("Wait for a slot or data (log2 buckets)")
                                         : tr("Wait for the lock (log2 buckets)"));
}

void ContentionPanel::addFrame(const MetricsFrame& frame) {
    plot_->append(total_, frame.seconds, frame.contendedShare);
    for (const ProcessRates& process : frame.processes)
        plot_->append(lines_.lineFor(*plot_, process), frame.seconds, process.contendedShare);
    if (!slowRefreshDue(frame.seconds))
        return;
    QStringList holds;
    for (const ProcessRates& process : frame.processes) {
        if (!std::isnan(process.meanHoldNs))
            holds << tr("%1 %2: hold %3")
                         .arg(labels::role(process.role))
                         .arg(process.pid)
                         .arg(units::duration(process.meanHoldNs, locale()));
    }
    histogram_->setHistogram(frame.waitWindow);
    const QLocale here = locale();
    const QString share = std::isnan(frame.contendedShare)
                              ? QStringLiteral("–")
                              : units::percent(frame.contendedShare, here);
    if (lockFree()) {
        summary_->setText(tr("%1: %2 slot claims/s, %3 contended, %4 CAS retries/s")
                              .arg(sync_, units::si(frame.acquiresPerSecond, QString(), here),
                                   share, units::si(frame.casRetriesPerSecond, QString(), here)));
    } else {
        const QString holder =
            frame.lockHolderPid != 0 ? tr("held by pid %1").arg(frame.lockHolderPid) : tr("free");
        const QString what =
            sync_ == QLatin1String("semaphore") ? tr("semaphore waits") : tr("mutex acquisitions");
        QString text = tr("%1: %2 %3/s, %4 contended, lock %5")
                           .arg(sync_, units::si(frame.acquiresPerSecond, QString(), here), what,
                                share, holder);
        for (const SlotLeak& leak : frame.leaks)
            text += QStringLiteral("; ") +
                    (leak.slotCount == 1
                         ? tr("1 slot leaked by dead process %1").arg(leak.pid)
                         : tr("%1 slots leaked by dead process %2").arg(leak.slotCount).arg(leak.pid));
        summary_->setText(text);
    }
    perProcess_->setText(holds.join(QStringLiteral("   ")));
}

void ContentionPanel::addEvent(const EventMarker& event) {
    plot_->addMarker(event.seconds, event.text);
}

void ContentionPanel::clearData() {
    plot_->clear();
    setUpSeries();
    histogram_->setHistogram({});
}

bool ContentionPanel::savePng(const QString& path, int width, int height) {
    return plot_->savePng(path, width, height);
}

} // namespace shmscope::widgets
