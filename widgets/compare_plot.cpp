#include "compare_plot.hpp"

#include "plot_canvas.hpp"
#include "theme.hpp"
#include "unit_ticker.hpp"

#include <QEvent>
#include <QVBoxLayout>
#include <algorithm>

namespace shmscope::widgets {
namespace {

constexpr int kLegendColumns = 4;
constexpr double kSizeTickBase = 4;   // message-size ticks: 64 B, 256 B, 1 KiB, ...
constexpr double kRateTickBase = 100; // throughput ticks every two decades: never crowded

} // namespace

struct ComparePlot::Private {
    Kind kind = Kind::Throughput;
    PlotCanvas* canvas = nullptr;
    QCPTextElement* title = nullptr;
};

ComparePlot::ComparePlot(Kind kind, QWidget* parent)
    : QWidget(parent), d(std::make_unique<Private>()) {
    d->kind = kind;
    d->canvas = new PlotCanvas(nullptr, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->canvas);
    setMinimumHeight(160);
    QCustomPlot* plot = d->canvas;
    d->title = new QCPTextElement(plot, QString(), font());
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, d->title);
    // The legend sits in a row under the plot, so it never covers data.
    plot->legend->setVisible(true);
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(kLegendColumns);
    plot->plotLayout()->setRowStretchFactor(2, 0.001);
    plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    if (kind == Kind::Throughput) {
        auto sizes = QSharedPointer<UnitLogTicker>::create(units::Quantity::Bytes);
        sizes->setLogBase(kSizeTickBase);
        plot->xAxis->setTicker(sizes);
        plot->yAxis->setScaleType(QCPAxis::stLogarithmic);
        auto rates = QSharedPointer<UnitLogTicker>::create(units::Quantity::BytesPerSecond);
        rates->setLogBase(kRateTickBase);
        plot->yAxis->setTicker(rates);
    } else {
        plot->xAxis->setTicker(QSharedPointer<UnitLogTicker>::create(units::Quantity::Duration));
        plot->yAxis->setTicker(QSharedPointer<UnitTicker>::create(units::Quantity::Fraction));
        plot->yAxis->setRange(0.0, 1.0);
    }
    retranslate();
    applyColours();
}

ComparePlot::~ComparePlot() = default;

void ComparePlot::setSeries(const std::vector<CompareSeries>& series) {
    QCustomPlot* plot = d->canvas;
    plot->clearGraphs();
    double xLow = 0, xHigh = 0, yLow = 0, yHigh = 0;
    bool any = false;
    for (const CompareSeries& s : series) {
        QCPGraph* graph = plot->addGraph();
        graph->setName(s.name);
        graph->setData(s.x, s.y, true);
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 4));
        for (int i = 0; i < s.x.size(); ++i) {
            if (s.x[i] <= 0 || (d->kind == Kind::Throughput && s.y[i] <= 0))
                continue;
            xLow = any ? std::min(xLow, s.x[i]) : s.x[i];
            xHigh = any ? std::max(xHigh, s.x[i]) : s.x[i];
            yLow = any ? std::min(yLow, s.y[i]) : s.y[i];
            yHigh = any ? std::max(yHigh, s.y[i]) : s.y[i];
            any = true;
        }
    }
    if (any) {
        // Log axes: a margin of a factor of 2 around the data, and never a zero-width range.
        plot->xAxis->setRange(xLow / 2, xHigh * 2);
        if (d->kind == Kind::Throughput)
            plot->yAxis->setRange(yLow / 2, yHigh * 2);
    }
    applyColours();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void ComparePlot::setTitle(const QString& title) {
    d->title->setText(title);
    d->canvas->replot(QCustomPlot::rpQueuedReplot);
}

int ComparePlot::lineCount() const { return d->canvas->graphCount(); }

int ComparePlot::pointCount() const {
    int points = 0;
    for (int i = 0; i < d->canvas->graphCount(); ++i)
        points += d->canvas->graph(i)->dataCount();
    return points;
}

bool ComparePlot::savePng(const QString& path, int width, int height) {
    return d->canvas->savePng(path, width, height);
}

void ComparePlot::retranslate() {
    QCustomPlot* plot = d->canvas;
    if (d->kind == Kind::Throughput) {
        plot->xAxis->setLabel(tr("Message size"));
        plot->yAxis->setLabel(tr("Throughput"));
    } else {
        plot->xAxis->setLabel(tr("One-way latency"));
        plot->yAxis->setLabel(tr("Share of messages"));
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void ComparePlot::applyColours() {
    d->canvas->applyPalette(palette());
    d->title->setTextColor(palette().color(QPalette::WindowText));
    const bool dark = theme::isDark(palette());
    for (int i = 0; i < d->canvas->graphCount(); ++i) {
        QPen pen(theme::seriesColour(i, dark), 1, theme::seriesDash(i));
        d->canvas->graph(i)->setPen(pen);
    }
}

void ComparePlot::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange) {
        applyColours();
        d->canvas->replot(QCustomPlot::rpQueuedReplot);
    }
    QWidget::changeEvent(event);
}

} // namespace shmscope::widgets
