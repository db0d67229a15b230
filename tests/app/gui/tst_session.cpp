// A Session without any window, over real shmscope-worker processes.
#include "scenarios.hpp"
#include "session.hpp"
#include "test_channel.hpp"

#include "child_process.hpp"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace shmscope::gui;
using shmscope::widgets::ProcessTableModel;

namespace {

constexpr int kStartMs = 30'000; // generous: workers start under load
constexpr int kStopMs = 30'000;
constexpr int kDataMs = 30'000;

QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

double summed(const QJsonArray& summaries, const QString& role, const QString& key) {
    double sum = 0;
    for (const QJsonValue& value : summaries) {
        if (value.toObject().value(QStringLiteral("role")).toString() == role)
            sum += value.toObject().value(key).toDouble();
    }
    return sum;
}

// The row of launcher id `id`, or nullptr.
const shmscope::widgets::ProcessRow* rowOf(Session& session, int id) {
    return session.processes().rowAt(session.processes().rowOf(QStringLiteral("w%1").arg(id)));
}

int firstWorker(Session& session, const QString& role) {
    for (const int id : session.supervisor().ids()) {
        if (session.supervisor().worker(id)->spec.role == role)
            return id;
    }
    return -1;
}

bool allReady(Session& session) {
    const auto ids = session.supervisor().ids();
    return ids.size() == demoScenario().workers.size() &&
           std::all_of(ids.begin(), ids.end(), [&](int id) {
               return session.supervisor().worker(id)->status == WorkerStatus::Running;
           });
}

// Stops the session and waits for it, whatever a test did.
struct StopAtEnd {
    Session& session;
    ~StopAtEnd() {
        session.stop();
        (void)QTest::qWaitFor([this] { return session.mode() == Session::Mode::Idle; }, kStopMs);
    }
};

} // namespace

class tst_Session : public QObject {
    Q_OBJECT
private slots:
    void configRoundTripsThroughJson();
    void demoTotalsAgreeWithTheWorkersSummaries();
    void killedWorkerReadsDead();
    void workerThatCannotStartShowsTheFailure();
    void readOnlyAttachLeavesTheChannelUnchanged();
    void liveChangeIsAppliedByTheWorker();
    void fileChannelIsWatched();
};

void tst_Session::configRoundTripsThroughJson() {
    const SessionConfig demo = demoScenario();
    QString error;
    const auto back = fromJson(toJson(demo), &error);
    QVERIFY2(back.has_value(), qPrintable(error));
    QCOMPARE(back->channel, demo.channel);
    QCOMPARE(back->workers, demo.workers);
    QVERIFY(!fromJson(QJsonObject{{QStringLiteral("workers"), QJsonArray{}}}, &error).has_value());
    QVERIFY(!error.isEmpty());
    QCOMPARE(
        workerArguments(demo.channel, demo.workers.front(), QStringLiteral("x"), true, 5).mid(0, 6),
        (QStringList{"--role", "producer", "--channel", "x", "--create", "--sync"})); // no --keep
}

void tst_Session::demoTotalsAgreeWithTheWorkersSummaries() {
    Session session;
    StopAtEnd stopAtEnd{session};
    QString error;
    QVERIFY2(session.start(demoScenario(), &error), qPrintable(error));
    const std::string channel = session.channelName().toStdString();
    QTRY_COMPARE_WITH_TIMEOUT(session.mode(), Session::Mode::Running, kStartMs);
    // Every worker said ready (its signal handlers are in place, so SIGTERM yields a summary).
    QTRY_VERIFY_WITH_TIMEOUT(allReady(session), kStartMs);
    QTRY_VERIFY_WITH_TIMEOUT(!session.history().empty() &&
                                 session.history().frames().back().consumedMessages > 1000,
                             kDataMs);
    QSignalSpy stopped(&session, &Session::stopped);
    session.stop();
    QTRY_COMPARE_WITH_TIMEOUT(stopped.count(), 1, kStopMs);

    const QJsonArray summaries = session.workerSummaries();
    QCOMPARE(summaries.size(), 4);
    const auto& last = session.history().frames().back();
    // Within one snapshot period's worth of messages of the workers' own counts.
    const double period = session.monitor().intervalMs() / 1000.0;
    for (const QString& role : {QStringLiteral("producer"), QStringLiteral("consumer")}) {
        const double own = summed(summaries, role, QStringLiteral("messages"));
        const double shown = static_cast<double>(
            role == QLatin1String("producer") ? last.producedMessages : last.consumedMessages);
        const double slack = summed(summaries, role, QStringLiteral("msgs_per_s")) * period + 1.0;
        QVERIFY2(
            std::abs(shown - own) <= slack,
            qPrintable(QStringLiteral("%1: shown %2, summaries %3").arg(role).arg(shown).arg(own)));
    }
    QVERIFY2(!shmscope::test::channelExists(channel),
             "the session must remove the channel it created");
}

