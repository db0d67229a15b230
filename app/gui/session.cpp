#include "session.hpp"

#include "labels.hpp"
#include "live_source.hpp"

#include <QRegularExpression>
#include <ctime>
#include <set>
#include <shmscope/control.hpp>
#include <shmscope/snapshot.hpp>
#include <unistd.h>

namespace shmscope::gui {
namespace {

// Channel names this process makes: "<scenario>-<pid>-<n>", unique per run and per session.
QString uniqueChannelName(const QString& scenario) {
    static int counter = 0;
    QString base = scenario;
    base.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("-"));
    if (base.isEmpty())
        base = QStringLiteral("session");
    return QStringLiteral("%1-%2-%3").arg(base).arg(::getpid()).arg(++counter);
}

const widgets::ProcessSample* findByPid(const widgets::ChannelSample& sample, std::uint32_t pid) {
    if (pid == 0)
        return nullptr;
    for (const widgets::ProcessSample& process : sample.processes) {
        if (process.pid == pid)
            return &process;
    }
    return nullptr;
}

const widgets::ProcessRates* ratesByPid(const widgets::MetricsFrame& frame, std::uint32_t pid) {
    for (const widgets::ProcessRates& rates : frame.processes) {
        if (rates.pid == pid)
            return &rates;
    }
    return nullptr;
}

void fillFromSample(widgets::ProcessRow& row, const widgets::ProcessSample& process,
                    const widgets::ProcessRates* rates) {
    row.record = process.record;
    row.role = process.role;
    row.bridge = process.bridge;
    row.alive = process.alive;
    row.state = widgets::labels::activity(process.activity);
    const widgets::Counters& c = process.counters;
    row.messages = c.messages;
    row.drops = c.drops;
    row.overrun = c.overrun;
    row.gaps = c.gaps;
    row.corrupt = c.corrupt;
    row.lostToCrash = c.lostToCrash;
    row.incomplete = c.incomplete;
    if (rates) {
        row.messagesPerSecond = rates->messagesPerSecond;
        row.bytesPerSecond = rates->bytesPerSecond;
    }
}

} // namespace

std::uint64_t monotonicNs() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000'000u +
           static_cast<std::uint64_t>(now.tv_nsec);
}

Session::Session(QObject* parent) : QObject(parent) { setupConnections(); }

Session::~Session() {
    monitor_.stop();
    hold_.reset(); // removes the channel when no worker is attached any more
    if (createdChannel_ && !channelName_.isEmpty())
        (void)removeChannel(channelName_.toStdString());
}

void Session::setupConnections() {
    connect(&monitor_, &Monitor::sampled, this, &Session::onSampled);
    connect(&supervisor_, &ProcessSupervisor::workerReady, this, &Session::onWorkerReady);
    connect(&supervisor_, &ProcessSupervisor::workerFinished, this, &Session::onWorkerFinished);
    connect(&supervisor_, &ProcessSupervisor::workerFailed, this, &Session::onWorkerFailed);
    connect(&supervisor_, &ProcessSupervisor::workerChanged, this, &Session::refreshRows);
    connect(&supervisor_, &ProcessSupervisor::logLine, &log_, &widgets::LogModel::append);
    connect(&supervisor_, &ProcessSupervisor::allFinished, this, [this] {
        if (mode_ == Mode::Stopping)
            finishStop();
    });
}

void Session::setMode(Mode mode) {
    if (mode_ == mode)
        return;
    mode_ = mode;
    emit modeChanged(mode);
}

void Session::reset() {
    history_.clear();
    processes_.clear();
    pendingGeneration_.clear();
    lastSample_ = {};
    lastFrame_ = {};
    lockRecoveries_ = 0;
    control_.reset();
    emit historyCleared();
}

