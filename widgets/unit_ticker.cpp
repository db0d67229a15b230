#include "unit_ticker.hpp"

namespace shmscope::widgets {

QString UnitTicker::getTickLabel(double tick, const QLocale& locale, QChar /*formatChar*/,
                                 int /*precision*/) {
    return units::format(quantity_, tick, locale);
}

QString UnitLogTicker::getTickLabel(double tick, const QLocale& locale, QChar /*formatChar*/,
                                    int /*precision*/) {
    return units::format(quantity_, tick, locale);
}

} // namespace shmscope::widgets
