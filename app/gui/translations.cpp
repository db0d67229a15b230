#include "translations.hpp"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>
#include <memory>

namespace shmscope::gui {
namespace {

struct Installed {
    QString language = QStringLiteral("en");
    std::unique_ptr<QTranslator> own;
    std::unique_ptr<QTranslator> qt;
};

Installed& installed() {
    static Installed state;
    return state;
}

} // namespace

QStringList availableLanguages() { return {QStringLiteral("en"), QStringLiteral("zh_CN")}; }

QString currentLanguage() { return installed().language; }

bool setLanguage(const QString& language) {
    if (!availableLanguages().contains(language))
        return false;
    Installed& state = installed();
    for (auto* translator : {state.own.get(), state.qt.get()}) {
        if (translator)
            QCoreApplication::removeTranslator(translator);
    }
    state.own.reset();
    state.qt.reset();
    state.language = language;
    QLocale::setDefault(QLocale(language));
    // English too: the source strings are English, but their plural forms ("1 slot", "64
    // slots" for "%n slot(s)") come from shmscope_en.qm.
    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral(":/i18n/shmscope_%1.qm").arg(language))) {
        QCoreApplication::installTranslator(own.get());
        state.own = std::move(own);
    }
    if (language == QLatin1String("en"))
        return true;
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        state.qt = std::move(qt);
    }
    return true;
}

void retranslateQtButtons(QWidget* root) {
    struct Name {
        const char* objectName;
        const char* context;
        const char* name;
        const char* description;
    };
    // The object names, contexts and texts Qt itself uses (qdockwidget.cpp, qtabbar.cpp).
    static constexpr Name kNames[] = {
        {"qt_dockwidget_floatbutton", "QDockWidget", "Float",
         "Undocks and re-attaches the dock widget"},
        {"qt_dockwidget_closebutton", "QDockWidget", "Close", "Closes the dock widget"},
        {"ScrollLeftButton", "QTabBar", "Scroll Left", nullptr},
        {"ScrollRightButton", "QTabBar", "Scroll Right", nullptr},
    };
    for (QAbstractButton* button : root->findChildren<QAbstractButton*>()) {
        for (const Name& name : kNames) {
            if (button->objectName() != QLatin1String(name.objectName))
                continue;
            button->setAccessibleName(QCoreApplication::translate(name.context, name.name));
            if (name.description)
                button->setAccessibleDescription(
                    QCoreApplication::translate(name.context, name.description));
        }
    }
}

} // namespace shmscope::gui
