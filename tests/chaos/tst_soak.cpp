// The long soak (CTest label `long`, skipped unless SHMSCOPE_LONG_TESTS=1): 100 million messages
// in block mode from one shmscope-worker producer to one consumer, per strategy, with 0 lost,
// 0 reordered, 0 corrupt, and the consumer's count and digest equal to the producer's.
//   SHMSCOPE_LONG_TESTS=1 ctest -L long -R soak        (SHMSCOPE_SOAK_MESSAGES=N to change it)
#include "test_channel.hpp"
#include "worker_process.hpp"

#include "long_test_main.hpp"

#include <QTest>

using namespace shmscope::test;

class tst_Soak : public QObject {
    Q_OBJECT
private slots:
    void hundredMillion_data();
    void hundredMillion();
};

void tst_Soak::hundredMillion_data()
{
    QTest::addColumn<QString>("sync");
    QTest::newRow("spsc") << QStringLiteral("spsc");
    QTest::newRow("mpmc") << QStringLiteral("mpmc");
    QTest::newRow("mutex") << QStringLiteral("mutex");
}

void tst_Soak::hundredMillion()
{
    if (qEnvironmentVariableIntValue("SHMSCOPE_LONG_TESTS") != 1)
        QSKIP("long run: set SHMSCOPE_LONG_TESTS=1 (ctest -L long)");
    QFETCH(QString, sync);
    bool given = false;
    const qint64 asked = qEnvironmentVariable("SHMSCOPE_SOAK_MESSAGES").toLongLong(&given);
    const qint64 count = given && asked > 0 ? asked : 100'000'000;
    ChannelGuard guard(uniqueChannelName("soak"));
    const QStringList channel{QStringLiteral("--channel"), guard.qname(), QStringLiteral("--create"),
                              QStringLiteral("--sync"), sync, QStringLiteral("--slots"), QStringLiteral("64"),
                              QStringLiteral("--slot-size"), QStringLiteral("64"), QStringLiteral("--backpressure"),
                              QStringLiteral("block")};
    const QString total = QString::number(count);
    WorkerProcess reader(QStringList{QStringLiteral("--role"), QStringLiteral("consumer"), QStringLiteral("--count"), total} +
                         channel);
    QVERIFY(reader.waitReady());
    WorkerProcess writer(QStringList{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--count"), total,
                                     QStringLiteral("--msg-size"), QStringLiteral("64")} +
                         channel);
    constexpr int kHourMs = 3'600'000;
    QVERIFY(writer.waitExit(kHourMs));
    QVERIFY(reader.waitExit(kHourMs));
    QCOMPARE(writer.exitCode(), 0);
    QCOMPARE(reader.exitCode(), 0);
    const QJsonObject received = reader.summary();
    QCOMPARE(counter(received, "messages"), count);
    for (const char* lost : {"gaps", "reordered", "corrupt", "drops", "overrun", "lost_to_crash", "incomplete"})
        QVERIFY2(counter(received, lost) == 0, lost);
    const QString differs = deliveredOnce({received}, writer.summary());
    QVERIFY2(differs.isEmpty(), qPrintable(differs));
    qInfo("%s: %lld messages, %.2f M msgs/s", qPrintable(sync), count,
          received.value(QStringLiteral("msgs_per_s")).toDouble() / 1e6);
}

SHMSCOPE_LONG_TEST_MAIN(tst_Soak, 10800000)
#include "tst_soak.moc"
