// Private to the plot widgets' .cpp files: the only header that includes qcustomplot.h.
#pragma once

#include <qcustomplot.h>

namespace shmscope::widgets {

class FrameClock;

// A QCustomPlot that tells the frame clock when its paintEvent returned, and draws data without
// antialiasing in the palette's colours.
class PlotCanvas : public QCustomPlot {
public:
    PlotCanvas(FrameClock* clock, QWidget* parent);

    // Re-colours axes, grid, legend and background from `palette`.
    void applyPalette(const QPalette& palette);
    // Axis, tick and legend text in `font` (the widget's own, which follows its parent's).
    void applyFont(const QFont& font);
    // Queues a replot and tells the frame clock to wait for its paint.
    void requestFrame();

protected:
    void paintEvent(QPaintEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    FrameClock* clock_;
};

} // namespace shmscope::widgets
