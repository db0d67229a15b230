// shmscope-worker as real processes: every strategy moves messages once, in order, intact; mpmc
// with 2+2 processes; the `none` race shows up as counted corruption; a lock holder killed at the
// holding-lock crash point is recovered (mutex) or reported (semaphore, boost-mutex); bad usage
// exits 2 with one line and creates nothing.
#include "test_channel.hpp"
#include "worker_process.hpp"

#include <QJsonArray>
#include <QTest>

using namespace shmscope::test;

namespace {

QStringList channelArgs(const ChannelGuard& guard, const QString& sync, int slotCount, const QString& slotSize)
{
    return {QStringLiteral("--channel"), guard.qname(), QStringLiteral("--create"), QStringLiteral("--sync"),
            sync, QStringLiteral("--slots"), QString::number(slotCount), QStringLiteral("--slot-size"), slotSize};
}

QStringList producerArgs(const QStringList& channel, const QString& msgSize, int count)
{
    return QStringList{QStringLiteral("--role"), QStringLiteral("producer")} + channel +
           QStringList{QStringLiteral("--msg-size"), msgSize, QStringLiteral("--count"), QString::number(count)};
}

QStringList consumerArgs(const QStringList& channel)
{
    return QStringList{QStringLiteral("--role"), QStringLiteral("consumer")} + channel;
}

} // namespace

class tst_Worker : public QObject {
    Q_OBJECT
private slots:
    void statOnceShowsRates();
    void semaphoreLeakIsReported();
    void exactlyOnceInOrder_data();
    void exactlyOnceInOrder();
    void mpmcTwoByTwo();
    void noneCountsTornMessages();
    void mutexHolderKilledIsRecovered();
    void deadLockOwnerIsReported_data();
    void deadLockOwnerIsReported();
    void badUsageExitsTwo_data();
    void badUsageExitsTwo();
    void absentChannelExitsOne();
    void sigtermEndsWithSummary();
    void statListsAndCleansUp();
};

void tst_Worker::exactlyOnceInOrder_data()
{
    QTest::addColumn<QString>("sync");
    QTest::addColumn<int>("slotCount");
    QTest::addColumn<QString>("size");
    QTest::addColumn<int>("count");
    for (const char* sync : {"spsc", "mpmc", "mutex", "semaphore", "boost-mutex"}) {
        QTest::addRow("%s 64B x4", sync) << sync << 4 << "64" << 20000;
        QTest::addRow("%s 4KiB x16", sync) << sync << 16 << "4KiB" << 5000;
        QTest::addRow("%s 1MiB x8", sync) << sync << 8 << "1MiB" << 300;
    }
}

void tst_Worker::exactlyOnceInOrder()
{
    QFETCH(QString, sync);
    QFETCH(int, slotCount);
    QFETCH(QString, size);
    QFETCH(int, count);
    ChannelGuard guard(uniqueChannelName("worker"));
    const QString slotSize = size == QStringLiteral("64") ? QStringLiteral("64") : size;
    const QStringList channel = channelArgs(guard, sync, slotCount, slotSize);
    WorkerProcess consumer(consumerArgs(channel));
    QVERIFY2(consumer.waitReady(), qPrintable(consumer.standardError()));
    WorkerProcess producer(producerArgs(channel, size, count));
    QVERIFY2(producer.waitExit(), "producer did not finish");
    QVERIFY2(consumer.waitExit(), "consumer did not finish after the producer closed");
    QCOMPARE(producer.exitCode(), 0);
    QCOMPARE(consumer.exitCode(), 0);
    const QJsonObject sent = producer.summary();
    const QJsonObject received = consumer.summary();
    QCOMPARE(counter(sent, "messages"), qint64(count));
    QCOMPARE(counter(received, "messages"), qint64(count));
    QCOMPARE(counter(received, "corrupt"), 0);
    QCOMPARE(counter(received, "gaps"), 0);
    QCOMPARE(counter(received, "reordered"), 0);
    QCOMPARE(counter(received, "drops"), 0);
    const QJsonObject entry = producerEntry(received, sent);
    QVERIFY(!entry.isEmpty());
    const QJsonObject own = sent.value(QStringLiteral("producers")).toArray().at(0).toObject();
    QCOMPARE(entry.value(QStringLiteral("count")).toInteger(), qint64(count));
    QCOMPARE(entry.value(QStringLiteral("first")).toInteger(), 1);
    QCOMPARE(entry.value(QStringLiteral("last")).toInteger(), qint64(count));
    QCOMPARE(entry.value(QStringLiteral("digest")).toString(), own.value(QStringLiteral("digest")).toString());
    QVERIFY(!channelExists(guard.name())); // the last one out removed it
}

