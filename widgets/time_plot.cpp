#include "time_plot.hpp"

#include "frame_clock.hpp"
#include "plot_canvas.hpp"
#include "theme.hpp"
#include "time_axis.hpp"
#include "unit_ticker.hpp"

#include <QEvent>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <vector>

namespace shmscope::widgets {
namespace {
constexpr double kHeadroom = 1.1;      // visible maximum plus 10 %
constexpr double kLogFloor = 1.0;      // smallest value a log axis shows
constexpr double kEmptyLogLower = 1e3; // an empty log axis of nanoseconds: 1 µs … 10 ms
constexpr double kEmptyLogUpper = 1e7;
constexpr double kTrimEverySeconds = 10.0;    // how often old points are dropped
constexpr double kDescribeEverySeconds = 1.0; // how often the accessible description changes
constexpr int kLinesPerValueTick = 2;         // text lines of height between value ticks
constexpr int kMaxValueTicks = 5;             // QCPAxisTicker's default
constexpr int kLegendColumns = 3;
constexpr int kMarkerLabelGapPx = 6; // a label closer than this to the previous one is folded
constexpr double kMarkerFontScale = 0.8;
} // namespace

struct TimePlot::Private {
    TimeAxis* axis = nullptr;
    FrameClock* clock = nullptr;
    int phase = 0;
    PlotCanvas* canvas = nullptr;
    QSharedPointer<UnitTicker> ticker;
    std::vector<QCPGraph*> graphs;
    std::vector<int> styles;
    std::vector<bool> filled;
    std::vector<std::pair<QCPItemStraightLine*, double>> markers;
    // One label per marker, above the plot area (never over the data); labels that would run
    // into the one before are hidden and counted on it ("… +3").
    std::vector<std::pair<QCPItemText*, QString>> labels;
    units::Quantity quantity = units::Quantity::Count;
    bool logarithmic = false;
    bool fixedRange = false;
    bool dirty = true;
    bool applyingRange = false;
    double lastTrim = 0.0;
    double newest = 0.0;
    double lastDescribed = -1e9; // data time of the last accessible description
    int fittedHeight = -1;       // axis height the value tick count was chosen for
};

TimePlot::TimePlot(TimeAxis* axis, FrameClock* clock, QWidget* parent)
    : QWidget(parent), d(std::make_unique<Private>()) {
    d->axis = axis;
    d->clock = clock;
    d->phase = clock->registerTarget();
    d->canvas = new PlotCanvas(clock, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->canvas);
    setMinimumHeight(120);

    QCustomPlot* plot = d->canvas;
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    d->ticker = QSharedPointer<UnitTicker>::create(units::Quantity::Count);
    plot->yAxis->setTicker(d->ticker);
    plot->xAxis->setLabel(tr("Time (s)"));
    // The legend sits in a row under the plot, so it never covers data.
    plot->legend->setVisible(true);
    QFont legendFont = font();
    legendFont.setPointSizeF(legendFont.pointSizeF() * 0.85);
    plot->legend->setFont(legendFont);
    plot->plotLayout()->addElement(1, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(kLegendColumns);
    plot->legend->setMargins(QMargins(2, 0, 2, 0));
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
    plot->plotLayout()->setRowSpacing(0);
    plot->xAxis->setRange(axis->lower(), axis->upper());
    // A band above the plot area holds the event labels.
    plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msRight | QCP::msBottom);
    plot->axisRect()->setMargins(QMargins(0, markerBandHeight(), 0, 0));

    connect(axis, &TimeAxis::rangeChanged, this, [this](double, double) { d->dirty = true; });
    connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this](const QCPRange& range) {
                if (!d->applyingRange)
                    d->axis->setUserRange(range.lower, range.upper);
            });
    connect(clock, &FrameClock::tick, this, &TimePlot::onTick);
}

TimePlot::~TimePlot() = default;

void TimePlot::setQuantity(units::Quantity quantity, bool logarithmic) {
    d->quantity = quantity;
    d->logarithmic = logarithmic;
    QCPAxis* y = d->canvas->yAxis;
    if (logarithmic) {
        y->setScaleType(QCPAxis::stLogarithmic);
        y->setTicker(QSharedPointer<UnitLogTicker>::create(quantity));
    } else {
        y->setScaleType(QCPAxis::stLinear);
        d->ticker = QSharedPointer<UnitTicker>::create(quantity);
        y->setTicker(d->ticker);
    }
    fitValueTicks();
    d->dirty = true;
}

