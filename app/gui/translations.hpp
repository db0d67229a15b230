// The interface language: shmscope's own strings (compiled into the binary under :/i18n) and Qt's
// (qtbase_*.qm from the Qt installation), switchable at run time.
#pragma once

#include <QString>
#include <QStringList>

class QWidget;

namespace shmscope::gui {

QStringList availableLanguages(); // "en", "zh_CN"
// Installs the translators for `language`; "en" removes them. False for an unknown language.
bool setLanguage(const QString& language);
[[nodiscard]] QString currentLanguage();
// Qt names some of its own buttons only when it creates them (dock title buttons, tab-bar scroll
// buttons): names them again under `root` in the current language, from Qt's translations.
void retranslateQtButtons(QWidget* root);

} // namespace shmscope::gui