bool Session::start(const SessionConfig& config, QString* error) {
    if (mode_ != Mode::Idle) {
        if (error)
            *error = tr("a session is already running");
        return false;
    }
    if (config.workers.empty()) {
        if (error)
            *error = tr("the configuration starts no worker");
        return false;
    }
    reset();
    config_ = config;
    channelName_ = uniqueChannelName(config.scenario);
    sync_ = config.channel.sync;
    createdChannel_ = true;
    setMode(Mode::Starting);
    const WorkerSpec& first = config.workers.front();
    creatorId_ = supervisor_.start(
        first, workerArguments(config.channel, first, channelName_, true, kAttachTimeoutSeconds),
        kAttachTimeoutSeconds);
    return true;
}

bool Session::openSource(const QString& channel, QString* error) {
    // A file channel is found by its data file, not in /dev/shm.
    const bool file = config_.channel.transport == QLatin1String("file");
    std::unique_ptr<LiveSource> source =
        file ? LiveSource::openFile(config_.channel.path, error) : LiveSource::open(channel, error);
    if (!source)
        return false;
    sync_ = source->describe().sync;
    monitor_.setSource(std::move(source));
    monitor_.start();
    emit channelOpened(channel, sync_);
    return true;
}

bool Session::attach(const QString& channel, QString* error) {
    if (mode_ != Mode::Idle) {
        if (error)
            *error = tr("a session is already running");
        return false;
    }
    reset();
    config_ = SessionConfig{};
    config_.scenario = QStringLiteral("attach");
    config_.workers.clear();
    channelName_ = channel;
    createdChannel_ = false;
    if (!openSource(channel, error))
        return false;
    setMode(Mode::Attached);
    return true;
}

void Session::onWorkerReady(int id) {
    addEvent(widgets::EventKind::WorkerStarted, tr("%1 started").arg(workerLabel(id)));
    if (id != creatorId_ || mode_ != Mode::Starting)
        return;
    QString error;
    if (!holdChannel(&error) || !openSource(channelName_, &error)) {
        emit failure(tr("Cannot watch channel %1: %2").arg(channelName_, error));
        stop();
        return;
    }
    for (std::size_t i = 1; i < config_.workers.size(); ++i)
        addWorker(config_.workers[i]);
    setMode(Mode::Running);
}

int Session::addWorker(const WorkerSpec& spec) {
    if (mode_ != Mode::Running && mode_ != Mode::Starting)
        return -1;
    return supervisor_.start(
        spec, workerArguments(config_.channel, spec, channelName_, false, kAttachTimeoutSeconds),
        kAttachTimeoutSeconds);
}

void Session::stopWorker(int id) {
    addEvent(widgets::EventKind::WorkerStopped, tr("%1 asked to stop").arg(workerLabel(id)));
    supervisor_.stop(id);
}

void Session::killWorker(int id) { supervisor_.kill(id); }

int Session::restartWorker(int id) {
    const WorkerInfo* info = supervisor_.worker(id);
    if (!info)
        return -1;
    if (supervisor_.worker(id)->status == WorkerStatus::Running)
        supervisor_.stop(id);
    return addWorker(info->spec);
}

bool Session::applyControl(int id, const ControlChange& change, QString* error) {
    const WorkerInfo* info = supervisor_.worker(id);
    if (!info || info->record < 0) {
        if (error)
            *error = tr("the worker has no stats record yet");
        return false;
    }
    if (!control_) {
        const bool file = config_.channel.transport == QLatin1String("file");
        auto writer =
            file ? ControlWriter::open(config_.channel.path.toStdString(), TransportKind::File)
                 : ControlWriter::open(channelName_.toStdString(), TransportKind::Shm);
        if (!writer) {
            if (error)
                *error = QString::fromStdString(writer.error().message);
            return false;
        }
        control_ = std::make_unique<ControlWriter>(std::move(writer.value()));
    }
    ControlRequest request;
    request.rateHz = change.rateHz;
    request.messageBytes = change.messageBytes;
    request.paused = change.paused;
    auto generation = control_->apply(static_cast<std::uint32_t>(info->record), request);
    if (!generation) {
        if (error)
            *error = QString::fromStdString(generation.error().message);
        return false;
    }
    pendingGeneration_[id] = generation.value();
    QStringList what;
    if (change.rateHz)
        what << tr("rate %1").arg(*change.rateHz == 0 ? tr("max")
                                                      : QString::number(*change.rateHz));
    if (change.messageBytes)
        what << tr("message size %1").arg(*change.messageBytes);
    if (change.paused)
        what << (*change.paused ? tr("paused") : tr("resumed"));
    addEvent(widgets::EventKind::SettingChanged,
             tr("%1: %2").arg(workerLabel(id), what.join(QStringLiteral(", "))));
    refreshRows();
    return true;
}

