// Owns every worker process: starts shmscope-worker from next to the application's own binary
// (never PATH) at a lower priority and with a parent-death signal, reads its JSON lines, stops it
// with SIGTERM, a timer, then SIGKILL, and never blocks the GUI thread waiting for it.
#pragma once

#include "log_model.hpp"
#include "session_config.hpp"

#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <map>
#include <memory>
#include <vector>

class QTimer;

namespace shmscope::gui {

enum class WorkerStatus {
    Starting, // launched, no "ready" line yet
    Running,  // said ready
    Stopping, // SIGTERM sent
    Exited,   // exit 0
    Failed,   // did not start, no ready in time, or exit 1/2
    Killed,   // ended by a signal
};

struct WorkerInfo {
    int id = 0;
    WorkerSpec spec;
    QStringList arguments;
    WorkerStatus status = WorkerStatus::Starting;
    qint64 pid = 0;
    int record = -1;     // stats record index from the ready line
    QString statusText;  // "exited", "failed to start: …", "killed by signal 9"
    QString lastStderr;  // the worker's one-line reason, if it gave one
    QJsonObject summary; // the final summary line
    bool stopRequested = false;
};

class ProcessSupervisor : public QObject {
    Q_OBJECT
public:
    static constexpr int kNiceIncrement = 10;    // workers yield the CPU to the display
    static constexpr int kStopGraceMs = 3000;    // SIGTERM, then SIGKILL after this long
    static constexpr int kReadySlackSeconds = 5; // on top of the worker's attach timeout

    explicit ProcessSupervisor(QObject* parent = nullptr);
    ~ProcessSupervisor() override;

    // Path of shmscope-worker: next to the application binary unless overridden (tests).
    void setWorkerProgram(const QString& path) { program_ = path; }
    [[nodiscard]] QString workerProgram() const { return program_; }

    // Starts a worker and returns its id; failures arrive as workerFailed().
    int start(const WorkerSpec& spec, const QStringList& arguments, int attachTimeoutSeconds);
    void stop(int id); // SIGTERM, SIGKILL after kStopGraceMs
    void kill(int id); // SIGKILL now
    void stopAll();

    [[nodiscard]] const WorkerInfo* worker(int id) const;
    [[nodiscard]] std::vector<int> ids() const;
    [[nodiscard]] bool anyRunning() const;

signals:
    void workerReady(int id);
    void workerFinished(int id);
    void workerFailed(int id, const QString& text);
    void workerChanged(int id);
    void logLine(const shmscope::widgets::LogLine& line);
    void allFinished();

private:
    struct Worker {
        WorkerInfo info;
        std::unique_ptr<QProcess> process;
        QTimer* readyTimer = nullptr;
        QTimer* killTimer = nullptr;
        QByteArray stdoutBuffer;
        QByteArray stderrBuffer;
        bool failureReported = false;
    };

    void setupConnections(Worker& worker);
    void onStdout(int id);
    void onStderr(int id);
    void onFinished(int id, int exitCode, QProcess::ExitStatus status);
    void onError(int id, QProcess::ProcessError error);
    void handleJsonLine(Worker& worker, const QByteArray& line);
    void fail(Worker& worker, WorkerStatus status, const QString& text);
    void log(const Worker& worker, const QString& stream, const QString& text);
    Worker* find(int id);

    QString program_;
    int nextId_ = 1;
    std::map<int, Worker> workers_;
};

QString statusName(WorkerStatus status);

} // namespace shmscope::gui
