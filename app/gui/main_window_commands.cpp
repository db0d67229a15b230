// MainWindow's commands: the actions, the menus that offer them, and their texts. Every command
// is a QAction with text, tooltip and (for the ones used often) a shortcut, reachable from a menu;
// the command palette and the shortcut list read the menus.
#include "command_palette.hpp"
#include "live_changes.hpp"
#include "main_window.hpp"
#include "process_dock.hpp"
#include "session.hpp"
#include "shortcut_list.hpp"
#include "theme.hpp"
#include "translations.hpp"

#include <QActionGroup>
#include <QDockWidget>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QUndoStack>

namespace shmscope::gui {
namespace {

constexpr double kWindowChoices[] = {10.0, 30.0, 60.0, 300.0};
constexpr int kRefreshChoicesMs[] = {33, 100, 500};

using widgets::theme::Choice;

} // namespace

QAction* MainWindow::makeAction(const char* name, const QKeySequence& shortcut) {
    auto* action = new QAction(this);
    action->setObjectName(QLatin1String(name));
    if (!shortcut.isEmpty())
        action->setShortcut(shortcut);
    addAction(action);
    return action;
}

void MainWindow::createActions() {
    start_ = makeAction("start", QKeySequence(Qt::CTRL | Qt::Key_R));
    startDemo_ = makeAction("startDemo", QKeySequence(Qt::CTRL | Qt::Key_D));
    stop_ = makeAction("stopAll", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    attach_ = makeAction("attach", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    openConfig_ = makeAction("openConfig", QKeySequence::Open);
    saveConfig_ = makeAction("saveConfig", QKeySequence::Save);
    exportPng_ = makeAction("exportPng", QKeySequence(Qt::CTRL | Qt::Key_E));
    exportCsv_ = makeAction("exportCsv", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    quit_ = makeAction("quit", QKeySequence::Quit);
    stopWorker_ = makeAction("stopWorker", QKeySequence(Qt::Key_Delete));
    killWorker_ = makeAction("killWorker", QKeySequence(Qt::SHIFT | Qt::Key_Delete));
    restartWorker_ = makeAction("restartWorker", QKeySequence(Qt::CTRL | Qt::Key_T));
    pause_ = makeAction("pauseDisplay", QKeySequence(Qt::Key_Pause));
    pause_->setCheckable(true);
    followLive_ = makeAction("followLive", QKeySequence(Qt::Key_End));
    resetZoom_ = makeAction("resetZoom", QKeySequence(Qt::CTRL | Qt::Key_0));
    shortcuts_ = makeAction("shortcuts", QKeySequence(Qt::Key_F1));
    about_ = makeAction("about");
    pauseWorker_ = makeAction("pauseWorker", QKeySequence(Qt::CTRL | Qt::Key_P));
    copyCommandLine_ =
        makeAction("copyCommandLine", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    undo_ = makeAction("undo", QKeySequence(Qt::CTRL | Qt::Key_Z));
    redo_ = makeAction("redo", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    commandPalette_ = makeAction("commandPalette", QKeySequence(Qt::CTRL | Qt::Key_K));
    resetLayout_ = makeAction("resetLayout", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    presenter_ = makeAction("presenterView", QKeySequence(Qt::Key_F11));
    presenter_->setCheckable(true);
    stopWorker_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    killWorker_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    processDock_->view()->addAction(stopWorker_);
    processDock_->view()->addAction(killWorker_);

    windowGroup_ = new QActionGroup(this);
    for (const double seconds : kWindowChoices) {
        QAction* action = windowGroup_->addAction(QString());
        action->setCheckable(true);
        action->setData(seconds);
        action->setChecked(seconds == widgets::TimeAxis::kDefaultWindowSeconds);
    }
    refreshGroup_ = new QActionGroup(this);
    for (const int ms : kRefreshChoicesMs) {
        QAction* action = refreshGroup_->addAction(QString());
        action->setCheckable(true);
        action->setData(ms);
        action->setChecked(ms == Monitor::kDefaultIntervalMs);
    }
    themeGroup_ = new QActionGroup(this);
    for (const Choice choice : {Choice::System, Choice::Light, Choice::Dark}) {
        QAction* action = themeGroup_->addAction(QString());
        action->setCheckable(true);
        action->setData(static_cast<int>(choice));
    }
    languageGroup_ = new QActionGroup(this);
    for (const QString& language : availableLanguages()) {
        QAction* action = languageGroup_->addAction(QString());
        action->setCheckable(true);
        action->setData(language);
        action->setChecked(language == currentLanguage());
    }
}

void MainWindow::createMenus() {
    sessionMenu_ = menuBar()->addMenu(QString());
    sessionMenu_->addActions({start_, startDemo_, stop_, attach_});
    sessionMenu_->addSeparator();
    sessionMenu_->addActions({openConfig_, saveConfig_});
    sessionMenu_->addSeparator();
    sessionMenu_->addActions({exportPng_, exportCsv_});
    sessionMenu_->addSeparator();
    sessionMenu_->addAction(quit_);
    editMenu_ = menuBar()->addMenu(QString());
    editMenu_->addActions({undo_, redo_});
    editMenu_->addSeparator();
    editMenu_->addAction(commandPalette_);
    workerMenu_ = menuBar()->addMenu(QString());
    workerMenu_->addActions({stopWorker_, killWorker_, restartWorker_, pauseWorker_});
    workerMenu_->addSeparator();
    workerMenu_->addAction(copyCommandLine_);
    viewMenu_ = menuBar()->addMenu(QString());
    viewMenu_->addActions({pause_, followLive_, resetZoom_});
    windowMenu_ = viewMenu_->addMenu(QString());
    windowMenu_->addActions(windowGroup_->actions());
    refreshMenu_ = viewMenu_->addMenu(QString());
    refreshMenu_->addActions(refreshGroup_->actions());
    viewMenu_->addSeparator();
    themeMenu_ = viewMenu_->addMenu(QString());
    themeMenu_->addActions(themeGroup_->actions());
    languageMenu_ = viewMenu_->addMenu(QString());
    languageMenu_->addActions(languageGroup_->actions());
    panelsMenu_ = viewMenu_->addMenu(QString());
    for (QDockWidget* dock : docks_)
        panelsMenu_->addAction(dock->toggleViewAction());
    viewMenu_->addSeparator();
    viewMenu_->addActions({resetLayout_, presenter_});
    helpMenu_ = menuBar()->addMenu(QString());
    helpMenu_->addActions({shortcuts_, about_});
}

void MainWindow::retranslateCommands() {
    sessionMenu_->setTitle(tr("&Session"));
    workerMenu_->setTitle(tr("&Worker"));
    viewMenu_->setTitle(tr("&View"));
    windowMenu_->setTitle(tr("Time &window"));
    refreshMenu_->setTitle(tr("&Refresh rate"));
    themeMenu_->setTitle(tr("&Theme"));
    languageMenu_->setTitle(tr("&Language"));
    panelsMenu_->setTitle(tr("&Panels"));
    helpMenu_->setTitle(tr("&Help"));
    editMenu_->setTitle(tr("&Edit"));
    struct Text {
        QAction* action;
        QString text;
        QString tip;
    };
    const Text texts[] = {
        {start_, tr("&Start"), tr("Create the channel set up on the left and start its workers")},
        {startDemo_, tr("Start &demo"), tr("Fill in the demo scenario and start it")},
        {stop_, tr("S&top all"), tr("Stop every worker and remove the channel")},
        {attach_, tr("&Attach to channel…"),
         tr("Watch an existing channel read-only, without disturbing it")},
        {openConfig_, tr("&Open configuration…"),
         tr("Load a channel and worker setup from a JSON file")},
        {saveConfig_, tr("Save configuration &as…"),
         tr("Save the channel and worker setup as JSON")},
        {exportPng_, tr("Export plots as &PNG…"), tr("Save each plot as a PNG image")},
        {exportCsv_, tr("Export history as &CSV…"), tr("Save the history, one row per snapshot")},
        {quit_, tr("&Quit"), tr("Stop the workers and quit")},
        {stopWorker_, tr("&Stop selected worker"), tr("Ask the selected worker to stop (SIGTERM)")},
        {killWorker_, tr("&Kill selected worker"),
         tr("Kill the selected worker with SIGKILL, as a crash would")},
        {restartWorker_, tr("&Restart selected worker"),
         tr("Start the selected worker again with the same settings")},
        {pause_, tr("&Pause display"), tr("Freeze the plots; workers go on and history is kept")},
        {followLive_, tr("&Follow live"), tr("Return the time plots to the newest data")},
        {resetZoom_, tr("&Reset zoom"), tr("Back to the default time window, following live")},
        {pauseWorker_, tr("&Pause or resume selected worker"),
         tr("Pause the selected worker, or let it go on (undo with Ctrl+Z)")},
        {copyCommandLine_, tr("&Copy command line"),
         tr("Copy the selected worker's exact shmscope-worker command line, ready for a shell")},
        {commandPalette_, tr("Command &palette…"),
         tr("Find any command by typing part of its name")},
        {resetLayout_, tr("Reset &layout"), tr("Put every panel back where it was at first start")},
        {presenter_, tr("Presenter &view"),
         tr("Large type, white on black, one plot and a narration line: for a projector")},
        {shortcuts_, tr("&Keyboard shortcuts"), tr("List every command and its shortcut")},
        {about_, tr("&About shmscope"), tr("Version and purpose")},
    };
    updateUndoTexts();
    for (const Text& t : texts) {
        t.action->setText(t.text);
        t.action->setToolTip(t.tip);
        t.action->setStatusTip(t.tip);
    }
    const QStringList windowNames = {tr("10 seconds"), tr("30 seconds"), tr("1 minute"),
                                     tr("5 minutes")};
    for (int i = 0; i < windowNames.size(); ++i)
        windowGroup_->actions().at(i)->setText(windowNames[i]);
    const QStringList refreshNames = {tr("30 snapshots/s"), tr("10 snapshots/s"),
                                      tr("2 snapshots/s")};
    for (int i = 0; i < refreshNames.size(); ++i)
        refreshGroup_->actions().at(i)->setText(refreshNames[i]);
    const QStringList themeNames = {tr("System"), tr("Light"), tr("Dark")};
    for (int i = 0; i < themeNames.size(); ++i)
        themeGroup_->actions().at(i)->setText(themeNames[i]);
    for (QAction* action : windowGroup_->actions())
        action->setToolTip(tr("Show the last %1 on every time plot").arg(action->text()));
    for (QAction* action : refreshGroup_->actions())
        action->setToolTip(tr("Read the channel %1").arg(action->text()));
    for (QAction* action : themeGroup_->actions())
        action->setToolTip(tr("Colours: %1").arg(action->text()));
    languageGroup_->actions().at(0)->setText(QStringLiteral("English"));
    languageGroup_->actions().at(1)->setText(QStringLiteral("简体中文"));
    for (QAction* action : languageGroup_->actions())
        action->setToolTip(tr("Interface language: %1").arg(action->text()));
    for (QDockWidget* dock : docks_)
        dock->toggleViewAction()->setToolTip(
            tr("Show or hide the %1 panel").arg(dock->windowTitle()));
}

void MainWindow::updateUndoTexts() {
    const QUndoStack* stack = liveChanges_->stack();
    undo_->setText(stack->canUndo() ? tr("&Undo %1").arg(stack->undoText()) : tr("&Undo"));
    redo_->setText(stack->canRedo() ? tr("&Redo %1").arg(stack->redoText()) : tr("&Redo"));
    undo_->setToolTip(tr("Undo the last live change to a worker (rate, size, pause)"));
    redo_->setToolTip(tr("Send the undone live change again"));
    undo_->setEnabled(stack->canUndo());
    redo_->setEnabled(stack->canRedo());
}

void MainWindow::showShortcuts() {
    if (!shortcutList_)
        shortcutList_ = new ShortcutList(menuBar(), this);
    shortcutList_->showList();
}

void MainWindow::showCommandPalette() {
    if (!commandPaletteDialog_)
        commandPaletteDialog_ = new CommandPalette(menuBar(), this);
    commandPaletteDialog_->open();
}

} // namespace shmscope::gui
