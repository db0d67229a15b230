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
constexpr int kSlots = 8;
const QString kSlotSize = QStringLiteral("4KiB");
const QString kRate = QStringLiteral("5000");

// Messages delivered so far by each consumer alive now, by pid (their own records, never folded).
std::map<std::uint32_t, std::uint64_t> liveConsumerMessages(const ChannelSnapshot& snapshot) {
    std::map<std::uint32_t, std::uint64_t> messages;
    for (const RecordSnapshot& record : snapshot.records)
        if (record.alive && record.role == Role::Consumer)
            messages[record.pid] = record.counter(Counter::Messages);
    return messages;
}

// Messages committed by the producers alive now.
std::uint64_t liveProducerMessages(const ChannelSnapshot& snapshot) {
    std::uint64_t messages = 0;
    for (const RecordSnapshot& record : snapshot.records)
        if (record.alive && record.role == Role::Producer)
            messages += record.counter(Counter::Messages);
    return messages;
}

// True when every consumer of `before` is still alive and has delivered more since.
bool everyConsumerProgressed(const std::map<std::uint32_t, std::uint64_t>& before,
                             const std::map<std::uint32_t, std::uint64_t>& now) {
    for (const auto& [pid, messages] : before) {
        const auto found = now.find(pid);
        if (found == now.end() || found->second <= messages)
            return false;
    }
    return true;
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
bool leavesClaim(const ChaosSetup& setup, const QString& point) {
    return setup.name == QStringLiteral("mpmc") && point != QStringLiteral("random") &&
           point != QStringLiteral("holding-lock");
}

} // namespace

ChaosDriver::ChaosDriver(ChaosSetup setup, std::uint32_t seed)
    : setup_(std::move(setup)), guard_(uniqueChannelName("chaos")), random_(seed),
      consumers_(static_cast<std::size_t>(setup_.consumers)) {}

ChaosDriver::~ChaosDriver() {
    producer_.reset();
    consumers_.clear();
    reader_.reset();
}

QStringList ChaosDriver::arguments(const QString& role, int consumer) const {
    QStringList args{QStringLiteral("--role"),
                     role,
                     QStringLiteral("--channel"),
                     guard_.qname(),
                     QStringLiteral("--create"),
                     QStringLiteral("--slots"),
                     QString::number(kSlots),
                     QStringLiteral("--slot-size"),
                     kSlotSize,
                     QStringLiteral("--stall-timeout"),
                     QString::number(kStallTimeoutMs / 1000)};
    args << setup_.channelFlags;
    if (role == QStringLiteral("producer")) {
        args << QStringLiteral("--msg-size") << setup_.messageSize << QStringLiteral("--rate")
             << kRate;
    } else if (consumer < setup_.consumerRates.size() &&
               !setup_.consumerRates.at(consumer).isEmpty()) {
        args << QStringLiteral("--rate") << setup_.consumerRates.at(consumer);
    }
    return args;
}

std::unique_ptr<WorkerProcess> ChaosDriver::launch(const QString& role, int consumer,
                                                   const QString& crashPoint) {
    return std::make_unique<WorkerProcess>(arguments(role, consumer), crashPoint);
}

std::unique_ptr<WorkerProcess>& ChaosDriver::process(const QString& role, int consumer) {
    return role == QStringLiteral("producer") ? producer_
                                              : consumers_.at(static_cast<std::size_t>(consumer));
}

bool ChaosDriver::fail(const QString& text) {
    why_ = QStringLiteral("%1: %2").arg(setup_.name, text);
    return false;
}

bool ChaosDriver::start() {
    for (int index = 0; index < setup_.consumers; ++index) {
        std::unique_ptr<WorkerProcess>& consumer = process(QStringLiteral("consumer"), index);
        consumer = launch(QStringLiteral("consumer"), index);
        if (!consumer->waitReady(kReadyMs))
            return fail(
                QStringLiteral("consumer %1 not ready: %2").arg(index).arg(fate(*consumer)));
    }
    auto reader = SnapshotReader::openChannel(guard_.name(), std::chrono::milliseconds(kReadyMs));
    if (!reader)
        return fail(QString::fromStdString(reader.error().message));
    reader_ = std::make_unique<SnapshotReader>(std::move(*reader));
    producer_ = launch(QStringLiteral("producer"), 0);
    if (!producer_->waitReady(kReadyMs))
        return fail(QStringLiteral("producer not ready: ") + fate(*producer_));
    return checkProgress(QStringLiteral("start"));
}

std::uint64_t ChaosDriver::total(Counter counter) const {
    return reader_ ? reader_->take(false).total(counter) : 0;
}

// No consumer delivered a corrupt message; under broadcast, none delivered a message out of
// order either (which a slot overwritten while being read would show as).
bool ChaosDriver::checkChannel(const QString& after) {
    const ChannelSnapshot snapshot = reader_->take(false);
    if (const std::uint64_t corrupt = snapshot.total(Counter::Corrupt); corrupt != 0)
        return fail(
            QStringLiteral("%1 corrupt messages delivered after %2").arg(corrupt).arg(after));
    if (const std::uint64_t reordered = snapshot.total(Counter::Reordered);
        setup_.broadcast && reordered != 0)
        return fail(QStringLiteral("%1 messages delivered out of order after %2")
                        .arg(reordered)
                        .arg(after));
    return true;
}

