#include "process_supervisor.hpp"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QTimer>
#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace shmscope::gui {
namespace {

QString workerName() { return QStringLiteral("shmscope-worker"); }

// Lines end with '\n'; takes every complete one out of `buffer`.
QList<QByteArray> takeLines(QByteArray& buffer) {
    QList<QByteArray> lines;
    qsizetype newline = 0;
    while ((newline = buffer.indexOf('\n')) >= 0) {
        lines.push_back(buffer.left(newline).trimmed());
        buffer.remove(0, newline + 1);
    }
    return lines;
}

} // namespace

QString statusName(WorkerStatus status) {
    switch (status) {
    case WorkerStatus::Starting:
        return QCoreApplication::translate("ProcessSupervisor", "starting");
    case WorkerStatus::Running:
        return QCoreApplication::translate("ProcessSupervisor", "running");
    case WorkerStatus::Stopping:
        return QCoreApplication::translate("ProcessSupervisor", "stopping");
    case WorkerStatus::Exited:
        return QCoreApplication::translate("ProcessSupervisor", "exited");
    case WorkerStatus::Failed:
        return QCoreApplication::translate("ProcessSupervisor", "failed");
    case WorkerStatus::Killed:
        return QCoreApplication::translate("ProcessSupervisor", "killed");
    }
    return {};
}

ProcessSupervisor::ProcessSupervisor(QObject* parent)
    : QObject(parent),
      program_(QCoreApplication::applicationDirPath() + QLatin1Char('/') + workerName()) {}

ProcessSupervisor::~ProcessSupervisor() {
    // Last resort at shutdown: the session normally stopped every worker already. SIGKILL does
    // not wait for anything; PR_SET_PDEATHSIG covers a crash of this process.
    for (auto& [id, worker] : workers_) {
        if (worker.process->state() != QProcess::NotRunning) {
            worker.process->disconnect(this);
            worker.process->kill();
            worker.process->waitForFinished(kStopGraceMs);
        }
    }
}

ProcessSupervisor::Worker* ProcessSupervisor::find(int id) {
    const auto it = workers_.find(id);
    return it == workers_.end() ? nullptr : &it->second;
}

const WorkerInfo* ProcessSupervisor::worker(int id) const {
    const auto it = workers_.find(id);
    return it == workers_.end() ? nullptr : &it->second.info;
}

std::vector<int> ProcessSupervisor::ids() const {
    std::vector<int> result;
    for (const auto& [id, worker] : workers_)
        result.push_back(id);
    return result;
}

bool ProcessSupervisor::anyRunning() const {
    for (const auto& [id, worker] : workers_) {
        if (worker.process->state() != QProcess::NotRunning)
            return true;
    }
    return false;
}

int ProcessSupervisor::start(const WorkerSpec& spec, const QStringList& arguments,
                             int attachTimeoutSeconds) {
    const int id = nextId_++;
    Worker& worker = workers_[id];
    worker.info.id = id;
    worker.info.spec = spec;
    worker.info.arguments = arguments;
    worker.info.statusText = statusName(WorkerStatus::Starting);
    worker.process = std::make_unique<QProcess>();
    worker.readyTimer = new QTimer(worker.process.get());
    worker.readyTimer->setSingleShot(true);
    worker.readyTimer->setInterval((attachTimeoutSeconds + kReadySlackSeconds) * 1000);
    worker.killTimer = new QTimer(worker.process.get());
    worker.killTimer->setSingleShot(true);
    worker.killTimer->setInterval(kStopGraceMs);
    setupConnections(worker);

    const pid_t parent = ::getpid();
    worker.process->setChildProcessModifier([parent] {
        // Runs in the child between fork and exec: only async-signal-safe calls.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1); // the parent died before prctl took effect
        [[maybe_unused]] const int niceness = ::nice(kNiceIncrement);
    });
    worker.process->setProgram(program_);
    worker.process->setArguments(arguments);
    log(worker, QStringLiteral("event"),
        QStringLiteral("%1 %2").arg(workerName(), arguments.join(QLatin1Char(' '))));
    worker.process->start(QIODevice::ReadOnly);
    worker.readyTimer->start();
    emit workerChanged(id);
    return id;
}

void ProcessSupervisor::setupConnections(Worker& worker) {
    const int id = worker.info.id;
    QProcess* process = worker.process.get();
    connect(process, &QProcess::started, this, [this, id] {
        if (Worker* w = find(id)) {
            w->info.pid = w->process->processId();
            emit workerChanged(id);
        }
    });
    connect(process, &QProcess::readyReadStandardOutput, this, [this, id] { onStdout(id); });
    connect(process, &QProcess::readyReadStandardError, this, [this, id] { onStderr(id); });
    connect(process, &QProcess::finished, this,
            [this, id](int code, QProcess::ExitStatus status) { onFinished(id, code, status); });
    connect(process, &QProcess::errorOccurred, this,
            [this, id](QProcess::ProcessError error) { onError(id, error); });
    connect(worker.readyTimer, &QTimer::timeout, this, [this, id] {
        Worker* w = find(id);
        if (!w || w->info.status != WorkerStatus::Starting)
            return;
        fail(*w, WorkerStatus::Failed,
             tr("no ready line within %1 s").arg(w->readyTimer->interval() / 1000));
        w->process->terminate();
        w->killTimer->start();
    });
    connect(worker.killTimer, &QTimer::timeout, this, [this, id] {
        if (Worker* w = find(id); w && w->process->state() != QProcess::NotRunning)
            w->process->kill();
    });
}

