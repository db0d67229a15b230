// Runs shmscope-bridge as a real child process and reads its JSON lines and its stderr lines.
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace shmscope::test {

class BridgeProcess {
public:
    explicit BridgeProcess(QStringList arguments);
    ~BridgeProcess();
    BridgeProcess(const BridgeProcess&) = delete;
    BridgeProcess& operator=(const BridgeProcess&) = delete;

    // Waits for the "ready" line (true) or the process to end (false).
    bool waitReady(int timeoutMs = 10000);
    // Waits until `count` {"event":"connected"} lines came (true) or the process ends or the time
    // is up (false).
    bool waitConnected(int count, int timeoutMs = 30000);
    // Waits until stderr holds `text` (true) or the process ends or the time is up (false).
    bool waitStderr(const QString& text, int timeoutMs = 30000);
    // Waits for exit; false on timeout (the process is then killed).
    bool waitExit(int timeoutMs = 120000);
    void terminate();
    void kill();

    [[nodiscard]] int exitCode() const;
    [[nodiscard]] bool crashed() const;
    [[nodiscard]] QJsonObject ready() const { return ready_; }
    [[nodiscard]] QString endpoint() const;
    [[nodiscard]] QJsonObject summary() const { return summary_; }
    [[nodiscard]] QString standardError() const { return stderr_; }

private:
    void readLines();
    std::unique_ptr<QProcess> process_;
    QByteArray buffer_;
    QJsonObject ready_;
    QJsonObject summary_;
    QString stderr_;
    int connected_ = 0;
};

} // namespace shmscope::test
