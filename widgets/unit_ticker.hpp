// Private to the plot widgets: an axis ticker whose labels go through the units module.
#pragma once

#include "units.hpp"

#include <qcustomplot.h>

namespace shmscope::widgets {

class UnitTicker : public QCPAxisTicker {
public:
    explicit UnitTicker(units::Quantity quantity) : quantity_(quantity) {}
    void setQuantity(units::Quantity quantity) { quantity_ = quantity; }

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    units::Quantity quantity_;
};

// Ticks at powers of the log base (log axes), labelled through the units module. Where fewer
// than two of those powers are in view (QCPAxisTickerLog would show one label, or fall back to
// evenly spaced ticks that crowd together at the top of a log axis), it takes powers of two
// instead, every few octaves (1 MiB/s, 8 MiB/s, 64 MiB/s, …), without sub-ticks.
class UnitLogTicker : public QCPAxisTickerLog {
public:
    explicit UnitLogTicker(units::Quantity quantity) : quantity_(quantity) {}

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override;
    QVector<double> createSubTickVector(int subTickCount, const QVector<double>& ticks) override;

private:
    units::Quantity quantity_;
    bool octaveTicks_ = false; // the last ticks were powers of two
};

} // namespace shmscope::widgets
