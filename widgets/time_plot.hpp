// A scrolling time plot: series of (seconds, value) over the shared TimeAxis, event markers,
// value labels through the units module, replotted only on the frame clock's tick.
// qcustomplot.h stays in the .cpp.
#pragma once

#include "units.hpp"

#include <QWidget>
#include <memory>
#include <vector>

namespace shmscope::widgets {

class FrameClock;
class TimeAxis;

class TimePlot : public QWidget {
    Q_OBJECT
public:
    static constexpr double kRetentionSeconds = 600.0; // what the plot keeps for zoom and pan

    TimePlot(TimeAxis* axis, FrameClock* clock, QWidget* parent = nullptr);
    ~TimePlot() override;

    void setQuantity(units::Quantity quantity, bool logarithmic = false);
    // Fixes the value range (fractions: 0 … 1); otherwise it follows the visible data.
    void setFixedValueRange(double lower, double upper);
    void setValueLabel(const QString& label);

    // Returns a handle for append(). `style` picks colour and dash (never colour alone).
    int addSeries(const QString& name, int style, bool filled = false);
    void setSeriesName(int series, const QString& name);
    void append(int series, double seconds, double value); // NaN leaves a gap
    void addMarker(double seconds, const QString& text);
    void clear(); // every series and marker

    [[nodiscard]] int seriesCount() const;
    // The event labels drawn (after laying the plot out), and the area data is drawn in,
    // in the plot's pixels.
    [[nodiscard]] std::vector<QRect> markerLabelRects();
    [[nodiscard]] QRect plotArea() const;
    [[nodiscard]] QString accessibleSummary() const;
    bool savePng(const QString& path, int width, int height);

protected:
    void changeEvent(QEvent* event) override;

private:
    void onTick();
    void rescaleValues();
    void fitValueTicks();
    void applyColours();
    void placeMarkerLabels();
    [[nodiscard]] QFont markerFont() const;
    [[nodiscard]] int markerBandHeight() const;

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace shmscope::widgets
