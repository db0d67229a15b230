// A shmscope executable run as a real child process with --json: it reads the JSON lines of its
// stdout as they come ({"event":"ready"}, {"event":"summary"} and the others) and its stderr.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace shmscope::test {

class JsonLinesProcess {
public:
    // Starts `program` with `arguments` and --json in `environment`; the child dies with the test.
    // `exitTimeoutMs`: how long waitExit() waits when not told.
    JsonLinesProcess(const QString& program, QStringList arguments,
                     const QProcessEnvironment& environment, int exitTimeoutMs);
    ~JsonLinesProcess(); // kills the child if it still runs
    JsonLinesProcess(const JsonLinesProcess&) = delete;
    JsonLinesProcess& operator=(const JsonLinesProcess&) = delete;

    // Waits for the "ready" line (true) or the process to end (false).
    bool waitReady(int timeoutMs = 10000);
    // Waits until `count` lines of `event` came (true) or the process ends or the time is up.
    bool waitEvents(const QString& event, int count, int timeoutMs);
    // Waits until stderr holds `text` (true) or the process ends or the time is up (false).
    bool waitStderr(const QString& text, int timeoutMs = 30000);
    // Waits for exit; false on timeout (the process is then killed). -1: the default timeout.
    bool waitExit(int timeoutMs = -1);
    void terminate();
    void kill();

    [[nodiscard]] int exitCode() const;
    [[nodiscard]] bool crashed() const;
    [[nodiscard]] qint64 pid() const;
    [[nodiscard]] QJsonObject ready() const { return ready_; }
    [[nodiscard]] QJsonObject summary() const { return summary_; }
    // Every line of `event` so far, in order.
    [[nodiscard]] QList<QJsonObject> events(const QString& event) const;
    [[nodiscard]] QString standardError() const { return stderr_; }

private:
    void readLines();
    // Reads lines until `done` holds (true) or the process ends or the time is up.
    template <typename Done> bool waitFor(Done done, int timeoutMs);

    std::unique_ptr<QProcess> process_;
    int exitTimeoutMs_;
    QByteArray buffer_;
    QJsonObject ready_;
    QJsonObject summary_;
    QList<QJsonObject> lines_;
    QString stderr_;
};

} // namespace shmscope::test
