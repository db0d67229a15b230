#include "main_window.hpp"

#include "channel_setup_dock.hpp"
#include "compare_dock.hpp"
#include "contention_panel.hpp"
#include "latency_panel.hpp"
#include "live_changes.hpp"
#include "log_dock.hpp"
#include "message_bar.hpp"
#include "occupancy_panel.hpp"
#include "presenter_view.hpp"
#include "process_dock.hpp"
#include "scenarios.hpp"
#include "session.hpp"
#include "stale_channels.hpp"
#include "theme.hpp"
#include "throughput_panel.hpp"
#include "translations.hpp"

#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace shmscope::gui {
namespace {

constexpr int kPngWidth = 1200;
constexpr int kPngHeight = 400;
// An explicit minimum: without one the layout sends the window system a new minimum size each
// time a dock's minimum changes (live text, a wrapped description), which the offscreen platform
// reports as "This plugin does not support propagateSizeHints()". Small enough for a laptop.
constexpr QSize kMinimumWindowSize(960, 600);

using widgets::theme::Choice;

// A dock whose content needs more height than a laptop screen leaves (the Compare dock's table
// and plots) scrolls instead of making the bottom dock area, and so the window, taller.
QWidget* scrollable(QWidget* content) {
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

} // namespace

MainWindow::MainWindow(Session& session, QSettings& settings, QWidget* parent)
    : QMainWindow(parent), session_(session), settings_(settings) {
    setObjectName(QStringLiteral("MainWindow"));
    setDockOptions(AnimatedDocks | AllowTabbedDocks | AllowNestedDocks);
    setMinimumSize(kMinimumWindowSize);
    createPanels();
    createActions();
    createMenus();
    setupConnections();
    retranslate();
    defaultLayout_ = saveState(kLayoutVersion);
    restoreSettings();
    updateMode();
    frameClock_.start();
    staleChannels_->check();
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(QWidget* content, const QString& objectName,
                                 Qt::DockWidgetArea area) {
    auto* dock = new QDockWidget(this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    docks_.push_back(dock);
    return dock;
}

void MainWindow::createPanels() {
    messageBar_ = new MessageBar(this);
    staleChannels_ = new StaleChannelsBar(this);
    liveChanges_ = new LiveChanges(session_, this);
    auto* narration = new QLabel(this);
    presenterView_ = new PresenterView(this, narration);
    throughput_ = new widgets::ThroughputPanel(&timeAxis_, &frameClock_, this);
    auto* empty = new QWidget(this);
    emptyText_ = new QLabel(empty);
    emptyText_->setAlignment(Qt::AlignCenter);
    emptyText_->setWordWrap(true);
    QFont big = emptyText_->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    emptyText_->setFont(big);
    auto* emptyLayout = new QVBoxLayout(empty);
    emptyLayout->addStretch();
    emptyLayout->addWidget(emptyText_);
    emptyLayout->addStretch();
    centre_ = new QStackedWidget(this);
    centre_->addWidget(empty);
    centre_->addWidget(throughput_);
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(messageBar_);
    layout->addWidget(staleChannels_);
    layout->addWidget(narration);
    layout->addWidget(centre_, 1);
    setCentralWidget(central);
    connect(staleChannels_, &StaleChannelsBar::removed, this,
            [this](const QStringList& names, const QString& failure) {
                if (!failure.isEmpty())
                    showFailure(failure);
                else
                    statusBar()->showMessage(
                        tr("Removed %n stale channel(s).", nullptr, int(names.size())), 10'000);
            });

    setup_ = new ChannelSetupDock(this);
    latency_ = new widgets::LatencyPanel(&timeAxis_, &frameClock_, this);
    occupancy_ = new widgets::OccupancyPanel(&timeAxis_, &frameClock_, this);
    contention_ = new widgets::ContentionPanel(&timeAxis_, &frameClock_, this);
    processDock_ = new ProcessDock(session_, *liveChanges_, this);
    logDock_ = new LogDock(session_.log(), this);
    compare_ = new CompareDock(this);

    addDock(setup_, QStringLiteral("setup"), Qt::LeftDockWidgetArea);
    QDockWidget* occupancy =
        addDock(occupancy_, QStringLiteral("occupancy"), Qt::RightDockWidgetArea);
    QDockWidget* latency = addDock(latency_, QStringLiteral("latency"), Qt::RightDockWidgetArea);
    QDockWidget* contention =
        addDock(contention_, QStringLiteral("contention"), Qt::RightDockWidgetArea);
    QDockWidget* processes =
        addDock(processDock_, QStringLiteral("processes"), Qt::BottomDockWidgetArea);
    QDockWidget* log = addDock(logDock_, QStringLiteral("log"), Qt::BottomDockWidgetArea);
    QDockWidget* compare =
        addDock(scrollable(compare_), QStringLiteral("compare"), Qt::BottomDockWidgetArea);
    splitDockWidget(occupancy, latency, Qt::Vertical);
    tabifyDockWidget(latency, contention);
    latency->raise();
    tabifyDockWidget(processes, log);
    tabifyDockWidget(log, compare);
    // A comparison needs room for its table and plots: raised, it takes half the height.
    connect(compare, &QDockWidget::visibilityChanged, this, [this, compare](bool visible) {
        if (visible && !compare->isFloating() && compare->height() < height() / 2)
            resizeDocks({compare}, {height() / 2}, Qt::Vertical);
    });
    processes->raise();
    resizeDocks({docks_.front()}, {270}, Qt::Horizontal);
    resizeDocks({occupancy}, {520}, Qt::Horizontal);
    resizeDocks({processes}, {190}, Qt::Vertical);

    statusChannel_ = new QLabel(this);
    statusLive_ = new QLabel(this);
    statusBar()->addWidget(statusChannel_, 1);
    statusBar()->addPermanentWidget(statusLive_);
}

void MainWindow::setupConnections() {
    connect(start_, &QAction::triggered, this, &MainWindow::startConfigured);
    connect(startDemo_, &QAction::triggered, this, &MainWindow::startDemo);
    connect(stop_, &QAction::triggered, this, &MainWindow::stopSession);
    connect(attach_, &QAction::triggered, this, &MainWindow::attachToChannel);
    connect(openConfig_, &QAction::triggered, this, &MainWindow::openConfig);
    connect(saveConfig_, &QAction::triggered, this, &MainWindow::saveConfigAs);
    connect(exportPng_, &QAction::triggered, this, &MainWindow::exportPng);
    connect(exportCsv_, &QAction::triggered, this, &MainWindow::exportCsv);
    connect(quit_, &QAction::triggered, this, &QWidget::close);
    connect(stopWorker_, &QAction::triggered, processDock_, &ProcessDock::stopSelected);
    connect(killWorker_, &QAction::triggered, processDock_, &ProcessDock::killSelected);
    connect(restartWorker_, &QAction::triggered, processDock_, &ProcessDock::restartSelected);
    connect(pause_, &QAction::toggled, this, &MainWindow::setDisplayPaused);
    connect(followLive_, &QAction::triggered, &timeAxis_, &widgets::TimeAxis::followLive);
    connect(resetZoom_, &QAction::triggered, this, [this] {
        timeAxis_.setWindowSeconds(widgets::TimeAxis::kDefaultWindowSeconds);
        timeAxis_.followLive();
    });
    connect(shortcuts_, &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(pauseWorker_, &QAction::triggered, processDock_, &ProcessDock::togglePauseSelected);
    connect(copyCommandLine_, &QAction::triggered, processDock_,
            &ProcessDock::copyCommandLineOfSelected);
    connect(undo_, &QAction::triggered, liveChanges_->stack(), &QUndoStack::undo);
    connect(redo_, &QAction::triggered, liveChanges_->stack(), &QUndoStack::redo);
    connect(liveChanges_->stack(), &QUndoStack::indexChanged, this, &MainWindow::updateUndoTexts);
    connect(liveChanges_->stack(), &QUndoStack::cleanChanged, this, &MainWindow::updateUndoTexts);
    connect(liveChanges_, &LiveChanges::failed, this, &MainWindow::showFailure);
    connect(commandPalette_, &QAction::triggered, this, &MainWindow::showCommandPalette);
    connect(resetLayout_, &QAction::triggered, this, &MainWindow::resetLayout);
    connect(presenter_, &QAction::toggled, this, &MainWindow::setPresenterView);
    connect(about_, &QAction::triggered, this, [this] {
        QMessageBox::about(
            this, tr("About shmscope"),
            tr("shmscope %1 — moves data between processes through shared memory and "
               "shows it happen.")
                .arg(QCoreApplication::applicationVersion()));
    });
    connect(windowGroup_, &QActionGroup::triggered, this,
            [this](QAction* action) { timeAxis_.setWindowSeconds(action->data().toDouble()); });
    connect(refreshGroup_, &QActionGroup::triggered, this,
            [this](QAction* action) { session_.monitor().setIntervalMs(action->data().toInt()); });
    connect(themeGroup_, &QActionGroup::triggered, this, [this](QAction* action) {
        widgets::theme::apply(static_cast<Choice>(action->data().toInt()));
        settings_.setValue(QStringLiteral("view/theme"), action->data());
    });
    connect(languageGroup_, &QActionGroup::triggered, this, [this](QAction* action) {
        setLanguage(action->data().toString());
        settings_.setValue(QStringLiteral("view/language"), action->data());
    });
    connect(&timeAxis_, &widgets::TimeAxis::liveChanged, this, &MainWindow::updateMode);

    connect(setup_, &ChannelSetupDock::startRequested, this, &MainWindow::startConfigured);
    connect(setup_, &ChannelSetupDock::stopRequested, this, &MainWindow::stopSession);
    connect(setup_, &ChannelSetupDock::addWorkerRequested, this,
            [this](const WorkerSpec& spec) { session_.addWorker(spec); });

    connect(&session_, &Session::frameAdded, this, [this](const widgets::MetricsFrame& frame) {
        if (paused_)
            return;
        for (widgets::MetricsPanel* panel : panels())
            panel->addFrame(frame);
        timeAxis_.setLatest(frame.seconds);
        if (presenterView_->isActive())
            presenterView_->showFrame(&frame);
    });
    connect(&session_, &Session::slotsSampled, this, [this](const widgets::ChannelSample& sample) {
        if (!paused_)
            occupancy_->setSlots(sample);
    });
    connect(&session_, &Session::eventAdded, this, [this](const widgets::EventMarker& event) {
        for (widgets::MetricsPanel* panel : panels())
            panel->addEvent(event);
    });
    connect(&session_, &Session::historyCleared, this, [this] {
        for (widgets::MetricsPanel* panel : panels())
            panel->clearData();
        timeAxis_.reset();
    });
    connect(&session_, &Session::channelOpened, this,
            [this](const QString&, const QString& sync) { contention_->setStrategy(sync); });
    connect(&session_, &Session::modeChanged, this, &MainWindow::updateMode);
    connect(&session_, &Session::failure, this, &MainWindow::showFailure);
    connect(&session_, &Session::stopped, this, [this] {
        if (closing_)
            close();
    });
    connect(throughput_, &widgets::ThroughputPanel::reloadRequested, this,
            [this] { throughput_->reload(session_.history()); });
}

std::vector<widgets::MetricsPanel*> MainWindow::panels() const {
    return {throughput_, latency_, occupancy_, contention_};
}

void MainWindow::retranslate() {
    setWindowTitle(session_.channelName().isEmpty()
                       ? tr("shmscope")
                       : tr("shmscope — %1").arg(session_.channelName()));
    const QString titles[] = {tr("Channel setup"), tr("Occupancy"), tr("Latency"), tr("Contention"),
                              tr("Processes"),     tr("Log"),       tr("Compare")};
    for (std::size_t i = 0; i < docks_.size(); ++i)
        docks_[i]->setWindowTitle(titles[i]);
    emptyText_->setText(tr("No workers running — Start demo (Ctrl+D) or pick a scenario.\n\n"
                           "The demo moves 4 KiB messages through a ring buffer of 64 slots in "
                           "shared memory: 2 producers at 50,000 msg/s each, 2 consumers as fast "
                           "as they can."));
    retranslateCommands();
    retranslateQtButtons(this);
    presenterView_->showFrame(session_.history().empty() ? nullptr
                                                         : &session_.history().frames().back());
    updateMode();
}

void MainWindow::updateMode() {
    const Session::Mode mode = session_.mode();
    const bool idle = mode == Session::Mode::Idle;
    const bool running = mode == Session::Mode::Running || mode == Session::Mode::Starting;
    start_->setEnabled(idle);
    startDemo_->setEnabled(idle);
    attach_->setEnabled(idle);
    openConfig_->setEnabled(idle);
    stop_->setEnabled(!idle && mode != Session::Mode::Stopping);
    setup_->setRunning(!idle);
    for (QAction* action : {stopWorker_, killWorker_, restartWorker_, pauseWorker_})
        action->setEnabled(running);
    centre_->setCurrentIndex(idle && session_.history().empty() && !presenter_->isChecked() ? 0
                                                                                            : 1);
    QString state;
    switch (mode) {
    case Session::Mode::Idle:
        state = tr("idle");
        break;
    case Session::Mode::Starting:
        state = tr("starting");
        break;
    case Session::Mode::Running:
        state = tr("running");
        break;
    case Session::Mode::Attached:
        state = tr("attached read-only");
        break;
    case Session::Mode::Stopping:
        state = tr("stopping");
        break;
    }
    statusChannel_->setText(
        session_.channelName().isEmpty()
            ? state
            : tr("Channel %1 (%2): %3").arg(session_.channelName(), session_.sync(), state));
    statusLive_->setText(paused_              ? tr("Display paused")
                         : timeAxis_.isLive() ? tr("Live")
                                              : tr("Zoomed — End returns to live"));
    setWindowTitle(session_.channelName().isEmpty()
                       ? tr("shmscope")
                       : tr("shmscope — %1").arg(session_.channelName()));
}

void MainWindow::setConfig(const SessionConfig& config) {
    setup_->setConfig(config);
    timeAxis_.setWindowSeconds(config.windowSeconds);
}

SessionConfig MainWindow::config() const {
    SessionConfig config = setup_->config();
    config.windowSeconds = timeAxis_.windowSeconds();
    return config;
}

void MainWindow::startConfigured() {
    QString error;
    if (!session_.start(config(), &error))
        showFailure(tr("Cannot start: %1").arg(error));
}

void MainWindow::startDemo() {
    setConfig(demoScenario());
    startConfigured();
}

void MainWindow::stopSession() { session_.stop(); }

void MainWindow::setDisplayPaused(bool paused) {
    if (paused_ == paused)
        return;
    paused_ = paused;
    pause_->setChecked(paused);
    // Nothing repaints while paused: the GUI idles while workers go on and history is kept.
    processDock_->view()->setUpdatesEnabled(!paused);
    if (paused) {
        frameClock_.stop();
    } else {
        for (widgets::MetricsPanel* panel : panels())
            panel->reload(session_.history());
        if (!session_.history().empty())
            timeAxis_.setLatest(session_.history().frames().back().seconds);
        frameClock_.start();
    }
    updateMode();
}

void MainWindow::attachToChannel() {
    QStringList items;
    QStringList names;
    for (const ChannelEntry& entry : Session::listChannels()) {
        names << entry.name;
        items << (entry.problem.isEmpty() ? tr("%1 — owner uid %2, %3 attached, %4 live")
                                                .arg(entry.name)
                                                .arg(entry.ownerUid)
                                                .arg(entry.attached)
                                                .arg(entry.live)
                                          : tr("%1 — %2").arg(entry.name, entry.problem));
    }
    if (items.isEmpty()) {
        showFailure(tr("No shmscope channel exists to attach to."));
        return;
    }
    bool ok = false;
    const QString chosen = QInputDialog::getItem(
        this, tr("Attach to channel"), tr("Watch this channel read-only:"), items, 0, false, &ok);
    if (!ok)
        return;
    QString error;
    if (!session_.attach(names.at(items.indexOf(chosen)), &error))
        showFailure(tr("Cannot attach: %1").arg(error));
}

void MainWindow::openConfig() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open configuration"), QString(),
                                                      tr("JSON files (*.json)"));
    if (path.isEmpty())
        return;
    QString error;
    if (const auto loaded = loadConfig(path, &error))
        setConfig(*loaded);
    else
        showFailure(error);
}

void MainWindow::saveConfigAs() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save configuration"), QStringLiteral("shmscope.json"), tr("JSON files (*.json)"));
    QString error;
    if (!path.isEmpty() && !saveConfig(config(), path, &error))
        showFailure(error);
}

void MainWindow::exportPng() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export plots"), QStringLiteral("shmscope.png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    const QFileInfo info(path);
    const QString base = info.path() + QLatin1Char('/') + info.completeBaseName();
    const bool ok =
        throughput_->savePng(base + QStringLiteral("-throughput.png"), kPngWidth, kPngHeight) &&
        latency_->savePng(base + QStringLiteral("-latency.png"), kPngWidth, kPngHeight) &&
        occupancy_->savePng(base + QStringLiteral("-occupancy.png"), kPngWidth, kPngHeight) &&
        contention_->savePng(base + QStringLiteral("-contention.png"), kPngWidth, kPngHeight) &&
        grab().save(path);
    if (!ok)
        showFailure(tr("Cannot write %1").arg(path));
}

void MainWindow::exportCsv() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export history"), QStringLiteral("shmscope.csv"), tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !session_.history().writeCsv(file) || !file.commit())
        showFailure(tr("Cannot write %1").arg(path));
}

