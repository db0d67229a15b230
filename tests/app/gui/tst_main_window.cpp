// The main window as a person uses it, without workers: menus and shortcuts, the command
// palette, the shortcut list, layout reset and persistence, the presenter view, and the
// interface after switching to Simplified Chinese at run time.
#include "command_catalog.hpp"
#include "main_window.hpp"
#include "scenarios.hpp"
#include "session.hpp"
#include "translations.hpp"
#include "ui_strings.hpp"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QDockWidget>
#include <QFontMetrics>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSettings>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <map>
#include <memory>

using namespace shmscope::gui;

namespace {

// Commands issue 6 names: each must be in a menu, with a shortcut.
const char* const kKeyboardCommands[] = {
    "start",     "startDemo", "stopAll",         "pauseDisplay", "stopWorker",    "killWorker",
    "exportPng", "exportCsv", "resetZoom",       "followLive",   "shortcuts",     "commandPalette",
    "undo",      "redo",      "copyCommandLine", "resetLayout",  "presenterView", "pauseWorker",
};

// Words that stay as they are in every language: flag values and protocol names, units, file
// formats, signal and key names, the program's own names.
const QStringList kUntranslated =
    QStringLiteral(
        // synchronisation strategies, wait modes, backpressure, delivery, codecs, checksums,
        // transports
        "spsc mpmc mutex semaphore boost-mutex none spin yield sleep adaptive futex block "
        "drop-newest drop-oldest queue broadcast lz4 zstd auto xxh3 shm file max "
        // units
        "B KiB MiB GiB TiB k M G K msg s ms ns "
        // formats, signals, keys, programs, the language's own name
        "JSON CSV PNG SIGTERM SIGKILL Ctrl Shift Del End Pause Esc F1 F11 CPU pid shell shmscope "
        "shmscope-worker shmscope-bench shmscope-stat Markdown p50 p99 p99.9 English")
        .split(QLatin1Char(' '));

QString tokenPattern() { return QStringLiteral("[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]"); }

QStringList englishWords(QString text) {
    // Key names are what is printed on the keys: "Ctrl+R", the mnemonic in "会话(S)"; command-line
    // options are typed as they are: "--gc".
    static const QRegularExpression keys(
        QStringLiteral("(?:Ctrl|Shift|Alt)\\+[A-Za-z0-9]+|\\([A-Z]\\)|--[A-Za-z][A-Za-z0-9-]*"));
    text.remove(keys);
    static const QRegularExpression word(tokenPattern());
    static const QSet<QString> allowed = [] {
        QSet<QString> set;
        for (const QString& w : kUntranslated)
            set.insert(w.toLower());
        for (const SessionConfig& config : scenarios()) // scenario names are identifiers
            set.insert(config.scenario.toLower());
        return set;
    }();
    QStringList found;
    for (auto it = word.globalMatch(text); it.hasNext();) {
        const QString token = it.next().captured();
        if (!allowed.contains(token.toLower()))
            found << token;
    }
    return found;
}

} // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void menusHaveTextTipAndUniqueShortcuts();
    void commandsHaveShortcutsInMenus();
    void paletteFiltersAndRuns();
    void f1ListsShortcuts();
    void resetLayoutShowsEveryDock();
    void layoutOfAnotherVersionIsIgnored();
    void presenterViewFitsProjector();
    void chineseLeavesNoEnglish();
    void everyStringHasGlyphs_data();
    void everyStringHasGlyphs();
    void englishUsesPluralForms();

private:
    std::unique_ptr<MainWindow> makeWindow();
    void switchLanguage(const QString& language);

    QTemporaryDir dir_;
    std::unique_ptr<QSettings> settings_;
    std::unique_ptr<Session> session_;
    std::unique_ptr<MainWindow> window_;
};

