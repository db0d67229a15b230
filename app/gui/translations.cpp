#include "translations.hpp"

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
    if (language == QLatin1String("en"))
        return true;
    auto own = std::make_unique<QTranslator>();
    if (own->load(QStringLiteral(":/i18n/shmscope_%1.qm").arg(language))) {
        QCoreApplication::installTranslator(own.get());
        state.own = std::move(own);
    }
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_%1").arg(language),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        state.qt = std::move(qt);
    }
    return true;
}

} // namespace shmscope::gui
