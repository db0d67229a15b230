// The interface language: shmscope's own strings (compiled into the binary under :/i18n) and Qt's
// (qtbase_*.qm from the Qt installation), switchable at run time.
#pragma once

#include <QString>
#include <QStringList>

namespace shmscope::gui {

QStringList availableLanguages(); // "en", "zh_CN"
// Installs the translators for `language`; "en" removes them. False for an unknown language.
bool setLanguage(const QString& language);
[[nodiscard]] QString currentLanguage();

} // namespace shmscope::gui