// Every live consumer keeps receiving: its count grows within the stall timeout plus slack.
bool ChaosDriver::checkProgress(const QString& after) {
    const auto before = liveConsumerMessages(reader_->take(false));
    QElapsedTimer timer;
    timer.start();
    while (!everyConsumerProgressed(before, liveConsumerMessages(reader_->take(false)))) {
        if (timer.elapsed() > kRecoveryMs)
            return fail(QStringLiteral("a consumer delivered nothing for %1 ms after %2 (%3)")
                            .arg(kRecoveryMs)
                            .arg(after, describe(reader_->take(true))));
        QTest::qWait(kPollMs);
    }
    return checkChannel(after);
}

// Broadcast, with a consumer dead and not yet replaced: its cursor leaves the gate, so the
// producer commits more than a ring's worth of messages and the other consumers keep receiving.
bool ChaosDriver::checkProducerPassesDead(const QString& after) {
    const ChannelSnapshot start = reader_->take(false);
    const std::uint64_t committed = liveProducerMessages(start);
    const auto delivered = liveConsumerMessages(start);
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        const ChannelSnapshot now = reader_->take(false);
        if (liveProducerMessages(now) > committed + kSlots &&
            everyConsumerProgressed(delivered, liveConsumerMessages(now)))
            return checkChannel(after);
        if (timer.elapsed() > kRecoveryMs)
            return fail(QStringLiteral("producer or consumers stuck for %1 ms after %2 (%3)")
                            .arg(kRecoveryMs)
                            .arg(after, describe(reader_->take(true))));
        QTest::qWait(kPollMs);
    }
}

bool ChaosDriver::killRound(const QString& role, const QString& point) {
    const int consumer = role == QStringLiteral("consumer")
                             ? std::uniform_int_distribution<int>(0, setup_.consumers - 1)(random_)
                             : 0;
    // With other consumers left, the producer must not wait for the dead one.
    const bool producerGoesOn =
        setup_.broadcast && role == QStringLiteral("consumer") && setup_.consumers > 1;
    std::unique_ptr<WorkerProcess>& victim = process(role, consumer);

    // A kill at a random moment of the running process.
    QTest::qWait(std::uniform_int_distribution<int>(0, kMaxRandomDelayMs)(random_));
    victim->kill();
    if (!victim->waitExit(kRecoveryMs))
        return fail(role + QStringLiteral(" did not die"));
    ++kills_[role + QStringLiteral(":random")];
    ++randomKills_;
    const QString randomLabel = role + QStringLiteral(" killed at random");
    if (!(producerGoesOn ? checkProducerPassesDead(randomLabel) : checkChannel(randomLabel)))
        return false;

    // A victim that kills itself at the crash point.
    const int passes = std::uniform_int_distribution<int>(1, kMaxPasses)(random_);
    const QString label = QStringLiteral("%1 at %2:%3").arg(role, point).arg(passes);
    victim = launch(role, consumer, QStringLiteral("%1:%2").arg(point).arg(passes));
    if (!victim->waitExit(kCrashPointMs)) {
        // The workload did not pass the point N times in time (a paced peer, a wait for a
        // successor): that says nothing about recovery, so this round's kill is a random one.
        qInfo("%s: not reached within %d s, killed at a random moment instead", qPrintable(label),
              kCrashPointMs / 1000);
        victim->kill();
        if (!victim->waitExit(kRecoveryMs))
            return fail(label + QStringLiteral(": did not die"));
        ++kills_[role + QStringLiteral(":random")];
        ++randomKills_;
        ++unreached_;
        if (!(producerGoesOn ? checkProducerPassesDead(label) : checkChannel(label)))
            return false;
        victim = launch(role, consumer);
        if (!victim->waitReady(kReadyMs))
            return fail(QStringLiteral("successor %1 after %2 not ready: %3").arg(role, label, fate(*victim)));
        return checkProgress(label);
    }
    if (!victim->crashed())
        return fail(label + QStringLiteral(": exited %1 instead of dying: %2")
                                .arg(victim->exitCode())
                                .arg(victim->standardError().trimmed()));
    ++kills_[role + QLatin1Char(':') + point];
    if (leavesClaim(setup_, point))
        ++claimKills_;
    if (!(producerGoesOn ? checkProducerPassesDead(label) : checkChannel(label)))
        return false;

    // Its successor takes over and the channel goes on.
    victim = launch(role, consumer);
    if (!victim->waitReady(kReadyMs))
        return fail(
            QStringLiteral("successor %1 after %2 not ready: %3").arg(role, label, fate(*victim)));
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
    while (static_cast<int>(total(Counter::LostToCrash)) < claimKills_ &&
           timer.elapsed() < kRecoveryMs)
        QTest::qWait(kPollMs);
    for (std::unique_ptr<WorkerProcess>& consumer : consumers_)
        consumer->terminate();
    for (std::unique_ptr<WorkerProcess>& consumer : consumers_) {
        if (!consumer->waitExit(kRecoveryMs))
            return fail(QStringLiteral("consumer hung at SIGTERM"));
        if (consumer->crashed() || consumer->exitCode() != 0)
            return fail(QStringLiteral("consumer ended badly: ") + consumer->standardError());
        const QJsonObject summary = consumer->summary();
        if (summary.value(QStringLiteral("corrupt")).toInteger(-1) != 0)
            return fail(QStringLiteral("consumer summary: corrupt %1")
                            .arg(summary.value(QStringLiteral("corrupt")).toInteger(-1)));
    }
    return checkChannel(QStringLiteral("the end"));
}

} // namespace shmscope::test
