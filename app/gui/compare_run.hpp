// Runs shmscope-bench (from next to the application's own binary, never PATH) with
// --format jsonl, so that each row arrives as it finishes, with progress in between. The bench
// leads its own process group; cancel() sends SIGTERM to the group (the bench stops its
// measurement, removes its channels and prints the rows it has), then SIGKILL after a grace
// period, after which what the bench left in shared memory is removed here. Never blocks.
#pragma once

#include "results.hpp"

#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <vector>

namespace shmscope::gui {

// What to compare: the bench's --transports, --sizes, --reps and --seconds.
struct CompareRequest {
    QStringList transports;
    std::vector<std::uint64_t> sizes;
    int reps = 1;
    double seconds = 0.3;

    [[nodiscard]] QStringList arguments() const;
};

// The bench's defaults (docs/CLI.md): its transport ids, sizes and repetitions.
QStringList benchTransportIds();
std::vector<std::uint64_t> benchDefaultSizes();
inline constexpr int kBenchDefaultReps = 3;
inline constexpr double kBenchDefaultSeconds = 0.3;

class CompareRun : public QObject {
    Q_OBJECT
public:
    enum class Outcome { Completed, Cancelled, Failed };
    Q_ENUM(Outcome)
    static constexpr int kStopGraceMs = 3000;

    explicit CompareRun(QObject* parent = nullptr);
    ~CompareRun() override;

    // Default: shmscope-bench in QCoreApplication::applicationDirPath().
    void setProgram(const QString& path) { program_ = path; }
    [[nodiscard]] const QString& program() const { return program_; }
    [[nodiscard]] bool isRunning() const { return process_.state() != QProcess::NotRunning; }
    // The bench's pid, which is also its process group (0 before the first start).
    [[nodiscard]] qint64 benchPid() const { return groupId_; }

    bool start(const CompareRequest& request);
    void cancel();

signals:
    void started();
    void progress(int step, int steps, const QString& what);
    void rowFinished(const shmscope::bench::Row& row);
    // `message` is the bench's one-line error when it failed.
    void finished(shmscope::gui::CompareRun::Outcome outcome, const QString& message);

private:
    void setupConnections();
    void readLines();
    void handleLine(const QByteArray& line);
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onStartFailed(QProcess::ProcessError error);
    void signalGroup(int signal);
    void removeLeftovers();

    QString program_;
    QProcess process_;
    QTimer killTimer_;
    qint64 groupId_ = 0;
    bool cancelled_ = false;
    QString lastError_;
};

} // namespace shmscope::gui
