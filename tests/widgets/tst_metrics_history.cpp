#include "metrics_history.hpp"

#include <QBuffer>
#include <QTest>
#include <cmath>

using namespace shmscope::widgets;

namespace {

constexpr std::uint64_t kPeriodNs = 33'333'333; // 30 Hz snapshots

ProcessSample process(std::uint32_t record, ProcessRole role, std::uint64_t messages,
                      std::uint32_t incarnation = 1) {
    ProcessSample p;
    p.record = record;
    p.incarnation = incarnation;
    p.pid = 1000 + record;
    p.role = role;
    p.alive = true;
    p.counters.messages = messages;
    p.counters.bytes = messages * 4096;
    return p;
}

ChannelSample sample(std::uint64_t takenNs, std::vector<ProcessSample> processes) {
    ChannelSample s;
    s.takenNs = takenNs;
    s.processes = std::move(processes);
    s.ring.slotCount = 64;
    s.ring.occupiedSlots = 16;
    s.ring.highWaterSlots = 60;
    return s;
}

} // namespace

class tst_MetricsHistory : public QObject {
    Q_OBJECT
private slots:
    void ratesFollowTheSnapshotsOwnClock_data();
    void ratesFollowTheSnapshotsOwnClock();
    void counterGoingBackwardsStartsANewSeries();
    void newIncarnationStartsANewSeries();
    void totalsKeepProcessesWhoseRecordWasFreed();
    void latencyPercentilesComeFromTheWindow();
    void csvHasOneRowPerSample();
};

void tst_MetricsHistory::ratesFollowTheSnapshotsOwnClock_data() {
    QTest::addColumn<QList<quint64>>("stamps");
    QTest::newRow("on time") << QList<quint64>{0, kPeriodNs, 2 * kPeriodNs, 3 * kPeriodNs};
    QTest::newRow("one late tick") << QList<quint64>{0, kPeriodNs, 5 * kPeriodNs, 6 * kPeriodNs};
    QTest::newRow("very late tick") << QList<quint64>{0, kPeriodNs, 60 * kPeriodNs};
}

void tst_MetricsHistory::ratesFollowTheSnapshotsOwnClock() {
    // A producer at exactly 50,000 msg/s, sampled at whatever moments the timer managed.
    QFETCH(QList<quint64>, stamps);
    constexpr double kRate = 50'000.0;
    MetricsHistory history;
    for (const quint64 t : stamps) {
        const auto messages =
            static_cast<std::uint64_t>(std::llround(kRate * static_cast<double>(t) / 1e9));
        history.append(sample(t, {process(0, ProcessRole::Producer, messages)}));
    }
    const MetricsFrame& last = history.frames().back();
    QVERIFY2(std::abs(last.producedPerSecond - kRate) < 1.0,
             qPrintable(QString::number(last.producedPerSecond)));
    QVERIFY(std::abs(last.producedBytesPerSecond - kRate * 4096) < 4096.0);
    QCOMPARE(last.consumedPerSecond, 0.0);
}

void tst_MetricsHistory::counterGoingBackwardsStartsANewSeries() {
    MetricsHistory history;
    history.append(sample(0, {process(2, ProcessRole::Consumer, 1000)}));
    history.append(sample(kPeriodNs, {process(2, ProcessRole::Consumer, 2000)}));
    const int before = history.frames().back().processes.front().series;
    // The record was reset: no negative rate, a fresh series without a rate yet.
    history.append(sample(2 * kPeriodNs, {process(2, ProcessRole::Consumer, 10)}));
    const ProcessRates& after = history.frames().back().processes.front();
    QVERIFY(after.series != before);
    QVERIFY(std::isnan(after.messagesPerSecond));
    QCOMPARE(history.frames().back().consumedPerSecond, 0.0);
    history.append(sample(3 * kPeriodNs, {process(2, ProcessRole::Consumer, 110)}));
    QVERIFY(history.frames().back().consumedPerSecond > 0.0);
}

void tst_MetricsHistory::newIncarnationStartsANewSeries() {
    MetricsHistory history;
    history.append(sample(0, {process(1, ProcessRole::Producer, 10, 1)}));
    history.append(sample(kPeriodNs, {process(1, ProcessRole::Producer, 20, 1)}));
    const int first = history.frames().back().processes.front().series;
    history.append(sample(2 * kPeriodNs, {process(1, ProcessRole::Producer, 500, 2)}));
    QVERIFY(history.frames().back().processes.front().series != first);
    QVERIFY(std::isnan(history.frames().back().processes.front().messagesPerSecond));
}

void tst_MetricsHistory::totalsKeepProcessesWhoseRecordWasFreed() {
    MetricsHistory history;
    history.append(sample(
        0, {process(0, ProcessRole::Producer, 500), process(1, ProcessRole::Consumer, 400)}));
    // The producer's record was freed (its counts went to the departed totals), then reused.
    history.append(sample(kPeriodNs, {process(1, ProcessRole::Consumer, 450)}));
    QCOMPARE(history.frames().back().producedMessages, quint64(500));
    history.append(sample(2 * kPeriodNs, {process(0, ProcessRole::Producer, 20, 2),
                                          process(1, ProcessRole::Consumer, 470)}));
    QCOMPARE(history.frames().back().producedMessages, quint64(520));
    QCOMPARE(history.frames().back().consumedMessages, quint64(470));
}

void tst_MetricsHistory::latencyPercentilesComeFromTheWindow() {
    MetricsHistory history;
    ProcessSample consumer = process(1, ProcessRole::Consumer, 0);
    history.append(sample(0, {consumer}));
    consumer.counters.messages = 100;
    consumer.latencyHistogram[10] = 100; // [1024, 2048) ns
    history.append(sample(kPeriodNs, {consumer}));
    const MetricsFrame& frame = history.frames().back();
    QVERIFY(frame.latencyP50Ns >= 1024.0 && frame.latencyP50Ns < 2048.0);
    QCOMPARE(frame.latencyMaxNs, 2048.0);
}

void tst_MetricsHistory::csvHasOneRowPerSample() {
    MetricsHistory history;
    constexpr int kSamples = 25;
    for (int i = 0; i < kSamples; ++i)
        history.append(
            sample(static_cast<std::uint64_t>(i) * kPeriodNs,
                   {process(0, ProcessRole::Producer, static_cast<std::uint64_t>(i) * 100),
                    process(1, ProcessRole::Consumer, static_cast<std::uint64_t>(i) * 90)}));
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadWrite));
    QVERIFY(history.writeCsv(buffer));
    const QStringList lines =
        QString::fromUtf8(buffer.data()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), kSamples + 1);
    const QStringList header = lines.front().split(QLatin1Char(','));
    QCOMPARE(header, MetricsHistory::csvColumns());
    const int timeColumn = static_cast<int>(header.indexOf(QStringLiteral("time_s")));
    const int consumedColumn = static_cast<int>(header.indexOf(QStringLiteral("consumed_msgs")));
    double previousTime = -1.0;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList fields = lines[i].split(QLatin1Char(','));
        QCOMPARE(fields.size(), header.size());
        bool ok = false;
        const double time = fields[timeColumn].toDouble(&ok);
        QVERIFY(ok);
        QVERIFY(time > previousTime);
        previousTime = time;
        QCOMPARE(fields[consumedColumn].toULongLong(), static_cast<qulonglong>((i - 1) * 90));
    }
}

QTEST_GUILESS_MAIN(tst_MetricsHistory)
#include "tst_metrics_history.moc"
