// Ring occupancy as the desktop application shows it, for every strategy: a producer blocked on
// a full ring of 8 slots with no consumer reads "8 of 8 slots in use" in the Session's frames
// and in the Occupancy panel, as `shmscope-stat --once` reports it. The lock-based strategies
// (mutex, semaphore, boost-mutex) keep the count in their slot words rather than in head and tail.
#include "contention_panel.hpp"
#include "frame_clock.hpp"
#include "metrics_history.hpp"
#include "occupancy_panel.hpp"
#include "session.hpp"
#include "test_channel.hpp"
#include "time_axis.hpp"

#include "child_process.hpp"

#include <QLabel>
#include <QProcess>
#include <QTest>
#include <algorithm>

using namespace shmscope::gui;
using shmscope::test::ChannelGuard;
using shmscope::test::uniqueChannelName;

namespace {

constexpr int kDeadlineMs = 30'000;
constexpr int kSlots = 8;

bool summaryShows(const QWidget& panel, const QString& text) {
    for (const QLabel* label : panel.findChildren<QLabel*>()) {
        if (label->text().contains(text))
            return true;
    }
    return false;
}

} // namespace

// Feeds a Session's frames and slot samples to an Occupancy panel, as the main window does,
// keeping the last frame.
struct Watcher {
    shmscope::widgets::TimeAxis axis;
    shmscope::widgets::FrameClock clock;
    shmscope::widgets::OccupancyPanel panel{&axis, &clock};
    shmscope::widgets::MetricsFrame last;

    explicit Watcher(Session& session) {
        QObject::connect(&session, &Session::frameAdded, &panel,
                         [this](const shmscope::widgets::MetricsFrame& frame) {
                             last = frame;
                             panel.addFrame(frame);
                         });
        QObject::connect(&session, &Session::slotsSampled, &panel,
                         [this](const shmscope::widgets::ChannelSample& sample) { panel.setSlots(sample); });
    }
};

void addStrategies() {
    QTest::addColumn<QString>("sync");
    for (const char* sync : {"mutex", "semaphore", "boost-mutex", "spsc", "mpmc"})
        QTest::newRow(sync) << QString::fromLatin1(sync);
}

class tst_LockOccupancy : public QObject {
    Q_OBJECT
private slots:
    void fullRingReadsFull_data() { addStrategies(); }
    void fullRingReadsFull();
    void sessionWorkersFillTheRing_data() { addStrategies(); }
    void sessionWorkersFillTheRing();
    void leakedSemaphoreSlotsShowInContention();
    void summaryAgreesWithCells_data() { addStrategies(); }
    void summaryAgreesWithCells();
};

void tst_LockOccupancy::fullRingReadsFull() {
    QFETCH(QString, sync);
    ChannelGuard channel(uniqueChannelName("occupancy"));
    QProcess producer;
    shmscope::test::dieWithTest(producer);
    producer.start(QCoreApplication::applicationDirPath() + QStringLiteral("/shmscope-worker"),
                   {QStringLiteral("--role"), QStringLiteral("producer"),
                    QStringLiteral("--channel"), channel.qname(), QStringLiteral("--create"),
                    QStringLiteral("--sync"), sync, QStringLiteral("--slots"),
                    QString::number(kSlots), QStringLiteral("--slot-size"), QStringLiteral("64"),
                    QStringLiteral("--msg-size"), QStringLiteral("64"), QStringLiteral("--json")});
    QByteArray out;
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += producer.readAllStandardOutput();
            return out.contains("\"ready\"");
        },
        kDeadlineMs));

    Session session;
    Watcher watcher(session);
    const shmscope::widgets::MetricsFrame& last = watcher.last;
    QString error;
    QVERIFY2(session.attach(channel.qname(), &error), qPrintable(error));
    // The producer fills the ring and blocks: every slot holds a message nobody reads.
    QTRY_COMPARE_WITH_TIMEOUT(last.occupiedSlots, std::uint64_t{kSlots}, kDeadlineMs);
    QCOMPARE(last.slotCount, std::uint32_t{kSlots});
    QCOMPARE(last.highWaterSlots, std::uint64_t{kSlots});
    QTRY_VERIFY_WITH_TIMEOUT(summaryShows(watcher.panel, QStringLiteral("8 of 8 slot")),
                             kDeadlineMs);

    session.stop();
    producer.kill();
    producer.waitForFinished();
}