void TimePlot::fitValueTicks() {
    // A short plot gets fewer value labels, so that they never overlap. The axis rectangle's
    // height is known after a replot laid the plot out; until then the whole canvas counts.
    const int height =
        d->canvas->axisRect()->height() > 0 ? d->canvas->axisRect()->height() : d->canvas->height();
    d->fittedHeight = height;
    const int lines = height / (fontMetrics().height() * kLinesPerValueTick);
    d->canvas->yAxis->ticker()->setTickCount(std::clamp(lines, 1, kMaxValueTicks));
    d->dirty = true;
}

void TimePlot::setFixedValueRange(double lower, double upper) {
    d->fixedRange = true;
    d->canvas->yAxis->setRange(lower, upper);
    d->dirty = true;
}

void TimePlot::setValueLabel(const QString& label) {
    d->canvas->yAxis->setLabel(label);
    setAccessibleName(label);
    d->dirty = true;
}

int TimePlot::addSeries(const QString& name, int style, bool filled) {
    QCPGraph* graph = d->canvas->addGraph();
    graph->setName(name);
    graph->setAdaptiveSampling(true);
    d->graphs.push_back(graph);
    d->styles.push_back(style);
    d->filled.push_back(filled);
    applyColours();
    d->dirty = true;
    return static_cast<int>(d->graphs.size()) - 1;
}

void TimePlot::setSeriesName(int series, const QString& name) {
    d->graphs.at(static_cast<std::size_t>(series))->setName(name);
    d->dirty = true;
}

int TimePlot::seriesCount() const { return static_cast<int>(d->graphs.size()); }

void TimePlot::append(int series, double seconds, double value) {
    QCPGraph* graph = d->graphs.at(static_cast<std::size_t>(series));
    if (d->logarithmic && value <= 0.0)
        value = std::nan("");
    graph->addData(seconds, value);
    d->newest = std::max(d->newest, seconds);
    d->dirty = true;
}

void TimePlot::addMarker(double seconds, const QString& text) {
    // Vertical in axis-rect coordinates, so it spans the plot on linear and log axes alike.
    auto* line = new QCPItemStraightLine(d->canvas);
    line->point1->setTypeY(QCPItemPosition::ptAxisRectRatio);
    line->point2->setTypeY(QCPItemPosition::ptAxisRectRatio);
    line->point1->setCoords(seconds, 0.0);
    line->point2->setCoords(seconds, 1.0);
    line->setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
    line->setSelectable(false);
    d->markers.emplace_back(line, seconds);
    auto* label = new QCPItemText(d->canvas);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(seconds, 0.0);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setText(text);
    label->setClipToAxisRect(false);
    label->setFont(markerFont());
    label->setColor(palette().color(QPalette::WindowText));
    label->setPadding(QMargins(3, 0, 3, 1));
    label->setSelectable(false);
    d->labels.emplace_back(label, text);
    d->dirty = true;
}

void TimePlot::clear() {
    for (QCPGraph* graph : d->graphs)
        d->canvas->removeGraph(graph);
    d->graphs.clear();
    d->styles.clear();
    d->filled.clear();
    for (auto& marker : d->markers)
        d->canvas->removeItem(marker.first);
    d->markers.clear();
    for (auto& label : d->labels)
        d->canvas->removeItem(label.first);
    d->labels.clear();
    d->newest = 0.0;
    d->lastTrim = 0.0;
    d->dirty = true;
}

void TimePlot::rescaleValues() {
    if (d->fixedRange)
        return;
    const QCPRange keys = d->canvas->xAxis->range();
    double top = 0.0;
    double bottom = std::numeric_limits<double>::max();
    for (QCPGraph* graph : d->graphs) {
        bool found = false;
        const QCPRange range = graph->getValueRange(found, QCP::sdBoth, keys);
        if (found) {
            top = std::max(top, range.upper);
            bottom = std::min(bottom, range.lower);
        }
    }
    QCPAxis* y = d->canvas->yAxis;
    if (d->logarithmic) {
        if (bottom == std::numeric_limits<double>::max()) {
            y->setRange(kEmptyLogLower, kEmptyLogUpper); // no data yet: a plausible span
            return;
        }
        const double low = std::max(
            kLogFloor, std::pow(10.0, std::floor(std::log10(std::max(bottom, kLogFloor)))));
        const double high = std::max(
            low * 10.0, std::pow(10.0, std::ceil(std::log10(std::max(top, kLogFloor * 10.0)))));
        y->setRange(low, high);
    } else {
        y->setRange(0.0, top > 0.0 ? top * kHeadroom : 1.0);
    }
}

