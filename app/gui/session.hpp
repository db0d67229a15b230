// One monitoring session without any widget: starts the workers of a configuration (or attaches
// read-only to an existing channel), samples the channel, keeps the history and the process and
// log models, and applies live changes through the control object. Tests drive it directly.
#pragma once

#include "log_model.hpp"
#include "metrics_history.hpp"
#include "monitor.hpp"
#include "proc_stats.hpp"
#include "process_supervisor.hpp"
#include "process_table_model.hpp"
#include "session_config.hpp"
#include "shmscope/channel.hpp"

#include <QJsonArray>
#include <QObject>
#include <map>
#include <memory>
#include <optional>

namespace shmscope {
class ControlWriter;
}

namespace shmscope::gui {

// A live change for one worker; unset fields stay as they are.
struct ControlChange {
    std::optional<std::uint64_t> rateHz;
    std::optional<std::uint64_t> messageBytes;
    std::optional<bool> paused;
};

// One existing channel, as the attach dialog lists it.
struct ChannelEntry {
    QString name;
    std::uint32_t ownerUid = 0;
    std::uint32_t attached = 0;
    std::uint32_t live = 0;
    QString problem;
};

class Session : public QObject {
    Q_OBJECT
public:
    enum class Mode { Idle, Starting, Running, Attached, Stopping };
    static constexpr int kAttachTimeoutSeconds = 5;
    static constexpr int kProcStatsEvery = 15; // samples between /proc readings (~2 Hz)
    static constexpr int kRowsEvery = 6;       // samples between process-table refreshes (~5 Hz)

    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // Creates a uniquely named channel through the first worker, then starts the others.
    bool start(const SessionConfig& config, QString* error = nullptr);
    // Watches an existing channel without writing to it. Nothing is started or removed.
    bool attach(const QString& channel, QString* error = nullptr);
    // Stops every worker (SIGTERM, then SIGKILL), takes a last snapshot, removes the channel
    // this session created; stopped() follows.
    void stop();

    static std::vector<ChannelEntry> listChannels();

    int addWorker(const WorkerSpec& spec);
    void stopWorker(int id);
    void killWorker(int id);
    int restartWorker(int id);
    bool applyControl(int id, const ControlChange& change, QString* error = nullptr);

    [[nodiscard]] Mode mode() const { return mode_; }
    [[nodiscard]] QString channelName() const { return channelName_; }
    [[nodiscard]] const SessionConfig& config() const { return config_; }
    [[nodiscard]] QString sync() const { return sync_; }
    [[nodiscard]] QJsonArray workerSummaries() const;

    ProcessSupervisor& supervisor() { return supervisor_; }
    Monitor& monitor() { return monitor_; }
    widgets::MetricsHistory& history() { return history_; }
    widgets::ProcessTableModel& processes() { return processes_; }
    widgets::LogModel& log() { return log_; }

signals:
    void modeChanged(shmscope::gui::Session::Mode mode);
    void channelOpened(const QString& name, const QString& sync);
    void frameAdded(const shmscope::widgets::MetricsFrame& frame);
    void slotsSampled(const shmscope::widgets::ChannelSample& sample);
    void eventAdded(const shmscope::widgets::EventMarker& event);
    void historyCleared();
    void failure(const QString& text);
    void stopped();

private:
    void setupConnections();
    void setMode(Mode mode);
    void reset();
    bool openSource(const QString& channel, QString* error);
    void onSampled(const widgets::ChannelSample& sample);
    void onWorkerReady(int id);
    void onWorkerFinished(int id);
    void onWorkerFailed(int id, const QString& text);
    // Attaches the session to the channel its first worker created (hold_).
    bool holdChannel(QString* error);
    void finishStop();
    void addEvent(widgets::EventKind kind, const QString& text);
    void refreshRows();
    [[nodiscard]] QString workerLabel(int id) const;

    SessionConfig config_;
    Mode mode_ = Mode::Idle;
    QString channelName_;
    QString sync_;
    bool createdChannel_ = false;
    // The session's own read-write attachment to the channel it created (the shared lock every
    // read-write attacher takes): the channel outlives worker restarts while the session runs,
    // and not the session, whether it stops or is killed.
    std::optional<Channel> hold_;
    int creatorId_ = -1;
    ProcessSupervisor supervisor_;
    Monitor monitor_;
    widgets::MetricsHistory history_;
    widgets::ProcessTableModel processes_;
    widgets::LogModel log_;
    ProcStats procStats_;
    std::unique_ptr<ControlWriter> control_;
    std::map<int, std::uint32_t> pendingGeneration_; // worker id -> generation to acknowledge
    widgets::ChannelSample lastSample_;
    widgets::MetricsFrame lastFrame_;
    std::uint64_t lockRecoveries_ = 0;
    int samplesSinceProcStats_ = 0;
    int samplesSinceRows_ = 0;
};

std::uint64_t monotonicNs();

} // namespace shmscope::gui