// The same through the session's own worker: a producer alone on a channel the GUI created.
void tst_LockOccupancy::sessionWorkersFillTheRing() {
    QFETCH(QString, sync);
    SessionConfig config;
    config.scenario = QStringLiteral("occupancy");
    config.channel.sync = sync;
    config.channel.slotCount = kSlots;
    config.channel.slotBytes = 64;
    WorkerSpec producer;
    producer.messageBytes = 64;
    config.workers = {producer};
    Session session;
    Watcher watcher(session);
    QString error;
    QVERIFY2(session.start(config, &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(watcher.last.occupiedSlots, std::uint64_t{kSlots}, kDeadlineMs);
    QTRY_VERIFY_WITH_TIMEOUT(summaryShows(watcher.panel, QStringLiteral("8 of 8 slot")),
                             kDeadlineMs);
    session.stop();
    QTRY_VERIFY_WITH_TIMEOUT(session.mode() == Session::Mode::Idle, kDeadlineMs);
}

// Producers killed between sem_wait(empty) and sem_post(full) (crash point after-claim) take a
// free slot each: the contention panel names the dead processes, as shmscope-stat does.
void tst_LockOccupancy::leakedSemaphoreSlotsShowInContention() {
    ChannelGuard channel(uniqueChannelName("occupancy"));
    const QString worker = QCoreApplication::applicationDirPath() + QStringLiteral("/shmscope-worker");
    const QStringList common = {QStringLiteral("--channel"), channel.qname(), QStringLiteral("--create"),
                                QStringLiteral("--keep"), QStringLiteral("--sync"), QStringLiteral("semaphore"),
                                QStringLiteral("--slots"), QStringLiteral("2"), QStringLiteral("--slot-size"),
                                QStringLiteral("64")};
    QList<qint64> dead;
    for (int i = 0; i < 2; ++i) {
        QProcess victim;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("SHMSCOPE_CRASH_POINT"), QStringLiteral("after-claim:1"));
        victim.setProcessEnvironment(environment);
        shmscope::test::dieWithTest(victim);
        victim.start(worker, QStringList{QStringLiteral("--role"), QStringLiteral("producer"),
                                         QStringLiteral("--msg-size"), QStringLiteral("64")} + common);
        QVERIFY(victim.waitForStarted());
        dead << victim.processId();
        QVERIFY(victim.waitForFinished(kDeadlineMs));
        QCOMPARE(victim.exitStatus(), QProcess::CrashExit);
    }

    Session session;
    shmscope::widgets::TimeAxis axis;
    shmscope::widgets::FrameClock clock;
    shmscope::widgets::ContentionPanel panel(&axis, &clock);
    panel.setStrategy(QStringLiteral("semaphore"));
    QObject::connect(&session, &Session::frameAdded, &panel,
                     [&panel](const shmscope::widgets::MetricsFrame& frame) { panel.addFrame(frame); });
    QString error;
    QVERIFY2(session.attach(channel.qname(), &error), qPrintable(error));
    for (const qint64 pid : dead)
        QTRY_VERIFY_WITH_TIMEOUT(
            summaryShows(panel, QStringLiteral("1 slot leaked by dead process %1").arg(pid)), kDeadlineMs);
    session.stop();
}

// Under full load, with producers and consumers racing, the count in the summary line, the cells
// and the head and tail markers of every slot sample describe the same ring.
void tst_LockOccupancy::summaryAgreesWithCells() {
    QFETCH(QString, sync);
    constexpr int kSamples = 20;
    SessionConfig config;
    config.scenario = QStringLiteral("agree");
    config.channel.sync = sync;
    config.channel.slotCount = 64;
    config.channel.slotBytes = 64;
    WorkerSpec producer;
    producer.messageBytes = 64;
    WorkerSpec consumer;
    consumer.role = QStringLiteral("consumer");
    consumer.messageBytes = 0;
    const bool single = sync == QLatin1String("spsc");
    config.workers = single ? std::vector<WorkerSpec>{producer, consumer}
                            : std::vector<WorkerSpec>{producer, producer, consumer, consumer};
    Session session;
    QStringList disagreements;
    int samples = 0;
    QObject::connect(&session, &Session::slotsSampled, &session,
                     [&](const shmscope::widgets::ChannelSample& sample) {
                         if (!sample.hasSlots)
                             return;
                         ++samples;
                         const auto& ring = sample.ring;
                         const auto inUse = static_cast<std::uint64_t>(
                             std::count_if(sample.slotStates.begin(), sample.slotStates.end(),
                                           [](shmscope::widgets::SlotKind kind) {
                                               return kind != shmscope::widgets::SlotKind::Free;
                                           }));
                         if (inUse != ring.occupiedSlots || ring.head < ring.tail ||
                             ring.head - ring.tail > ring.slotCount)
                             disagreements << QStringLiteral("%1 in use, %2 cells not free, "
                                                             "head %3, tail %4")
                                                  .arg(ring.occupiedSlots)
                                                  .arg(inUse)
                                                  .arg(ring.head)
                                                  .arg(ring.tail);
                     });
    QString error;
    QVERIFY2(session.start(config, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(samples >= kSamples, kDeadlineMs);
    session.stop();
    QTRY_VERIFY_WITH_TIMEOUT(session.mode() == Session::Mode::Idle, kDeadlineMs);
    QVERIFY2(disagreements.isEmpty(), qPrintable(disagreements.mid(0, 5).join(u'\n')));
}

QTEST_MAIN(tst_LockOccupancy)
#include "tst_lock_occupancy.moc"
