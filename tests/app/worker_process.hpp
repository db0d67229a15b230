// Runs shmscope-worker (and shmscope-stat) as real child processes and reads their JSON lines.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace shmscope::test {

QString binaryPath(const char* name);

class WorkerProcess {
public:
    WorkerProcess(QStringList arguments, const QString& crashPoint = {});
    ~WorkerProcess();

    // Waits for the "ready" line (true) or the process to end (false).
    bool waitReady(int timeoutMs = 10000);
    // Waits for exit; false on timeout (the process is then killed).
    bool waitExit(int timeoutMs = 60000);
    void terminate();
    void kill();

    [[nodiscard]] int exitCode() const;
    [[nodiscard]] bool crashed() const;
    [[nodiscard]] QJsonObject ready() const { return ready_; }
    [[nodiscard]] QJsonObject summary() const { return summary_; }
    [[nodiscard]] QStringList warnings() const { return warnings_; } // {"event":"warning"} texts
    [[nodiscard]] QString standardError() const { return stderr_; }
    [[nodiscard]] qint64 pid() const;

private:
    void readLines();
    std::unique_ptr<QProcess> process_;
    QByteArray buffer_;
    QJsonObject ready_;
    QJsonObject summary_;
    QStringList warnings_;
    QString stderr_;
};

// A counter of a summary line; -1 when absent.
qint64 counter(const QJsonObject& summary, const char* name);

// The consumer-side entry for one producer (record, incarnation) in a summary's "producers", found
// by the producer's own summary; empty when the consumer saw nothing from it.
QJsonObject producerEntry(const QJsonObject& summary, const QJsonObject& producerSummary);

// Exactly once across queue consumers: the entries of `consumers` for the producer add up to
// what it sent, in count and digest (mod 2^64). Empty when they do, else what differs.
QString deliveredOnce(const QList<QJsonObject>& consumers, const QJsonObject& producerSummary);

// Runs a short-lived tool to completion: {exit code, stdout, stderr}.
struct ToolResult {
    int exitCode = -1;
    QString out;
    QString err;
};
ToolResult runTool(const char* tool, const QStringList& arguments, int timeoutMs = 30000);

} // namespace shmscope::test
