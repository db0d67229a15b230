#include "narration.hpp"

#include "units.hpp"

#include <cmath>

namespace shmscope::gui {

QString Narration::describe(const widgets::MetricsFrame* frame, const QLocale& locale) {
    namespace units = widgets::units;
    if (!frame)
        return tr("Start the demo (Ctrl+D): producers write messages into a ring buffer in "
                  "shared memory, consumers take them out.");
    QString text = tr("Producers write %1 (%2), consumers read %3.")
                       .arg(units::messagesPerSecond(frame->producedPerSecond, locale),
                            units::bytesPerSecond(frame->producedBytesPerSecond, locale),
                            units::messagesPerSecond(frame->consumedPerSecond, locale));
    if (frame->slotCount > 0)
        text += QLatin1Char(' ') + tr("%1 of %2 slots are full.")
                                       .arg(locale.toString(qulonglong(frame->occupiedSlots)),
                                            locale.toString(frame->slotCount));
    if (!std::isnan(frame->latencyP50Ns))
        text += QLatin1Char(' ') + tr("Half of the messages arrive within %1.")
                                       .arg(units::duration(frame->latencyP50Ns, locale));
    return text;
}

} // namespace shmscope::gui
