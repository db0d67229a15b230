// Places the docks, menus and actions; the panels own their widgets and the Session owns the
// data. No qcustomplot.h and no shared memory here.
#pragma once

#include "frame_clock.hpp"
#include "session_config.hpp"
#include "time_axis.hpp"

#include <QMainWindow>
#include <vector>

class QAction;
class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QStackedWidget;

namespace shmscope::widgets {
class ContentionPanel;
class LatencyPanel;
class MetricsPanel;
class OccupancyPanel;
class ThroughputPanel;
} // namespace shmscope::widgets

namespace shmscope::gui {

class ChannelSetupDock;
class CompareDock;
class CommandPalette;
class LiveChanges;
class LogDock;
class MessageBar;
class PresenterView;
class ProcessDock;
class Session;
class StaleChannelsBar;
class ShortcutList;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    static constexpr int kLayoutVersion = 1;

    MainWindow(Session& session, QSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void setConfig(const SessionConfig& config);
    [[nodiscard]] SessionConfig config() const;
    [[nodiscard]] widgets::FrameClock& frameClock() { return frameClock_; }
    [[nodiscard]] CompareDock& compareDock() { return *compare_; }
    [[nodiscard]] bool displayPaused() const { return paused_; }

public slots:
    void startConfigured();
    void startDemo();
    void stopSession();
    void setDisplayPaused(bool paused);
    void attachToChannel();
    void openConfig();
    void saveConfigAs();
    void exportPng();
    void exportCsv();
    void showShortcuts();
    void showCommandPalette();
    // Every dock back where it was at first start, visible.
    void resetLayout();
    void setPresenterView(bool on);

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void createPanels();
    void createActions();
    void createMenus();
    void setupConnections();
    void retranslate();
    void retranslateCommands(); // main_window_commands.cpp
    void updateUndoTexts();
    void restoreSettings();
    void saveSettings();
    void updateMode();
    void showFailure(const QString& text);
    QDockWidget* addDock(QWidget* content, const QString& objectName, Qt::DockWidgetArea area);
    QAction* makeAction(const char* name, const QKeySequence& shortcut = {});
    [[nodiscard]] std::vector<widgets::MetricsPanel*> panels() const;

    Session& session_;
    QSettings& settings_;
    widgets::FrameClock frameClock_;
    widgets::TimeAxis timeAxis_;
    bool paused_ = false;
    bool closing_ = false;

    MessageBar* messageBar_ = nullptr;
    StaleChannelsBar* staleChannels_ = nullptr;
    QStackedWidget* centre_ = nullptr;
    QLabel* emptyText_ = nullptr;
    QLabel* statusChannel_ = nullptr;
    QLabel* statusLive_ = nullptr;
    widgets::ThroughputPanel* throughput_ = nullptr;
    widgets::LatencyPanel* latency_ = nullptr;
    widgets::OccupancyPanel* occupancy_ = nullptr;
    widgets::ContentionPanel* contention_ = nullptr;
    ChannelSetupDock* setup_ = nullptr;
    ProcessDock* processDock_ = nullptr;
    LogDock* logDock_ = nullptr;
    CompareDock* compare_ = nullptr;
    std::vector<QDockWidget*> docks_;
    QByteArray defaultLayout_; // saveState() before any saved layout was restored
    LiveChanges* liveChanges_ = nullptr;
    PresenterView* presenterView_ = nullptr;
    CommandPalette* commandPaletteDialog_ = nullptr;
    ShortcutList* shortcutList_ = nullptr;

    QMenu* sessionMenu_ = nullptr;
    QMenu* editMenu_ = nullptr;
    QMenu* workerMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* windowMenu_ = nullptr;
    QMenu* refreshMenu_ = nullptr;
    QMenu* themeMenu_ = nullptr;
    QMenu* languageMenu_ = nullptr;
    QMenu* panelsMenu_ = nullptr;
    QMenu* helpMenu_ = nullptr;
    QAction* start_ = nullptr;
    QAction* startDemo_ = nullptr;
    QAction* stop_ = nullptr;
    QAction* attach_ = nullptr;
    QAction* openConfig_ = nullptr;
    QAction* saveConfig_ = nullptr;
    QAction* exportPng_ = nullptr;
    QAction* exportCsv_ = nullptr;
    QAction* quit_ = nullptr;
    QAction* stopWorker_ = nullptr;
    QAction* killWorker_ = nullptr;
    QAction* restartWorker_ = nullptr;
    QAction* pause_ = nullptr;
    QAction* followLive_ = nullptr;
    QAction* resetZoom_ = nullptr;
    QAction* shortcuts_ = nullptr;
    QAction* about_ = nullptr;
    QAction* pauseWorker_ = nullptr;
    QAction* copyCommandLine_ = nullptr;
    QAction* undo_ = nullptr;
    QAction* redo_ = nullptr;
    QAction* commandPalette_ = nullptr;
    QAction* resetLayout_ = nullptr;
    QAction* presenter_ = nullptr;
    QActionGroup* windowGroup_ = nullptr;
    QActionGroup* refreshGroup_ = nullptr;
    QActionGroup* themeGroup_ = nullptr;
    QActionGroup* languageGroup_ = nullptr;
};

} // namespace shmscope::gui
