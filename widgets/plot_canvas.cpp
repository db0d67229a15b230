#include "plot_canvas.hpp"

#include "frame_clock.hpp"

namespace shmscope::widgets {

PlotCanvas::PlotCanvas(FrameClock* clock, QWidget* parent) : QCustomPlot(parent), clock_(clock) {
    // Data and axes without antialiasing (text stays antialiased: it is drawn by QPainter's
    // font engine either way).
    setNotAntialiasedElements(QCP::aeAll);
    setPlottingHints(QCP::phFastPolylines | QCP::phCacheLabels);
    setNoAntialiasingOnDrag(true);
    applyPalette(palette());
    applyFont(font());
}

void PlotCanvas::applyFont(const QFont& font) {
    for (QCPAxis* axis : {xAxis, yAxis, xAxis2, yAxis2}) {
        axis->setTickLabelFont(font);
        axis->setLabelFont(font);
    }
    legend->setFont(font);
}

void PlotCanvas::applyPalette(const QPalette& palette) {
    const QColor text = palette.color(QPalette::WindowText);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(40);
    setBackground(base);
    for (QCPAxisRect* rect : axisRects())
        rect->setBackground(base);
    for (QCPAxis* axis : {xAxis, yAxis, xAxis2, yAxis2}) {
        axis->setBasePen(QPen(text, 1));
        axis->setTickPen(QPen(text, 1));
        axis->setSubTickPen(QPen(text, 1));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
    legend->setBrush(QBrush(base));
    legend->setTextColor(text);
    legend->setBorderPen(Qt::NoPen);
}

void PlotCanvas::requestFrame() {
    if (!isVisible())
        return;
    if (clock_)
        clock_->expectPaint(this);
    replot(rpQueuedReplot);
}

void PlotCanvas::paintEvent(QPaintEvent* event) {
    QCustomPlot::paintEvent(event);
    if (clock_)
        clock_->painted(this);
}

void PlotCanvas::changeEvent(QEvent* event) {
    // A larger window font (the presenter view) makes the axes larger too.
    if (event->type() == QEvent::FontChange) {
        applyFont(font());
        replot(rpQueuedReplot);
    }
    QCustomPlot::changeEvent(event);
}

} // namespace shmscope::widgets