void tst_Worker::mpmcTwoByTwo()
{
    constexpr int kCount = 20000;
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("mpmc"), 16, QStringLiteral("1KiB"));
    WorkerProcess consumerA(consumerArgs(channel)), consumerB(consumerArgs(channel));
    QVERIFY(consumerA.waitReady());
    QVERIFY(consumerB.waitReady());
    WorkerProcess producerA(producerArgs(channel, QStringLiteral("1KiB"), kCount));
    WorkerProcess producerB(producerArgs(channel, QStringLiteral("1KiB"), kCount));
    for (WorkerProcess* worker : {&producerA, &producerB, &consumerA, &consumerB}) {
        QVERIFY(worker->waitExit());
        QCOMPARE(worker->exitCode(), 0);
    }
    QCOMPARE(counter(consumerA.summary(), "messages") + counter(consumerB.summary(), "messages"), 2 * kCount);
    QCOMPARE(counter(consumerA.summary(), "corrupt") + counter(consumerB.summary(), "corrupt"), 0);
    QCOMPARE(counter(consumerA.summary(), "reordered") + counter(consumerB.summary(), "reordered"), 0);
    // Exactly once: per producer, the consumers' counts and digests add up to what it sent.
    for (WorkerProcess* producer : {&producerA, &producerB}) {
        QCOMPARE(counter(producer->summary(), "messages"), qint64(kCount));
        const QString differs = deliveredOnce({consumerA.summary(), consumerB.summary()}, producer->summary());
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
    }
}

void tst_Worker::noneCountsTornMessages()
{
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("none"), 2, QStringLiteral("64KiB"));
    WorkerProcess consumer(consumerArgs(channel) + QStringList{QStringLiteral("--duration"), QStringLiteral("3")});
    QVERIFY(consumer.waitReady());
    WorkerProcess producer(producerArgs(channel, QStringLiteral("64KiB"), 200000));
    QVERIFY(producer.waitExit());
    QVERIFY(consumer.waitExit());
    QCOMPARE(producer.exitCode(), 0);
    QCOMPARE(consumer.exitCode(), 0); // no crash, whatever it read
    const QJsonObject summary = consumer.summary();
    QVERIFY(counter(summary, "messages") >= 0);
    // Without synchronisation the consumer loses and tears messages; both are counted.
    QVERIFY2(counter(summary, "corrupt") + counter(summary, "gaps") > 0,
             qPrintable(QString::number(counter(summary, "corrupt"))));
}

void tst_Worker::mutexHolderKilledIsRecovered()
{
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("mutex"), 8, QStringLiteral("4KiB"));
    WorkerProcess consumer(consumerArgs(channel) + QStringList{QStringLiteral("--count"), QStringLiteral("1000")});
    QVERIFY(consumer.waitReady());
    WorkerProcess victim(producerArgs(channel, QStringLiteral("4KiB"), 100000), QStringLiteral("holding-lock:300"));
    QVERIFY(victim.waitExit());
    QVERIFY(victim.crashed()); // SIGKILLed inside the critical section
    WorkerProcess successor(producerArgs(channel, QStringLiteral("4KiB"), 100000));
    QVERIFY(successor.waitReady());
    QVERIFY2(consumer.waitExit(30000), "the lock of the dead holder was not recovered");
    QCOMPARE(consumer.exitCode(), 0);
    QCOMPARE(counter(consumer.summary(), "messages"), 1000);
    QCOMPARE(counter(consumer.summary(), "corrupt"), 0);
    successor.terminate(); // blocked on a full ring now that the consumer is gone
    QVERIFY(successor.waitExit(5000));
    QCOMPARE(successor.exitCode(), 0);
    // The channel went on after the crash: the consumer received the successor's messages.
    QVERIFY(!producerEntry(consumer.summary(), successor.summary()).isEmpty());
}

void tst_Worker::deadLockOwnerIsReported_data()
{
    QTest::addColumn<QString>("sync");
    QTest::newRow("semaphore") << "semaphore";
    QTest::newRow("boost-mutex") << "boost-mutex";
}