std::unique_ptr<MainWindow> tst_MainWindow::makeWindow() {
    auto window = std::make_unique<MainWindow>(*session_, *settings_);
    window->resize(1280, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("window not exposed");
    return window;
}

void tst_MainWindow::init() {
    QVERIFY(dir_.isValid());
    settings_ = std::make_unique<QSettings>(dir_.filePath(QStringLiteral("settings.ini")),
                                            QSettings::IniFormat);
    settings_->clear();
    session_ = std::make_unique<Session>();
    window_ = makeWindow();
}

void tst_MainWindow::cleanup() {
    if (currentLanguage() != QLatin1String("en"))
        switchLanguage(QStringLiteral("en"));
    window_.reset();
    session_.reset();
    settings_.reset();
}

void tst_MainWindow::switchLanguage(const QString& language) {
    // As a person does it: View ▸ Language. Qt posts the LanguageChange events.
    QAction* choice = nullptr;
    for (QAction* action : window_->findChildren<QAction*>()) {
        if (action->isCheckable() && action->actionGroup() && action->data().toString() == language)
            choice = action;
    }
    QVERIFY(choice);
    choice->trigger();
    QCOMPARE(currentLanguage(), language);
    const QString session =
        language == QLatin1String("en") ? QStringLiteral("&Session") : QStringLiteral("会话(&S)");
    QTRY_COMPARE(window_->menuBar()->actions().constFirst()->text(), session);
    QCoreApplication::sendPostedEvents();
}

void tst_MainWindow::menusHaveTextTipAndUniqueShortcuts() {
    const std::vector<QAction*> actions = menuActions(window_->menuBar());
    QVERIFY(actions.size() > 20);
    std::map<QString, QString> owners; // shortcut -> command
    for (QAction* action : window_->findChildren<QAction*>()) {
        for (const QKeySequence& key : action->shortcuts()) {
            const QString name = key.toString(QKeySequence::PortableText);
            QVERIFY2(!owners.count(name),
                     qPrintable(QStringLiteral("%1 is the shortcut of both \"%2\" and \"%3\"")
                                    .arg(name, owners[name], plainText(action))));
            owners[name] = plainText(action);
            // Space and Ctrl+Space switch Chinese input methods.
            for (int i = 0; i < key.count(); ++i)
                QVERIFY2(key[i].key() != Qt::Key_Space, qPrintable(name));
        }
    }
    for (QAction* action : actions) {
        const QString text = plainText(action);
        QVERIFY2(!text.trimmed().isEmpty(), qPrintable(action->objectName()));
        // QAction::toolTip() falls back to the text: a real tip says more than the name.
        QVERIFY2(!action->toolTip().isEmpty() && action->toolTip() != text &&
                     action->toolTip() != action->text().remove(QLatin1Char('&')),
                 qPrintable(QStringLiteral("no tooltip: %1").arg(text)));
    }
}

void tst_MainWindow::commandsHaveShortcutsInMenus() {
    const std::vector<QAction*> actions = menuActions(window_->menuBar());
    for (const char* name : kKeyboardCommands) {
        QAction* action = window_->findChild<QAction*>(QLatin1String(name));
        QVERIFY2(action, name);
        QVERIFY2(!action->shortcut().isEmpty(), name);
        QVERIFY2(std::find(actions.begin(), actions.end(), action) != actions.end(), name);
    }
    // No window-wide shortcut that no menu shows.
    for (QAction* action : window_->actions()) {
        if (!action->shortcut().isEmpty())
            QVERIFY2(std::find(actions.begin(), actions.end(), action) != actions.end(),
                     qPrintable(plainText(action)));
    }
}

void tst_MainWindow::paletteFiltersAndRuns() {
    QKeySequence ctrlK(Qt::CTRL | Qt::Key_K);
    QCOMPARE(window_->findChild<QAction*>(QStringLiteral("commandPalette"))->shortcut(), ctrlK);
    window_->findChild<QAction*>(QStringLiteral("commandPalette"))->trigger();
    auto* palette = window_->findChild<QDialog*>(QStringLiteral("commandPalette"));
    QVERIFY(palette);
    QTRY_VERIFY(palette->isVisible());
    auto* filter = palette->findChild<QLineEdit*>();
    auto* list = palette->findChild<QListWidget*>();
    int shown = 0;
    for (int i = 0; i < list->count(); ++i)
        shown += list->item(i)->isHidden() ? 0 : 1;
    QCOMPARE(shown, static_cast<int>(menuActions(window_->menuBar()).size()));

    QTest::keyClicks(filter, QStringLiteral("zzqq"));
    for (int i = 0; i < list->count(); ++i)
        QVERIFY(list->item(i)->isHidden());

    filter->clear();
    QTest::keyClicks(filter, QStringLiteral("pause disp"));
    QVERIFY(list->currentItem());
    QVERIFY2(list->currentItem()->text().contains(QStringLiteral("Pause display")),
             qPrintable(list->currentItem()->text()));
    QVERIFY(!window_->displayPaused());
    QTest::keyClick(filter, Qt::Key_Return);
    QVERIFY(!palette->isVisible());
    QVERIFY(window_->displayPaused());
}

void tst_MainWindow::f1ListsShortcuts() {
    QAction* help = window_->findChild<QAction*>(QStringLiteral("shortcuts"));
    QCOMPARE(help->shortcut(), QKeySequence(Qt::Key_F1));
    help->trigger();
    auto* list = window_->findChild<QDialog*>(QStringLiteral("shortcutList"));
    QVERIFY(list);
    QTRY_VERIFY(list->isVisible());
    auto* table = list->findChild<QTableWidget*>();
    int withShortcut = 0;
    for (QAction* action : menuActions(window_->menuBar()))
        withShortcut += action->shortcut().isEmpty() ? 0 : 1;
    QCOMPARE(table->rowCount(), withShortcut);
    const auto keys = table->findItems(
        QKeySequence(Qt::CTRL | Qt::Key_K).toString(QKeySequence::NativeText), Qt::MatchExactly);
    QCOMPARE(keys.size(), 1);
    QCOMPARE(table->item(keys.front()->row(), 1)->text(), QStringLiteral("Command palette"));
}

void tst_MainWindow::resetLayoutShowsEveryDock() {
    auto* log = window_->findChild<QDockWidget*>(QStringLiteral("log"));
    auto* setup = window_->findChild<QDockWidget*>(QStringLiteral("setup"));
    log->hide();
    setup->setFloating(true);
    window_->findChild<QAction*>(QStringLiteral("resetLayout"))->trigger();
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
        QVERIFY2(!dock->isHidden(), qPrintable(dock->objectName()));
    QVERIFY(!setup->isFloating());
    QCOMPARE(window_->dockWidgetArea(setup), Qt::LeftDockWidgetArea);
}

void tst_MainWindow::layoutOfAnotherVersionIsIgnored() {
    // A layout saved by this version comes back ...
    window_->findChild<QDockWidget*>(QStringLiteral("log"))->hide();
    window_->close();
    QVERIFY(settings_->contains(QStringLiteral("window/state")));
    window_ = makeWindow();
    QVERIFY(window_->findChild<QDockWidget*>(QStringLiteral("log"))->isHidden());
    // ... one from another layout version does not.
    window_->close();
    settings_->setValue(QStringLiteral("window/layoutVersion"), MainWindow::kLayoutVersion + 1);
    window_ = makeWindow();
    QVERIFY(!window_->findChild<QDockWidget*>(QStringLiteral("log"))->isHidden());
}

void tst_MainWindow::presenterViewFitsProjector() {
    window_->resize(1280, 720);
    const double normalPoints = window_->font().pointSizeF();
    QAction* presenter = window_->findChild<QAction*>(QStringLiteral("presenterView"));
    presenter->trigger();
    QVERIFY(presenter->isChecked());
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
        QVERIFY2(dock->isHidden(), qPrintable(dock->objectName()));
    auto* narration = window_->findChild<QLabel*>(QStringLiteral("narration"));
    QVERIFY(narration);
    QTRY_VERIFY(narration->isVisible());
    QVERIFY(!narration->text().isEmpty());
    QVERIFY(narration->font().pointSizeF() >= normalPoints * 1.5);
    // White on black, and the sentence is not cut off at 1280×720.
    QCOMPARE(window_->palette().color(QPalette::Window), QColor(Qt::black));
    QCOMPARE(window_->palette().color(QPalette::WindowText), QColor(Qt::white));
    QTRY_VERIFY(narration->height() >= narration->heightForWidth(narration->width()));
    QVERIFY(narration->geometry().right() < window_->width());

    presenter->trigger();
    QVERIFY(!narration->isVisible());
    QCOMPARE(window_->font().pointSizeF(), normalPoints);
    QVERIFY(!window_->findChild<QDockWidget*>(QStringLiteral("processes"))->isHidden());
}

void tst_MainWindow::chineseLeavesNoEnglish() {
    switchLanguage(QStringLiteral("zh_CN"));
    QStringList failures;
    for (const UiString& s : visibleStrings(window_.get())) {
        const QStringList words = englishWords(s.text);
        if (!words.isEmpty())
            failures << QStringLiteral("%1: \"%2\" (%3)").arg(s.where, s.text, words.join(u' '));
    }
    failures.removeDuplicates();
    for (const QString& failure : failures)
        qWarning("left in English: %s", qPrintable(failure));
    QVERIFY2(failures.isEmpty(), "visible strings left in English (listed above)");
    // The test can fail: the same window in English is all English words.
    switchLanguage(QStringLiteral("en"));
    int english = 0;
    for (const UiString& s : visibleStrings(window_.get()))
        english += englishWords(s.text).isEmpty() ? 0 : 1;
    QVERIFY(english > 50);
}

void tst_MainWindow::everyStringHasGlyphs_data() {
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void tst_MainWindow::everyStringHasGlyphs() {
    QFETCH(QString, language);
    switchLanguage(language);
    QStringList missing;
    int checked = 0;
    for (const UiString& s : visibleStrings(window_.get())) {
        const QFontMetrics metrics(s.font);
        for (const char32_t c : s.text.toUcs4()) {
            if (QChar::isSpace(c) || QChar::category(c) == QChar::Other_Control)
                continue;
            ++checked;
            if (!metrics.inFontUcs4(c))
                missing << QStringLiteral("U+%1 in \"%2\" (%3, font %4)")
                               .arg(uint(c), 4, 16, QLatin1Char('0'))
                               .arg(s.text, s.where, s.font.family());
        }
    }
    missing.removeDuplicates();
    QVERIFY(checked > 1000);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.mid(0, 40).join(u'\n')));
    // The check can fail: a code point no font has.
    QVERIFY(!QFontMetrics(window_->font()).inFontUcs4(0x10FFFD));
}

void tst_MainWindow::englishUsesPluralForms() {
    switchLanguage(QStringLiteral("zh_CN"));
    switchLanguage(QStringLiteral("en"));
    const auto occupancy = [](int slotCount) {
        return QCoreApplication::translate("shmscope::widgets::OccupancyPanel",
                                           "%1 of %n slot(s) in use (%2), high-water mark %3",
                                           nullptr, slotCount);
    };
    QVERIFY2(!occupancy(64).contains(QStringLiteral("(s)")), qPrintable(occupancy(64)));
    QVERIFY(occupancy(64).contains(QStringLiteral("64 slots")));
    QVERIFY(occupancy(1).contains(QStringLiteral("1 slot ")));
}

QTEST_MAIN(tst_MainWindow)
#include "tst_main_window.moc"
