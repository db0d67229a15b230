#include "histogram_plot.hpp"

#include "frame_clock.hpp"
#include "metrics.hpp"
#include "plot_canvas.hpp"
#include "theme.hpp"
#include "unit_ticker.hpp"

#include <QEvent>
#include <QFontMetrics>
#include <QVBoxLayout>
#include <cstdlib>

namespace shmscope::widgets {
namespace {
constexpr int kMinimumVisibleBuckets = 8;
constexpr int kLabelWidthPx = 64; // bucket labels are wide: label every n-th bucket
constexpr int kLabelMarginPx = 8; // room left beside the axis label

// `text` on one line if it fits in `width`, else on two, broken at the space nearest the middle
// (or in the middle, for text without spaces such as Chinese).
QString fitted(const QString& text, const QFontMetrics& metrics, int width) {
    if (metrics.horizontalAdvance(text) <= width)
        return text;
    const qsizetype middle = text.size() / 2;
    qsizetype best = -1;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == QLatin1Char(' ') &&
            (best < 0 || std::abs(i - middle) < std::abs(best - middle)))
            best = i;
    }
    if (best < 0)
        return text.left(middle) + QLatin1Char('\n') + text.mid(middle);
    return text.left(best) + QLatin1Char('\n') + text.mid(best + 1);
}
} // namespace

struct HistogramPlot::Private {
    FrameClock* clock = nullptr;
    int phase = 0;
    PlotCanvas* canvas = nullptr;
    QCPBars* bars = nullptr;
    units::Quantity quantity;
    bool dirty = true;
    int firstBucket = 0;
    int lastBucket = kMinimumVisibleBuckets;
    int labelledFirst = -1;
    int labelledLast = -1;
    int labelledWidth = -1;
    QString valueLabel; // as set; the axis shows it fitted to the width
};

HistogramPlot::HistogramPlot(units::Quantity quantity, FrameClock* clock, QWidget* parent)
    : QWidget(parent), d(std::make_unique<Private>()) {
    d->quantity = quantity;
    d->clock = clock;
    d->phase = clock->registerTarget();
    d->canvas = new PlotCanvas(clock, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->canvas);
    setMinimumHeight(120);
    d->bars = new QCPBars(d->canvas->xAxis, d->canvas->yAxis);
    d->bars->setWidth(0.8);
    d->canvas->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    d->canvas->yAxis->setLabel(tr("Share"));
    d->canvas->yAxis->setTicker(QSharedPointer<UnitTicker>::create(units::Quantity::Fraction));
    d->canvas->legend->setVisible(false);
    applyColours();
    connect(clock, &FrameClock::tick, this, &HistogramPlot::onTick);
}

HistogramPlot::~HistogramPlot() = default;

void HistogramPlot::setValueLabel(const QString& label) {
    d->valueLabel = label;
    fitValueLabel();
}

void HistogramPlot::fitValueLabel() {
    d->canvas->xAxis->setLabel(
        fitted(d->valueLabel, fontMetrics(), d->canvas->width() - kLabelMarginPx));
    d->dirty = true;
}

void HistogramPlot::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fitValueLabel();
}

void HistogramPlot::setHistogram(const Log2Histogram& histogram) {
    const double count = static_cast<double>(metrics::total(histogram));
    QVector<double> keys;
    QVector<double> values;
    int first = -1;
    int last = -1;
    for (int bucket = 0; bucket < kHistogramBuckets; ++bucket) {
        const auto n = histogram[static_cast<std::size_t>(bucket)];
        if (n == 0)
            continue;
        first = first < 0 ? bucket : first;
        last = bucket;
        keys.push_back(bucket);
        values.push_back(static_cast<double>(n) / count);
    }
    d->bars->setData(keys, values, true);
    if (first >= 0) {
        // Keep the axis steady: it only widens while data exists.
        d->firstBucket = std::min(d->firstBucket == 0 ? first : d->firstBucket, first);
        d->lastBucket = std::max({d->lastBucket, last, d->firstBucket + kMinimumVisibleBuckets});
    }
    d->dirty = true;
}

void HistogramPlot::onTick() {
    if (!d->dirty || !isVisible() || !d->clock->isTurnOf(d->phase))
        return;
    d->dirty = false;
    const int width = d->canvas->axisRect()->width();
    if (d->labelledFirst != d->firstBucket || d->labelledLast != d->lastBucket ||
        d->labelledWidth != width) {
        // Relabel only when the visible buckets change: labels are the lower bound of a bucket.
        d->labelledFirst = d->firstBucket;
        d->labelledLast = d->lastBucket;
        d->labelledWidth = width;
        const int labels = std::max(2, width / kLabelWidthPx);
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        const int step = std::max(1, (d->lastBucket - d->firstBucket + labels) / labels);
        for (int bucket = d->firstBucket; bucket <= d->lastBucket; bucket += step)
            ticker->addTick(bucket,
                            units::format(d->quantity, metrics::bucketLow(bucket), locale()));
        d->canvas->xAxis->setTicker(ticker);
    }
    d->canvas->xAxis->setRange(d->firstBucket - 0.7, d->lastBucket + 0.7);
    d->canvas->yAxis->setRange(0.0, 1.0);
    d->canvas->requestFrame();
}

void HistogramPlot::applyColours() {
    const QPalette pal = palette();
    d->canvas->applyPalette(pal);
    const QColor colour = theme::seriesColour(0, theme::isDark(pal));
    d->bars->setPen(QPen(colour, 1));
    QColor fill = colour;
    fill.setAlpha(160);
    d->bars->setBrush(fill);
}

void HistogramPlot::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange)
        fitValueLabel();
    if (event->type() == QEvent::PaletteChange) {
        applyColours();
        d->dirty = true;
    } else if (event->type() == QEvent::LanguageChange) {
        d->canvas->yAxis->setLabel(tr("Share"));
        d->dirty = true;
    }
    QWidget::changeEvent(event);
}

bool HistogramPlot::savePng(const QString& path, int width, int height) {
    return d->canvas->savePng(path, width, height);
}

} // namespace shmscope::widgets