void tst_Worker::deadLockOwnerIsReported()
{
    QFETCH(QString, sync);
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, sync, 8, QStringLiteral("4KiB"));
    WorkerProcess consumer(consumerArgs(channel) + QStringList{QStringLiteral("--stall-timeout"), QStringLiteral("1")});
    QVERIFY(consumer.waitReady());
    WorkerProcess victim(producerArgs(channel, QStringLiteral("4KiB"), 100000), QStringLiteral("holding-lock:50"));
    QVERIFY(victim.waitExit());
    QVERIFY(victim.crashed());
    const qint64 deadPid = victim.pid() > 0 ? victim.pid() : -1;
    Q_UNUSED(deadPid);
    QVERIFY2(consumer.waitExit(20000), "consumer hung behind a dead lock owner");
    QCOMPARE(consumer.exitCode(), 1);
    QVERIFY2(consumer.standardError().contains(QStringLiteral("lock held by dead process")),
             qPrintable(consumer.standardError()));
    QCOMPARE(consumer.standardError().trimmed().count(QLatin1Char('\n')), 0); // one line
}

void tst_Worker::badUsageExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("flag");
    const QStringList base{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--create")};
    const auto channel = [](const QString& name) { return QStringList{QStringLiteral("--channel"), name}; };
    QTest::newRow("unknown flag") << base + channel("bad1") + QStringList{"--frobnicate"} << "--frobnicate";
    QTest::newRow("missing value") << base + channel("bad2") + QStringList{"--slots"} << "--slots";
    QTest::newRow("slots not power of two") << base + channel("bad3") + QStringList{"--slots", "12"} << "--slots";
    QTest::newRow("slot size zero") << base + channel("bad4") + QStringList{"--slot-size", "0"} << "--slot-size";
    QTest::newRow("msg size 1 TiB") << base + channel("bad5") + QStringList{"--msg-size", "1TiB"} << "--msg-size";
    QTest::newRow("negative size") << base + channel("bad6") + QStringList{"--msg-size", "-5"} << "--msg-size";
    QTest::newRow("slash in name") << base + channel("a/b") << "--channel";
    QTest::newRow("dotdot in name") << base + channel("a..b") << "--channel";
    QTest::newRow("space in name") << base + channel("a b") << "--channel";
    QTest::newRow("300 characters") << base + channel(QString(300, 'n')) << "--channel";
    QTest::newRow("bad combination") << base + channel("bad7") + QStringList{"--sync", "semaphore", "--backpressure", "drop-newest"} << "--backpressure";
    QTest::newRow("unknown sync") << base + channel("bad8") + QStringList{"--sync", "magic"} << "--sync";
    QTest::newRow("no role") << QStringList{"--channel", "bad9"} << "--role";
}

void tst_Worker::badUsageExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, flag);
    const ToolResult result = runTool("shmscope-worker", arguments);
    QCOMPARE(result.exitCode, 2);
    const QString line = result.err.trimmed();
    QVERIFY2(!line.isEmpty() && !line.contains(QLatin1Char('\n')), qPrintable(result.err));
    QVERIFY2(line.contains(flag), qPrintable(line));
    for (const char* name : {"bad1", "bad2", "bad3", "bad4", "bad5", "bad6", "bad7", "bad8", "bad9"})
        QVERIFY(!channelExists(name)); // nothing was created
}

void tst_Worker::absentChannelExitsOne()
{
    const ToolResult result = runTool("shmscope-worker", {QStringLiteral("--role"), QStringLiteral("consumer"),
                                                          QStringLiteral("--channel"),
                                                          QString::fromStdString(uniqueChannelName("absent")),
                                                          QStringLiteral("--attach-timeout"), QStringLiteral("0.2")});
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(QStringLiteral("not found")), qPrintable(result.err));
}

void tst_Worker::sigtermEndsWithSummary()
{
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("spsc"), 8, QStringLiteral("4KiB"));
    WorkerProcess consumer(consumerArgs(channel));
    QVERIFY(consumer.waitReady());
    WorkerProcess producer(QStringList{QStringLiteral("--role"), QStringLiteral("producer")} + channel +
                           QStringList{QStringLiteral("--msg-size"), QStringLiteral("4KiB"), QStringLiteral("--rate"),
                                       QStringLiteral("1000")});
    QVERIFY(producer.waitReady());
    QTest::qWait(300);
    producer.terminate();
    QVERIFY(producer.waitExit(5000));
    QCOMPARE(producer.exitCode(), 0);
    QVERIFY(counter(producer.summary(), "messages") > 0);
    QVERIFY(consumer.waitExit(10000)); // the producer closed cleanly: the consumer drains and ends
    QCOMPARE(consumer.exitCode(), 0);
    QCOMPARE(counter(consumer.summary(), "messages"), counter(producer.summary(), "messages"));
}