void Session::stop() {
    if (mode_ == Mode::Idle || mode_ == Mode::Stopping)
        return;
    if (mode_ == Mode::Attached) {
        monitor_.stop();
        monitor_.setSource(nullptr);
        setMode(Mode::Idle);
        emit stopped();
        return;
    }
    setMode(Mode::Stopping);
    supervisor_.stopAll(); // allFinished() -> finishStop()
}

bool Session::holdChannel(QString* error) {
    if (config_.channel.transport == QLatin1String("file"))
        return true; // a file channel stays where it is: workers never remove it
    OpenOptions options;
    options.mode = OpenMode::Attach;
    Result<Channel> channel = Channel::open(channelName_.toStdString(), options);
    if (!channel) {
        if (error)
            *error = QString::fromStdString(channel.error().message);
        return false;
    }
    hold_.emplace(std::move(*channel));
    return true;
}

void Session::finishStop() {
    // The last snapshot after every worker left: the totals shown equal the workers' own.
    monitor_.stop();
    monitor_.sampleNow(true);
    monitor_.setSource(nullptr);
    control_.reset();
    hold_.reset(); // the last one out: removes the channel
    if (createdChannel_) {
        const Status removed = removeChannel(channelName_.toStdString());
        if (!removed && removed.error().code != ErrorCode::NotFound)
            emit failure(tr("Cannot remove channel %1: %2")
                             .arg(channelName_, QString::fromStdString(removed.error().message)));
        createdChannel_ = false;
    }
    setMode(Mode::Idle);
    emit stopped();
}

void Session::onWorkerFinished(int id) {
    const WorkerInfo* info = supervisor_.worker(id);
    if (info && info->status == WorkerStatus::Exited)
        addEvent(widgets::EventKind::WorkerStopped, tr("%1 exited").arg(workerLabel(id)));
    if (id == creatorId_ && mode_ == Mode::Starting) {
        // The channel never came up: nothing else to start.
        setMode(Mode::Stopping);
        supervisor_.stopAll();
    }
    refreshRows();
}

void Session::onWorkerFailed(int id, const QString& text) {
    const WorkerInfo* info = supervisor_.worker(id);
    const bool killed = info && info->status == WorkerStatus::Killed;
    addEvent(killed ? widgets::EventKind::WorkerKilled : widgets::EventKind::WorkerFailed,
             tr("%1: %2").arg(workerLabel(id), text));
    emit failure(tr("%1: %2").arg(workerLabel(id), text));
}

QString Session::workerLabel(int id) const {
    const WorkerInfo* info = supervisor_.worker(id);
    if (!info)
        return {};
    const QString role = info->spec.role == QLatin1String("producer")
                             ? widgets::labels::role(widgets::ProcessRole::Producer)
                             : widgets::labels::role(widgets::ProcessRole::Consumer);
    return info->pid != 0 ? QStringLiteral("%1 %2").arg(role).arg(info->pid) : role;
}

void Session::addEvent(widgets::EventKind kind, const QString& text) {
    emit eventAdded(history_.addEvent(monotonicNs(), kind, text));
}

