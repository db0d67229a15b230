// The one line the presenter view shows under its plot: what the channel is doing now, in words
// an audience follows ("Producers write 100 k msg/s …").
#pragma once

#include "metrics_history.hpp"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace shmscope::gui {

class Narration {
    Q_DECLARE_TR_FUNCTIONS(Narration)
public:
    // The sentence for the newest frame; `frame` null means nothing has run yet.
    [[nodiscard]] static QString describe(const widgets::MetricsFrame* frame,
                                          const QLocale& locale = QLocale());
};

} // namespace shmscope::gui