void MainWindow::resetLayout() {
    presenter_->setChecked(false);
    restoreState(defaultLayout_, kLayoutVersion);
    for (QDockWidget* dock : docks_)
        dock->show();
}

void MainWindow::setPresenterView(bool on) {
    presenter_->setChecked(on);
    if (on)
        centre_->setCurrentIndex(1); // the throughput plot, even before any data
    presenterView_->setActive(on);
    if (!on)
        updateMode();
}

void MainWindow::showFailure(const QString& text) {
    messageBar_->showMessage(text);
    statusBar()->showMessage(text, 10'000);
}

void MainWindow::restoreSettings() {
    resize(1280, 800);
    if (settings_.value(QStringLiteral("window/layoutVersion")).toInt() == kLayoutVersion) {
        restoreGeometry(settings_.value(QStringLiteral("window/geometry")).toByteArray());
        restoreState(settings_.value(QStringLiteral("window/state")).toByteArray(), kLayoutVersion);
    }
    const int theme =
        settings_.value(QStringLiteral("view/theme"), static_cast<int>(Choice::System)).toInt();
    for (QAction* action : themeGroup_->actions())
        action->setChecked(action->data().toInt() == theme);
}

void MainWindow::saveSettings() {
    settings_.setValue(QStringLiteral("window/layoutVersion"), kLayoutVersion);
    settings_.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings_.setValue(QStringLiteral("window/state"), saveState(kLayoutVersion));
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (session_.mode() != Session::Mode::Idle) {
        // Stop the workers without blocking; Session::stopped() closes the window again.
        closing_ = true;
        session_.stop();
        event->ignore();
        return;
    }
    saveSettings();
    event->accept();
}

void MainWindow::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange && sessionMenu_)
        retranslate();
    QMainWindow::changeEvent(event);
}

} // namespace shmscope::gui
