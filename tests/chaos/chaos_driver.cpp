#include "chaos_driver.hpp"

#include <QElapsedTimer>
#include <QTest>
#include <chrono>

namespace shmscope::test {
namespace {

constexpr int kReadyMs = 10000;        // process start, payload pool included, under sanitizers
constexpr int kCrashPointMs = 15000;   // an armed victim reaches its N-th pass within this
constexpr int kMaxPasses = 40;         // N in SHMSCOPE_CRASH_POINT=point:N is drawn from 1 … this
constexpr int kMaxRandomDelayMs = 150; // random-moment kills come this long after the ready line
constexpr int kPollMs = 20;
const QString kSlotSize = QStringLiteral("4KiB");
const QString kRate = QStringLiteral("5000");

// Messages delivered by the consumers that are alive now (their own records, never folded).
std::uint64_t liveConsumerMessages(const ChannelSnapshot& snapshot) {
    std::uint64_t messages = 0;
    for (const RecordSnapshot& record : snapshot.records)
        if (record.alive && record.role == Role::Consumer)
            messages += record.counter(Counter::Messages);
    return messages;
}

// What became of a process that did not say "ready": for the failure message.
QString fate(const WorkerProcess& process) {
    if (process.pid() > 0)
        return QStringLiteral("still starting after %1 ms").arg(kReadyMs);
    return QStringLiteral("%1 with status %2: %3")
        .arg(process.crashed() ? QStringLiteral("killed") : QStringLiteral("exited"))
        .arg(process.exitCode())
        .arg(process.standardError().trimmed());
}

// Ring indices, slot states and records, for a failure message.
QString describe(const ChannelSnapshot& snapshot) {
    QString text =
        QStringLiteral("head %1 tail %2 slots").arg(snapshot.ring.head).arg(snapshot.ring.tail);
    for (const SlotState state : snapshot.ring.slotStates)
        text += QLatin1Char(' ') + QString::number(static_cast<int>(state));
    for (const RecordSnapshot& record : snapshot.records)
        text += QStringLiteral("; record %1 pid %2 state %3 alive %4 role %5 activity %6")
                    .arg(record.index)
                    .arg(record.pid)
                    .arg(static_cast<int>(record.state))
                    .arg(record.alive)
                    .arg(static_cast<int>(record.role))
                    .arg(static_cast<int>(record.activity));
    return text;
}

// mpmc crash points after which the dead process still holds a slot claim.
bool leavesClaim(const QString& sync, const QString& point) {
    return sync == QStringLiteral("mpmc") && point != QStringLiteral("random") &&
           point != QStringLiteral("holding-lock");
}

} // namespace

ChaosDriver::ChaosDriver(QString sync, std::uint32_t seed)
    : sync_(std::move(sync)), guard_(uniqueChannelName("chaos")), random_(seed) {}

ChaosDriver::~ChaosDriver() {
    producer_.reset();
    consumer_.reset();
    reader_.reset();
}

QStringList ChaosDriver::arguments(const QString& role) const {
    QStringList args{QStringLiteral("--role"),
                     role,
                     QStringLiteral("--channel"),
                     guard_.qname(),
                     QStringLiteral("--create"),
                     QStringLiteral("--sync"),
                     sync_,
                     QStringLiteral("--slots"),
                     QStringLiteral("8"),
                     QStringLiteral("--slot-size"),
                     kSlotSize,
                     QStringLiteral("--stall-timeout"),
                     QString::number(kStallTimeoutMs / 1000)};
    if (role == QStringLiteral("producer"))
        args << QStringLiteral("--msg-size") << kSlotSize << QStringLiteral("--rate") << kRate;
    return args;
}

std::unique_ptr<WorkerProcess> ChaosDriver::launch(const QString& role, const QString& crashPoint) {
    return std::make_unique<WorkerProcess>(arguments(role), crashPoint);
}

std::unique_ptr<WorkerProcess>& ChaosDriver::current(const QString& role) {
    return role == QStringLiteral("producer") ? producer_ : consumer_;
}

bool ChaosDriver::fail(const QString& text) {
    why_ = QStringLiteral("%1: %2").arg(sync_, text);
    return false;
}

bool ChaosDriver::start() {
    consumer_ = launch(QStringLiteral("consumer"));
    if (!consumer_->waitReady(kReadyMs))
        return fail(QStringLiteral("consumer not ready: ") + fate(*consumer_));
    auto reader = SnapshotReader::openChannel(guard_.name(), std::chrono::milliseconds(kReadyMs));
    if (!reader)
        return fail(QString::fromStdString(reader.error().message));
    reader_ = std::make_unique<SnapshotReader>(std::move(*reader));
    producer_ = launch(QStringLiteral("producer"));
    if (!producer_->waitReady(kReadyMs))
        return fail(QStringLiteral("producer not ready: ") + fate(*producer_));
    return checkProgress(QStringLiteral("start"));
}

std::uint64_t ChaosDriver::lostToCrash() const {
    return reader_ ? reader_->take(false).total(Counter::LostToCrash) : 0;
}

bool ChaosDriver::checkChannel(const QString& after) {
    const ChannelSnapshot snapshot = reader_->take(false);
    if (const std::uint64_t corrupt = snapshot.total(Counter::Corrupt); corrupt != 0)
        return fail(
            QStringLiteral("%1 corrupt messages delivered after %2").arg(corrupt).arg(after));
    return true;
}

// The consumer keeps receiving: its count grows within the stall timeout plus slack.
bool ChaosDriver::checkProgress(const QString& after) {
    const std::uint64_t before = liveConsumerMessages(reader_->take(false));
    QElapsedTimer timer;
    timer.start();
    while (liveConsumerMessages(reader_->take(false)) <= before) {
        if (timer.elapsed() > kRecoveryMs)
            return fail(QStringLiteral("no message delivered for %1 ms after %2 (%3)")
                            .arg(kRecoveryMs)
                            .arg(after, describe(reader_->take(true))));
        QTest::qWait(kPollMs);
    }
    return checkChannel(after);
}

bool ChaosDriver::killRound(const QString& role, const QString& point) {
    std::unique_ptr<WorkerProcess>& process = current(role);

    // A kill at a random moment of the running process.
    QTest::qWait(std::uniform_int_distribution<int>(0, kMaxRandomDelayMs)(random_));
    process->kill();
    if (!process->waitExit(kRecoveryMs))
        return fail(role + QStringLiteral(" did not die"));
    ++kills_[role + QStringLiteral(":random")];
    ++randomKills_;
    if (!checkChannel(role + QStringLiteral(" killed at random")))
        return false;

    // A victim that kills itself at the crash point.
    const int passes = std::uniform_int_distribution<int>(1, kMaxPasses)(random_);
    const QString label = QStringLiteral("%1 at %2:%3").arg(role, point).arg(passes);
    process = launch(role, QStringLiteral("%1:%2").arg(point).arg(passes));
    if (!process->waitExit(kCrashPointMs))
        return fail(label + QStringLiteral(": crash point never reached"));
    if (!process->crashed())
        return fail(label + QStringLiteral(": exited %1 instead of dying: %2")
                                .arg(process->exitCode())
                                .arg(process->standardError().trimmed()));
    ++kills_[role + QLatin1Char(':') + point];
    if (leavesClaim(sync_, point))
        ++claimKills_;
    if (!checkChannel(label))
        return false;

    // Its successor takes over and the channel goes on.
    process = launch(role);
    if (!process->waitReady(kReadyMs))
        return fail(
            QStringLiteral("successor %1 after %2 not ready: %3").arg(role, label, fate(*process)));
    return checkProgress(label);
}

bool ChaosDriver::finish() {
    producer_->terminate();
    if (!producer_->waitExit(kRecoveryMs))
        return fail(QStringLiteral("producer hung at SIGTERM"));
    if (producer_->crashed() || producer_->exitCode() != 0)
        return fail(QStringLiteral("producer ended badly: ") + producer_->standardError());
    // Claims left by the dead are repaired when a survivor waits on them: the consumer drains.
    QElapsedTimer timer;
    timer.start();
    while (static_cast<int>(lostToCrash()) < claimKills_ && timer.elapsed() < kRecoveryMs)
        QTest::qWait(kPollMs);
    consumer_->terminate();
    if (!consumer_->waitExit(kRecoveryMs))
        return fail(QStringLiteral("consumer hung at SIGTERM"));
    if (consumer_->crashed() || consumer_->exitCode() != 0)
        return fail(QStringLiteral("consumer ended badly: ") + consumer_->standardError());
    const QJsonObject summary = consumer_->summary();
    if (summary.value(QStringLiteral("corrupt")).toInteger(-1) != 0)
        return fail(QStringLiteral("consumer summary: corrupt %1")
                        .arg(summary.value(QStringLiteral("corrupt")).toInteger(-1)));
    return checkChannel(QStringLiteral("the end"));
}

} // namespace shmscope::test