void TimePlot::onTick() {
    if (!d->dirty || !isVisible() || !d->clock->isTurnOf(d->phase))
        return;
    d->dirty = false;
    if (d->newest - d->lastTrim > kTrimEverySeconds) {
        d->lastTrim = d->newest;
        for (QCPGraph* graph : d->graphs)
            graph->data()->removeBefore(d->newest - kRetentionSeconds);
    }
    d->applyingRange = true;
    d->canvas->xAxis->setRange(d->axis->lower(), d->axis->upper());
    d->applyingRange = false;
    if (d->canvas->axisRect()->height() != d->fittedHeight)
        fitValueTicks();
    rescaleValues();
    placeMarkerLabels();
    d->canvas->requestFrame();
    // Screen readers get the newest values as text, refreshed at a pace people read.
    if (d->newest - d->lastDescribed >= kDescribeEverySeconds) {
        d->lastDescribed = d->newest;
        setAccessibleDescription(accessibleSummary());
    }
}

void TimePlot::applyColours() {
    const QPalette pal = palette();
    const bool dark = theme::isDark(pal);
    d->canvas->applyPalette(pal);
    for (std::size_t i = 0; i < d->graphs.size(); ++i) {
        const QColor colour = theme::seriesColour(d->styles[i], dark);
        d->graphs[i]->setPen(QPen(colour, 1, theme::seriesDash(d->styles[i])));
        if (d->filled[i]) {
            QColor fill = colour;
            fill.setAlpha(60);
            d->graphs[i]->setBrush(fill);
        }
    }
    for (auto& marker : d->markers)
        marker.first->setPen(QPen(pal.color(QPalette::WindowText), 1, Qt::DashLine));
    for (auto& label : d->labels)
        label.first->setColor(pal.color(QPalette::WindowText));
}

QFont TimePlot::markerFont() const {
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * kMarkerFontScale);
    return small;
}

int TimePlot::markerBandHeight() const { return QFontMetrics(markerFont()).height() + 2; }

void TimePlot::placeMarkerLabels() {
    // In pixels at the current zoom: a label that would start before the previous shown one
    // ends is hidden and counted on that one, so that workers started together read as one
    // label ("producer 1 started +3"), never as text drawn over text.
    const QFontMetrics metrics(markerFont());
    const QCPRange keys = d->canvas->xAxis->range();
    QCPItemText* shown = nullptr;
    QString shownText;
    int folded = 0;
    double shownRight = -1e9;
    const auto finish = [&] {
        if (shown)
            shown->setText(folded == 0 ? shownText
                                       : tr("%1 +%2", "event label and the number of events "
                                                      "folded into it")
                                             .arg(shownText)
                                             .arg(folded));
    };
    for (auto& [label, text] : d->labels) {
        const double seconds = label->position->key();
        const double left = d->canvas->xAxis->coordToPixel(seconds);
        if (!keys.contains(seconds)) {
            label->setVisible(false);
            continue;
        }
        if (shown && left < shownRight + kMarkerLabelGapPx) {
            label->setVisible(false);
            ++folded;
            continue;
        }
        finish();
        label->setVisible(true);
        shown = label;
        shownText = text;
        folded = 0;
        shownRight = left + metrics.horizontalAdvance(text + QStringLiteral(" +99")) + 6;
    }
    finish();
}

std::vector<QRect> TimePlot::markerLabelRects() {
    d->canvas->replot(QCustomPlot::rpImmediateRefresh); // lays the axis rect out
    placeMarkerLabels();
    d->canvas->replot(QCustomPlot::rpImmediateRefresh);
    std::vector<QRect> rects;
    for (auto& label : d->labels) {
        if (label.first->visible())
            rects.push_back(QRectF(label.first->topLeft->pixelPosition(),
                                   label.first->bottomRight->pixelPosition())
                                .toAlignedRect());
    }
    return rects;
}

QRect TimePlot::plotArea() const { return d->canvas->axisRect()->rect(); }

void TimePlot::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) {
        fitValueTicks();
        d->canvas->axisRect()->setMargins(QMargins(0, markerBandHeight(), 0, 0));
        for (auto& label : d->labels)
            label.first->setFont(markerFont());
    }
    if (event->type() == QEvent::PaletteChange) {
        applyColours();
        d->dirty = true;
    } else if (event->type() == QEvent::LanguageChange) {
        d->canvas->xAxis->setLabel(tr("Time (s)"));
        d->dirty = true;
    }
    QWidget::changeEvent(event);
}

QString TimePlot::accessibleSummary() const {
    QStringList parts;
    for (QCPGraph* graph : d->graphs) {
        if (graph->data()->isEmpty())
            continue;
        const double value = (graph->data()->constEnd() - 1)->value;
        parts << QStringLiteral("%1: %2").arg(graph->name(),
                                              units::format(d->quantity, value, locale()));
    }
    return parts.join(QStringLiteral("; "));
}

bool TimePlot::savePng(const QString& path, int width, int height) {
    return d->canvas->savePng(path, width, height);
}

} // namespace shmscope::widgets
