#include "shmscope/stats.hpp"

#include <QTest>

using namespace shmscope;

class tst_Stats : public QObject {
    Q_OBJECT
private slots:
    void log2Bucket_data();
    void log2Bucket();
    void latencyQuantiles();
    void writerPublishesInBatches();
};

void tst_Stats::log2Bucket_data()
{
    QTest::addColumn<quint64>("value");
    QTest::addColumn<quint32>("bucket");
    QTest::newRow("0") << quint64(0) << 0u;
    QTest::newRow("1") << quint64(1) << 0u;
    QTest::newRow("2") << quint64(2) << 1u;
    QTest::newRow("3") << quint64(3) << 1u;
    QTest::newRow("1023") << quint64(1023) << 9u;
    QTest::newRow("1024") << quint64(1024) << 10u;
    QTest::newRow("max") << ~quint64(0) << 63u;
}

void tst_Stats::log2Bucket()
{
    QFETCH(quint64, value);
    QFETCH(quint32, bucket);
    QCOMPARE(shmscope::log2Bucket(value), bucket);
}

void tst_Stats::latencyQuantiles()
{
    LatencyHistogram histogram;
    QCOMPARE(histogram.quantile(0.5), quint64(0));
    for (std::uint64_t v = 1; v <= 1000; ++v) histogram.record(v * 1000); // 1 µs … 1 ms
    QCOMPARE(histogram.count(), quint64(1000));
    QCOMPARE(histogram.max(), quint64(1'000'000));
    const auto within = [](std::uint64_t got, std::uint64_t want) {
        return got >= want && got <= want + want / 8 + 1; // upper bucket bound, <= 12.5 % above
    };
    QVERIFY2(within(histogram.quantile(0.5), 500'000), qPrintable(QString::number(histogram.quantile(0.5))));
    QVERIFY2(within(histogram.quantile(0.99), 990'000), qPrintable(QString::number(histogram.quantile(0.99))));
    QCOMPARE(histogram.quantile(1.0), quint64(1'000'000));
}

void tst_Stats::writerPublishesInBatches()
{
    StatsRecord record{};
    RecordWriter writer(&record);
    writer.add(Counter::Messages, 5);
    writer.add(Counter::Messages);
    QCOMPARE(record.counters[std::uint32_t(Counter::Messages)].load(), quint64(6));
    for (int i = 0; i < int(kHistogramBatch) - 1; ++i) {
        writer.recordLatency(1000);
        writer.tick(0);
    }
    QCOMPARE(record.latency_hist[shmscope::log2Bucket(1000)].load(), quint64(0)); // not yet published
    writer.recordLatency(1000);
    writer.tick(0);
    QCOMPARE(record.latency_hist[shmscope::log2Bucket(1000)].load(), quint64(kHistogramBatch));
    writer.recordWait(70);
    writer.flush(5);
    QCOMPARE(record.wait_hist[shmscope::log2Bucket(70)].load(), quint64(1));
}

QTEST_GUILESS_MAIN(tst_Stats)
#include "tst_stats.moc"