void tst_Session::killedWorkerReadsDead() {
    Session session;
    StopAtEnd stopAtEnd{session};
    QVERIFY(session.start(demoScenario()));
    shmscope::test::ChannelGuard guard(session.channelName().toStdString());
    QTRY_COMPARE_WITH_TIMEOUT(session.mode(), Session::Mode::Running, kStartMs);
    const int consumer = firstWorker(session, QStringLiteral("consumer"));
    QVERIFY(consumer >= 0);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, consumer) && rowOf(session, consumer)->alive &&
                                 rowOf(session, consumer)->messages > 0,
                             kDataMs);
    session.killWorker(consumer);
    QTRY_VERIFY_WITH_TIMEOUT(!rowOf(session, consumer)->alive, kDataMs);
    const auto* row = rowOf(session, consumer);
    QVERIFY2(row->state.contains(QLatin1String("signal 9")), qPrintable(row->state));
    QVERIFY(row->failed);
    const int aliveColumn = static_cast<int>(ProcessTableModel::Column::Alive);
    QCOMPARE(session.processes()
                 .index(session.processes().rowOf(row->key), aliveColumn)
                 .data()
                 .toString(),
             QStringLiteral("dead"));
}

void tst_Session::workerThatCannotStartShowsTheFailure() {
    Session session;
    StopAtEnd stopAtEnd{session};
    session.supervisor().setWorkerProgram(QStringLiteral("/nonexistent/shmscope-worker"));
    QSignalSpy failures(&session, &Session::failure);
    QVERIFY(session.start(demoScenario()));
    shmscope::test::ChannelGuard guard(session.channelName().toStdString());
    QTRY_VERIFY_WITH_TIMEOUT(failures.count() >= 1, kStartMs);
    QTRY_COMPARE_WITH_TIMEOUT(session.mode(), Session::Mode::Idle, kStopMs);
    QCOMPARE(session.processes().rowCount(), 1);
    const auto* row = session.processes().rowAt(0);
    QVERIFY(row->failed);
    QVERIFY(!row->alive);
    QVERIFY2(row->message.contains(QLatin1String("failed to start")), qPrintable(row->message));
    QVERIFY(failures.front().front().toString().contains(QLatin1String("failed to start")));
}