void ProcessSupervisor::stop(int id) {
    Worker* worker = find(id);
    if (!worker || worker->process->state() == QProcess::NotRunning)
        return;
    worker->info.stopRequested = true;
    worker->info.status = WorkerStatus::Stopping;
    worker->info.statusText = statusName(WorkerStatus::Stopping);
    worker->process->terminate();
    worker->killTimer->start();
    emit workerChanged(id);
}

void ProcessSupervisor::kill(int id) {
    Worker* worker = find(id);
    if (!worker || worker->process->state() == QProcess::NotRunning)
        return;
    worker->info.stopRequested = true;
    worker->process->kill();
}

void ProcessSupervisor::stopAll() {
    for (const int id : ids())
        stop(id);
    if (!anyRunning())
        emit allFinished();
}

void ProcessSupervisor::onStdout(int id) {
    Worker* worker = find(id);
    if (!worker)
        return;
    worker->stdoutBuffer += worker->process->readAllStandardOutput();
    for (const QByteArray& line : takeLines(worker->stdoutBuffer)) {
        if (!line.isEmpty())
            handleJsonLine(*worker, line);
    }
}

void ProcessSupervisor::onStderr(int id) {
    Worker* worker = find(id);
    if (!worker)
        return;
    worker->stderrBuffer += worker->process->readAllStandardError();
    for (const QByteArray& line : takeLines(worker->stderrBuffer)) {
        if (line.isEmpty())
            continue;
        worker->info.lastStderr = QString::fromUtf8(line);
        log(*worker, QStringLiteral("stderr"), worker->info.lastStderr);
    }
}

void ProcessSupervisor::handleJsonLine(Worker& worker, const QByteArray& line) {
    const QJsonDocument document = QJsonDocument::fromJson(line);
    const QJsonObject json = document.object();
    const QString event = json.value(QStringLiteral("event")).toString();
    if (!document.isObject() || event.isEmpty()) {
        log(worker, QStringLiteral("stdout"), QString::fromUtf8(line)); // stray output
        return;
    }
    if (event == QLatin1String("ready")) {
        worker.info.record = json.value(QStringLiteral("record")).toInt(-1);
        worker.info.pid = json.value(QStringLiteral("pid")).toInteger(worker.info.pid);
        if (worker.info.status == WorkerStatus::Starting) {
            worker.info.status = WorkerStatus::Running;
            worker.info.statusText = statusName(WorkerStatus::Running);
        }
        worker.readyTimer->stop();
        log(worker, QStringLiteral("event"), tr("ready, stats record %1").arg(worker.info.record));
        emit workerChanged(worker.info.id);
        emit workerReady(worker.info.id);
    } else if (event == QLatin1String("summary")) {
        worker.info.summary = json;
        log(worker, QStringLiteral("stdout"), QString::fromUtf8(line));
    } else if (event == QLatin1String("warning")) {
        log(worker, QStringLiteral("warning"), json.value(QStringLiteral("text")).toString());
    } else {
        log(worker, QStringLiteral("stdout"), QString::fromUtf8(line));
    }
}

void ProcessSupervisor::onError(int id, QProcess::ProcessError error) {
    Worker* worker = find(id);
    if (!worker || error != QProcess::FailedToStart)
        return; // crashes and exits are handled in onFinished
    worker->readyTimer->stop();
    fail(*worker, WorkerStatus::Failed,
         tr("failed to start %1: %2").arg(program_, worker->process->errorString()));
    emit workerFinished(id);
    if (!anyRunning())
        emit allFinished();
}

void ProcessSupervisor::onFinished(int id, int exitCode, QProcess::ExitStatus status) {
    Worker* worker = find(id);
    if (!worker)
        return;
    worker->readyTimer->stop();
    worker->killTimer->stop();
    onStdout(id);
    worker->stderrBuffer += '\n';
    onStderr(id);
    const QString reason = worker->info.lastStderr;
    if (status == QProcess::CrashExit) {
        fail(*worker, WorkerStatus::Killed, tr("killed by signal %1").arg(exitCode));
    } else if (exitCode != 0) {
        fail(*worker, WorkerStatus::Failed,
             reason.isEmpty() ? tr("exit %1").arg(exitCode)
                              : tr("exit %1: %2").arg(exitCode).arg(reason));
    } else if (worker->info.status != WorkerStatus::Failed) {
        worker->info.status = WorkerStatus::Exited;
        worker->info.statusText = statusName(WorkerStatus::Exited);
    }
    log(*worker, QStringLiteral("event"), worker->info.statusText);
    emit workerChanged(id);
    emit workerFinished(id);
    if (!anyRunning())
        emit allFinished();
}

void ProcessSupervisor::fail(Worker& worker, WorkerStatus status, const QString& text) {
    worker.info.status = status;
    worker.info.statusText = text;
    emit workerChanged(worker.info.id);
    if (!worker.failureReported) {
        worker.failureReported = true;
        emit workerFailed(worker.info.id, text);
    }
}

void ProcessSupervisor::log(const Worker& worker, const QString& stream, const QString& text) {
    emit logLine(widgets::LogLine{QDateTime::currentDateTime(),
                                  static_cast<std::uint32_t>(worker.info.pid),
                                  worker.info.spec.role, stream, text});
}

} // namespace shmscope::gui
