#include "compare_run.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <csignal>
#include <shmscope/snapshot.hpp>
#include <sys/prctl.h>
#include <unistd.h>

namespace shmscope::gui {
namespace {

std::optional<bench::Latency> latencyOf(const QJsonObject& o, const char* p50, const char* p99,
                                        const char* p999, const char* max) {
    if (!o.value(QLatin1String(p50)).isDouble())
        return std::nullopt;
    const auto at = [&o](const char* key) {
        return static_cast<std::uint64_t>(o.value(QLatin1String(key)).toDouble());
    };
    return bench::Latency{at(p50), at(p99), p999 ? at(p999) : 0, max ? at(max) : 0};
}

// A row event (docs/CLI.md, shmscope-bench --format jsonl) as the bench's own Row; the latency
// CDF's quantiles stand in for the samples.
bench::Row rowOf(const QJsonObject& o) {
    bench::Row row;
    row.transport = o.value(QLatin1String("transport")).toString().toStdString();
    row.msgSize = static_cast<std::uint64_t>(o.value(QLatin1String("msg_size")).toDouble());
    row.msgsPerS = o.value(QLatin1String("msgs_per_s")).toDouble();
    row.bytesPerS = o.value(QLatin1String("bytes_per_s")).toDouble();
    row.spread = o.value(QLatin1String("spread")).toDouble();
    row.stream = latencyOf(o, "lat_p50_ns", "lat_p99_ns", "lat_p999_ns", "lat_max_ns");
    row.pingPong = latencyOf(o, "pingpong_p50_ns", "pingpong_p99_ns", nullptr, nullptr);
    row.cpuNsPerMsgProducer = o.value(QLatin1String("cpu_ns_per_msg_producer")).toDouble();
    row.cpuNsPerMsgConsumer = o.value(QLatin1String("cpu_ns_per_msg_consumer")).toDouble();
    if (o.value(QLatin1String("skipped")).isString())
        row.skipped = o.value(QLatin1String("skipped")).toString().toStdString();
    for (const QJsonValue v : o.value(QLatin1String("lat_cdf_ns")).toArray())
        row.streamSamples.push_back(static_cast<std::uint64_t>(v.toDouble()));
    return row;
}

} // namespace

QStringList CompareRequest::arguments() const {
    QStringList sizeList;
    for (const std::uint64_t size : sizes)
        sizeList << QString::number(size);
    return {QStringLiteral("--format"),     QStringLiteral("jsonl"),
            QStringLiteral("--transports"), transports.join(QLatin1Char(',')),
            QStringLiteral("--sizes"),      sizeList.join(QLatin1Char(',')),
            QStringLiteral("--reps"),       QString::number(reps),
            QStringLiteral("--seconds"),    QString::number(seconds, 'g', 6)};
}

QStringList benchTransportIds() {
    return {QStringLiteral("memcpy"),        QStringLiteral("shm-spsc"),
            QStringLiteral("shm-mpmc"),      QStringLiteral("shm-mutex"),
            QStringLiteral("shm-semaphore"), QStringLiteral("shm-boost-mutex"),
            QStringLiteral("shm-broadcast"), QStringLiteral("shm-spsc-zero-copy"),
            QStringLiteral("file-spsc"),     QStringLiteral("pipe"),
            QStringLiteral("pipe-large"),    QStringLiteral("unix"),
            QStringLiteral("tcp"),           QStringLiteral("boost-mq"),
            QStringLiteral("zmq-ipc"),       QStringLiteral("iceoryx"),
            QStringLiteral("iceoryx-loan"),  QStringLiteral("shm-spsc+xxh3"),
            QStringLiteral("shm-spsc@spin")};
}

std::vector<std::uint64_t> benchDefaultSizes() {
    return {64, 4ull << 10, 64ull << 10, 1ull << 20, 16ull << 20};
}

CompareRun::CompareRun(QObject* parent)
    : QObject(parent),
      program_(QCoreApplication::applicationDirPath() + QStringLiteral("/shmscope-bench")) {
    killTimer_.setSingleShot(true);
    killTimer_.setInterval(kStopGraceMs);
    setupConnections();
}

CompareRun::~CompareRun() {
    if (isRunning()) {
        // The window is going away: nothing waits for a graceful end.
        process_.disconnect(this);
        signalGroup(SIGKILL);
        process_.waitForFinished(kStopGraceMs);
        removeLeftovers();
    }
}

void CompareRun::setupConnections() {
    connect(&process_, &QProcess::started, this, [this] {
        groupId_ = process_.processId();
        emit started();
    });
    connect(&process_, &QProcess::readyReadStandardOutput, this, &CompareRun::readLines);
    connect(&process_, &QProcess::readyReadStandardError, this, [this] {
        // The bench's failure is its last line on stderr.
        const QStringList lines = QString::fromUtf8(process_.readAllStandardError())
                                      .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!lines.isEmpty())
            lastError_ = lines.back().trimmed();
    });
    connect(&process_, &QProcess::finished, this, &CompareRun::onFinished);
    connect(&process_, &QProcess::errorOccurred, this, &CompareRun::onStartFailed);
    connect(&killTimer_, &QTimer::timeout, this, [this] { signalGroup(SIGKILL); });
}