void tst_Session::readOnlyAttachLeavesTheChannelUnchanged() {
    // A quiet channel: a producer puts a few messages into it and leaves it in place.
    shmscope::test::ChannelGuard guard(shmscope::test::uniqueChannelName("gui-attach"));
    QProcess producer;
    shmscope::test::dieWithTest(producer);
    producer.start(QCoreApplication::applicationDirPath() + QStringLiteral("/shmscope-worker"),
                   {QStringLiteral("--role"), QStringLiteral("producer"),
                    QStringLiteral("--channel"), guard.qname(), QStringLiteral("--create"),
                    QStringLiteral("--keep"), QStringLiteral("--slots"), QStringLiteral("8"),
                    QStringLiteral("--slot-size"), QStringLiteral("4KiB"),
                    QStringLiteral("--msg-size"), QStringLiteral("4KiB"), QStringLiteral("--count"),
                    QStringLiteral("4")});
    QVERIFY(producer.waitForFinished(kStartMs));
    QCOMPARE(producer.exitCode(), 0);
    const QString data = QStringLiteral("/dev/shm/shmscope.%1").arg(guard.qname());
    const QByteArray before = readAll(data);
    const QByteArray controlBefore = readAll(data + QStringLiteral(".ctl"));
    QVERIFY(!before.isEmpty());

    Session session;
    QString error;
    QVERIFY2(session.attach(guard.qname(), &error), qPrintable(error));
    QCOMPARE(session.mode(), Session::Mode::Attached);
    QTRY_VERIFY_WITH_TIMEOUT(session.history().frames().size() >= 10, kDataMs);
    QCOMPARE(session.history().frames().back().producedMessages, quint64(4));
    QCOMPARE(session.processes().rowCount(), 1); // the departed producer's record is still shown
    session.stop();
    QCOMPARE(session.mode(), Session::Mode::Idle);

    QVERIFY2(readAll(data) == before, "attaching read-only changed the channel's bytes");
    QVERIFY(readAll(data + QStringLiteral(".ctl")) == controlBefore);
    QVERIFY2(shmscope::test::channelExists(guard.name()),
             "an attached channel is not the session's to remove");
}

void tst_Session::liveChangeIsAppliedByTheWorker() {
    Session session;
    StopAtEnd stopAtEnd{session};
    QVERIFY(session.start(demoScenario()));
    shmscope::test::ChannelGuard guard(session.channelName().toStdString());
    QTRY_COMPARE_WITH_TIMEOUT(session.mode(), Session::Mode::Running, kStartMs);
    const int producer = firstWorker(session, QStringLiteral("producer"));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer) && rowOf(session, producer)->messages > 0,
                             kDataMs);

    ControlChange pause;
    pause.paused = true;
    QString error;
    QVERIFY2(session.applyControl(producer, pause, &error), qPrintable(error));
    // Until the worker acknowledges the generation the row says so; then it reads paused.
    QCOMPARE(rowOf(session, producer)->message, QStringLiteral("applying…"));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer)->message.isEmpty() &&
                                 rowOf(session, producer)->state == QStringLiteral("paused"),
                             kDataMs);
    const auto frozen = rowOf(session, producer)->messages;
    const std::size_t seen = session.history().frames().size();
    QTRY_VERIFY_WITH_TIMEOUT(session.history().frames().size() >= seen + 10,
                             kDataMs); // 10 snapshots later
    QCOMPARE(rowOf(session, producer)->messages, frozen);

    ControlChange resume;
    resume.paused = false;
    resume.rateHz = 1000;
    QVERIFY2(session.applyControl(producer, resume, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer)->messages > frozen, kDataMs);
    bool changeMarked = false;
    for (const auto& event : session.history().events())
        changeMarked = changeMarked || event.kind == shmscope::widgets::EventKind::SettingChanged;
    QVERIFY(changeMarked);
}

// The file transport with its path: every worker is told the file, the session watches it, and
// messages flow (the dock used to offer the transport without a path, and the session then
// looked for the channel in /dev/shm).
void tst_Session::fileChannelIsWatched() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    SessionConfig config = demoScenario();
    config.scenario = QStringLiteral("file");
    config.channel.transport = QStringLiteral("file");
    config.channel.path = dir.filePath(QStringLiteral("ring.data"));
    Session session;
    StopAtEnd stopAtEnd{session};
    QString error;
    QVERIFY2(session.start(config, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(session.mode(), Session::Mode::Running, kStartMs);
    QTRY_VERIFY_WITH_TIMEOUT(allReady(session), kStartMs);
    QTRY_VERIFY_WITH_TIMEOUT(!session.history().empty() &&
                                 session.history().frames().back().consumedMessages > 1000,
                             kDataMs);
    QCOMPARE(session.history().frames().back().slotCount, config.channel.slotCount);
    QVERIFY(QFileInfo::exists(config.channel.path));
}

QTEST_MAIN(tst_Session)
#include "tst_session.moc"
