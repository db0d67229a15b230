// Undo and redo of live worker changes, over real shmscope-worker processes: what the process
// table shows after Ctrl+Z is what the worker does.
#include "live_changes.hpp"
#include "scenarios.hpp"
#include "session.hpp"
#include "test_channel.hpp"

#include <QTest>
#include <QUndoStack>

using namespace shmscope::gui;

namespace {

constexpr int kStartMs = 30'000; // generous: workers start under load
constexpr int kStopMs = 30'000;
constexpr int kDataMs = 30'000;

const shmscope::widgets::ProcessRow* rowOf(Session& session, int id) {
    return session.processes().rowAt(session.processes().rowOf(QStringLiteral("w%1").arg(id)));
}

int firstProducer(Session& session) {
    for (const int id : session.supervisor().ids()) {
        if (session.supervisor().worker(id)->spec.role == QLatin1String("producer"))
            return id;
    }
    return -1;
}

struct StopAtEnd {
    Session& session;
    ~StopAtEnd() {
        session.stop();
        (void)QTest::qWaitFor([this] { return session.mode() == Session::Mode::Idle; }, kStopMs);
    }
};

} // namespace

class tst_LiveChanges : public QObject {
    Q_OBJECT
private slots:
    void undoAndRedoReachTheWorker();
};

void tst_LiveChanges::undoAndRedoReachTheWorker() {
    Session session;
    LiveChanges changes(session);
    StopAtEnd stopAtEnd{session};
    QVERIFY(session.start(demoScenario()));
    shmscope::test::ChannelGuard guard(session.channelName().toStdString());
    QTRY_COMPARE_WITH_TIMEOUT(session.mode(), Session::Mode::Running, kStartMs);
    const int producer = firstProducer(session);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer) && rowOf(session, producer)->messages > 0,
                             kDataMs);
    const std::uint64_t startRate = demoScenario().workers.front().rateHz;
    QCOMPARE(changes.controls(producer).rateHz, startRate);
    QVERIFY(!changes.stack()->canUndo());

    // Pause: one undo step, and the worker stops producing.
    QString error;
    QVERIFY2(changes.togglePause(producer, &error), qPrintable(error));
    QCOMPARE(changes.stack()->count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer)->message.isEmpty() &&
                                 rowOf(session, producer)->state == QStringLiteral("paused"),
                             kDataMs);

    // A rate change is a second step.
    ControlChange slower;
    slower.rateHz = 1000;
    QVERIFY2(changes.apply(producer, slower, &error), qPrintable(error));
    QCOMPARE(changes.stack()->count(), 2);
    QCOMPARE(changes.controls(producer).rateHz, std::uint64_t{1000});

    // Ctrl+Z twice: the start rate again, and the worker runs again.
    changes.stack()->undo();
    QCOMPARE(changes.controls(producer).rateHz, startRate);
    QVERIFY(changes.controls(producer).paused);
    changes.stack()->undo();
    QVERIFY(!changes.controls(producer).paused);
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer)->message.isEmpty() &&
                                 rowOf(session, producer)->state != QStringLiteral("paused"),
                             kDataMs);
    const auto running = rowOf(session, producer)->messages;
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer)->messages > running, kDataMs);

    // Ctrl+Shift+Z: paused again.
    changes.stack()->redo();
    QTRY_VERIFY_WITH_TIMEOUT(rowOf(session, producer)->message.isEmpty() &&
                                 rowOf(session, producer)->state == QStringLiteral("paused"),
                             kDataMs);

    // A change that sends nothing new is no step.
    ControlChange same;
    same.paused = true;
    QVERIFY(changes.apply(producer, same, &error));
    QCOMPARE(changes.stack()->index(), 1);
}

QTEST_MAIN(tst_LiveChanges)
#include "tst_live_changes.moc"