void Session::onSampled(const widgets::ChannelSample& sample) {
    lastSample_ = sample;
    lastFrame_ = history_.append(sample);
    std::uint64_t recoveries = 0;
    for (const widgets::ProcessSample& process : sample.processes)
        recoveries += process.counters.lockRecoveries;
    if (recoveries > lockRecoveries_)
        addEvent(widgets::EventKind::LockRecovered, tr("lock recovered from a dead holder"));
    lockRecoveries_ = recoveries;
    if (++samplesSinceProcStats_ >= kProcStatsEvery) {
        samplesSinceProcStats_ = 0;
        for (const widgets::ProcessSample& process : sample.processes) {
            if (process.alive)
                procStats_.sample(process.pid, sample.takenNs);
        }
    }
    emit frameAdded(lastFrame_);
    if (sample.hasSlots)
        emit slotsSampled(sample);
    // The table is read at human speed; worker changes refresh it at once (workerChanged).
    if (++samplesSinceRows_ >= kRowsEvery || mode_ == Mode::Stopping) {
        samplesSinceRows_ = 0;
        refreshRows();
    }
}

void Session::refreshRows() {
    std::vector<widgets::ProcessRow> rows;
    std::set<std::uint32_t> shown;
    for (const int id : supervisor_.ids()) {
        const WorkerInfo* info = supervisor_.worker(id);
        widgets::ProcessRow row;
        row.key = QStringLiteral("w%1").arg(id);
        row.workerId = id;
        row.pid = static_cast<std::uint32_t>(info->pid);
        row.role = info->spec.role == QLatin1String("producer") ? widgets::ProcessRole::Producer
                                                                : widgets::ProcessRole::Consumer;
        row.state = info->statusText;
        row.alive = info->status == WorkerStatus::Starting ||
                    info->status == WorkerStatus::Running || info->status == WorkerStatus::Stopping;
        const widgets::ProcessSample* process = findByPid(lastSample_, row.pid);
        if (process) {
            shown.insert(row.pid);
            fillFromSample(row, *process, ratesByPid(lastFrame_, row.pid));
            const auto pending = pendingGeneration_.find(id);
            if (pending != pendingGeneration_.end()) {
                if (process->appliedGeneration >= pending->second)
                    pendingGeneration_.erase(pending);
                else
                    row.message = tr("applying…");
            }
        }
        if (info->status == WorkerStatus::Failed || info->status == WorkerStatus::Killed ||
            info->status == WorkerStatus::Exited) {
            row.state = info->statusText;
            row.failed = info->status != WorkerStatus::Exited;
            row.message = info->status == WorkerStatus::Killed || info->lastStderr.isEmpty()
                              ? info->statusText
                              : info->lastStderr;
            if (!process)
                row.alive = false;
        }
        if (const auto usage = procStats_.last(row.pid); usage && row.alive) {
            row.cpuPercent = usage->cpuPercent;
            row.contextSwitchesPerSecond = usage->contextSwitchesPerSecond;
        }
        rows.push_back(row);
    }
    // Processes this session did not start (an attached channel, or another tool's workers).
    for (const widgets::ProcessSample& process : lastSample_.processes) {
        if (shown.count(process.pid) != 0)
            continue;
        widgets::ProcessRow row;
        row.key = QStringLiteral("p%1/%2/%3")
                      .arg(process.pid)
                      .arg(process.record)
                      .arg(process.incarnation);
        row.pid = process.pid;
        fillFromSample(row, process, ratesByPid(lastFrame_, process.pid));
        if (process.exited)
            row.state = statusName(WorkerStatus::Exited);
        if (const auto usage = procStats_.last(row.pid); usage && row.alive) {
            row.cpuPercent = usage->cpuPercent;
            row.contextSwitchesPerSecond = usage->contextSwitchesPerSecond;
        }
        rows.push_back(row);
    }
    processes_.setRows(rows);
}

std::vector<ChannelEntry> Session::listChannels() {
    std::vector<ChannelEntry> entries;
    for (const ChannelListing& listing : shmscope::listChannels()) {
        entries.push_back(ChannelEntry{QString::fromStdString(listing.name), listing.ownerUid,
                                       listing.attached, listing.live,
                                       QString::fromStdString(listing.problem)});
    }
    return entries;
}

QJsonArray Session::workerSummaries() const {
    QJsonArray summaries;
    for (const int id : supervisor_.ids()) {
        const WorkerInfo* info = supervisor_.worker(id);
        if (!info->summary.isEmpty())
            summaries.append(info->summary);
    }
    return summaries;
}

} // namespace shmscope::gui
