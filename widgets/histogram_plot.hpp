// Bars over log2 buckets (bucket b holds values in [2^b, 2^(b+1))), labelled through the units
// module. Replotted only on the frame clock's tick.
#pragma once

#include "samples.hpp"
#include "units.hpp"

#include <QWidget>
#include <memory>

namespace shmscope::widgets {

class FrameClock;

class HistogramPlot : public QWidget {
    Q_OBJECT
public:
    HistogramPlot(units::Quantity quantity, FrameClock* clock, QWidget* parent = nullptr);
    ~HistogramPlot() override;

    void setHistogram(const Log2Histogram& histogram);
    void setValueLabel(const QString& label);
    bool savePng(const QString& path, int width, int height);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void onTick();
    void fitValueLabel();
    void applyColours();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace shmscope::widgets