bool CompareRun::start(const CompareRequest& request) {
    if (isRunning())
        return false;
    cancelled_ = false;
    lastError_.clear();
    groupId_ = 0;
    const pid_t parent = ::getpid();
    process_.setChildProcessModifier([parent] {
        // Between fork and exec: only async-signal-safe calls. The bench leads a new process
        // group, so that its measuring children can be signalled with it.
        ::setpgid(0, 0);
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1);
    });
    process_.setProgram(program_);
    process_.setArguments(request.arguments());
    process_.start(QIODevice::ReadOnly);
    return true;
}

void CompareRun::cancel() {
    if (!isRunning() || cancelled_)
        return;
    cancelled_ = true;
    signalGroup(SIGTERM);
    killTimer_.start();
}

void CompareRun::signalGroup(int signal) {
    if (groupId_ <= 0)
        groupId_ = process_.processId();
    if (groupId_ <= 0)
        return;
    // Just forked, the bench may not lead its group yet: then signal the bench alone.
    if (::kill(static_cast<pid_t>(-groupId_), signal) != 0)
        ::kill(static_cast<pid_t>(groupId_), signal);
}

void CompareRun::readLines() {
    while (process_.canReadLine())
        handleLine(process_.readLine());
}

void CompareRun::handleLine(const QByteArray& line) {
    const QJsonObject event = QJsonDocument::fromJson(line).object();
    const QString kind = event.value(QLatin1String("event")).toString();
    if (kind == QLatin1String("progress")) {
        const QString what = event.value(QLatin1String("row")).toString() + QLatin1Char(' ') +
                             event.value(QLatin1String("what")).toString();
        emit progress(event.value(QLatin1String("step")).toInt(),
                      event.value(QLatin1String("steps")).toInt(), what);
    } else if (kind == QLatin1String("row")) {
        emit rowFinished(rowOf(event));
    }
}

void CompareRun::onFinished(int exitCode, QProcess::ExitStatus status) {
    readLines();
    killTimer_.stop();
    removeLeftovers();
    if (cancelled_) {
        emit finished(Outcome::Cancelled, {});
        return;
    }
    if (status == QProcess::NormalExit && exitCode == 0) {
        emit finished(Outcome::Completed, {});
        return;
    }
    QString message = lastError_;
    if (message.isEmpty())
        message = status == QProcess::CrashExit
                      ? tr("shmscope-bench crashed")
                      : tr("shmscope-bench exited with status %1").arg(exitCode);
    emit finished(Outcome::Failed, message);
}

void CompareRun::onStartFailed(QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart)
        return;
    emit finished(Outcome::Failed, tr("Cannot start %1: %2").arg(program_, process_.errorString()));
}

void CompareRun::removeLeftovers() {
    if (groupId_ <= 0)
        return;
    // The bench names its channels and ring files "shmscope-bench-<pid>-<n>". A bench that ended
    // by itself removed them; one killed by SIGKILL could not.
    const QString prefix = QStringLiteral("shmscope-bench-%1-").arg(groupId_);
    (void)collectGarbage(prefix.toStdString());
    QDir temp(QDir::tempPath());
    for (const QString& file : temp.entryList({prefix + QLatin1Char('*')}, QDir::Files))
        temp.remove(file);
}

} // namespace shmscope::gui
