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

// Ticks at powers of ten (log axes), labelled through the units module.
class UnitLogTicker : public QCPAxisTickerLog {
public:
    explicit UnitLogTicker(units::Quantity quantity) : quantity_(quantity) {}

protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar,
                         int precision) override;

private:
    units::Quantity quantity_;
};

} // namespace shmscope::widgets