void tst_Worker::statListsAndCleansUp()
{
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("spsc"), 8, QStringLiteral("4KiB")) +
                                QStringList{QStringLiteral("--keep")};
    WorkerProcess producer(producerArgs(channel, QStringLiteral("4KiB"), 1000000000));
    QVERIFY(producer.waitReady());
    ToolResult list = runTool("shmscope-stat", {QStringLiteral("--list")});
    QCOMPARE(list.exitCode, 0);
    QVERIFY2(list.out.contains(guard.qname()), qPrintable(list.out));
    producer.kill();
    QVERIFY(producer.waitExit());
    QVERIFY(channelExists(guard.name())); // a killed process removes nothing
    const ToolResult gc = runTool("shmscope-stat", {QStringLiteral("--gc")});
    QCOMPARE(gc.exitCode, 0);
    QVERIFY2(!channelExists(guard.name()), qPrintable(gc.out + gc.err));
}

// --once takes two samples apart, so a channel that moves messages shows a rate, not 0.
void tst_Worker::statOnceShowsRates()
{
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("spsc"), 8, QStringLiteral("4KiB"));
    WorkerProcess producer(producerArgs(channel, QStringLiteral("256"), 1000000000) +
                           QStringList{QStringLiteral("--rate"), QStringLiteral("2000")});
    QVERIFY(producer.waitReady());
    WorkerProcess consumer(consumerArgs(channel));
    QVERIFY(consumer.waitReady());
    const ToolResult once = runTool("shmscope-stat", {QStringLiteral("--channel"), guard.qname(), QStringLiteral("--once")});
    QCOMPARE(once.exitCode, 0);
    // The producer's row: ... MESSAGES BYTES MSG/S ...; its MSG/S column is a positive number.
    bool found = false;
    for (const QString& line : once.out.split(QLatin1Char('\n'))) {
        const QStringList cells = line.simplified().split(QLatin1Char(' '));
        if (cells.size() < 9 || cells.at(2) != QStringLiteral("producer"))
            continue;
        found = true;
        const int rateColumn = 8; // REC PID ROLE STATE ACTIVITY MESSAGES BYTES(2 cells) MSG/S
        QVERIFY2(cells.at(rateColumn).toDouble() > 0, qPrintable(line));
    }
    QVERIFY2(found, qPrintable(once.out));
    producer.terminate();
    QVERIFY(producer.waitExit());
    QVERIFY(consumer.waitExit(10000));
}

// Producers killed between sem_wait(empty) and sem_post(full) take a free slot each with them:
// shmscope-stat names the dead processes, a producer that can get no slot ends after the stall
// timeout with that line instead of hanging, and a worker that ends shows it in its summary.
void tst_Worker::semaphoreLeakIsReported()
{
    ChannelGuard guard(uniqueChannelName("worker"));
    const QStringList channel = channelArgs(guard, QStringLiteral("semaphore"), 2, QStringLiteral("64"));
    WorkerProcess consumer(consumerArgs(channel) + QStringList{QStringLiteral("--duration"), QStringLiteral("60")});
    QVERIFY(consumer.waitReady());
    QList<qint64> dead;
    for (int i = 0; i < 2; ++i) {
        WorkerProcess victim(producerArgs(channel, QStringLiteral("64"), 10), QStringLiteral("after-claim:1"));
        QVERIFY(victim.waitExit());
        QVERIFY(victim.crashed());
        dead << victim.ready().value(QStringLiteral("pid")).toInteger();
        QVERIFY(dead.back() > 0);
    }
    const ToolResult stat = runTool("shmscope-stat", {QStringLiteral("--channel"), guard.qname(), QStringLiteral("--once")});
    QCOMPARE(stat.exitCode, 0);
    for (const qint64 pid : dead)
        QVERIFY2(stat.out.contains(QStringLiteral("1 slot leaked by dead process %1").arg(pid)), qPrintable(stat.out));

    WorkerProcess starved(producerArgs(channel, QStringLiteral("64"), 10) +
                          QStringList{QStringLiteral("--stall-timeout"), QStringLiteral("0.5")});
    QVERIFY(starved.waitExit(30000));
    QCOMPARE(starved.exitCode(), 1);
    QVERIFY2(starved.standardError().contains(QStringLiteral("slot leaked by dead process %1").arg(dead.front())),
             qPrintable(starved.standardError()));

    consumer.terminate();
    QVERIFY(consumer.waitExit());
    QCOMPARE(consumer.exitCode(), 0);
    QVERIFY2(consumer.warnings().join(' ').contains(QStringLiteral("1 slot leaked by dead process %1").arg(dead.back())),
             qPrintable(consumer.warnings().join(' ') + consumer.standardError()));
}

QTEST_GUILESS_MAIN(tst_Worker)
#include "tst_worker.moc"
