#include "metrics.hpp"

#include <QTest>
#include <cmath>
#include <vector>

using namespace shmscope::widgets;
using shmscope::widgets::metrics::CounterPoint;

Q_DECLARE_METATYPE(std::vector<quint64>)

class tst_Metrics : public QObject {
    Q_OBJECT
private slots:
    void rate_data();
    void rate();
    void window_data();
    void window();
    void series_data();
    void series();
    void percentile_data();
    void percentile();
    void maximum();
    void differenceClampsBackwards();
};

void tst_Metrics::rate_data() {
    QTest::addColumn<quint64>("t0");
    QTest::addColumn<quint64>("v0");
    QTest::addColumn<quint64>("t1");
    QTest::addColumn<quint64>("v1");
    QTest::addColumn<double>("expected"); // NaN: no rate
    QTest::newRow("on time") << quint64(0) << quint64(0) << quint64(33'333'333) << quint64(3'333)
                             << 3'333.0 / 0.033333333;
    // A late tick covers a longer interval: same true rate, more messages.
    QTest::newRow("late tick") << quint64(1'000'000'000) << quint64(100'000)
                               << quint64(1'250'000'000) << quint64(125'000) << 100'000.0;
    QTest::newRow("idle") << quint64(0) << quint64(7) << quint64(1'000'000'000) << quint64(7)
                          << 0.0;
    QTest::newRow("counter backwards")
        << quint64(0) << quint64(100) << quint64(10) << quint64(5) << std::nan("");
    QTest::newRow("same stamp") << quint64(5) << quint64(1) << quint64(5) << quint64(2)
                                << std::nan("");
    QTest::newRow("clock backwards")
        << quint64(10) << quint64(1) << quint64(5) << quint64(2) << std::nan("");
}

void tst_Metrics::rate() {
    QFETCH(quint64, t0);
    QFETCH(quint64, v0);
    QFETCH(quint64, t1);
    QFETCH(quint64, v1);
    QFETCH(double, expected);
    const auto rate = metrics::ratePerSecond(CounterPoint{t0, v0}, CounterPoint{t1, v1});
    if (std::isnan(expected)) {
        QVERIFY(!rate.has_value());
    } else {
        QVERIFY(rate.has_value());
        QVERIFY2(std::abs(*rate - expected) <= 1e-6 * std::max(1.0, expected),
                 qPrintable(QString::number(*rate)));
    }
}

void tst_Metrics::window_data() {
    QTest::addColumn<std::vector<quint64>>("stamps");
    QTest::addColumn<quint64>("windowNs");
    QTest::addColumn<int>("start");
    QTest::newRow("empty") << std::vector<quint64>{} << quint64(100) << 0;
    QTest::newRow("one") << std::vector<quint64>{5} << quint64(100) << 0;
    QTest::newRow("all inside") << std::vector<quint64>{0, 30, 60, 90} << quint64(100) << 0;
    QTest::newRow("oldest outside")
        << std::vector<quint64>{0, 30, 60, 90, 120} << quint64(100) << 1;
    QTest::newRow("edge is inside") << std::vector<quint64>{20, 60, 120} << quint64(100) << 0;
    // After a late tick the previous stamp is older than the window: still use it.
    QTest::newRow("late tick") << std::vector<quint64>{0, 30, 60, 400} << quint64(100) << 2;
}

void tst_Metrics::window() {
    QFETCH(std::vector<quint64>, stamps);
    QFETCH(quint64, windowNs);
    QFETCH(int, start);
    const std::vector<std::uint64_t> values(stamps.begin(), stamps.end());
    QCOMPARE(static_cast<int>(metrics::windowStart(values, windowNs)), start);
}

void tst_Metrics::series_data() {
    QTest::addColumn<quint32>("incarnation");
    QTest::addColumn<quint64>("messages");
    QTest::addColumn<bool>("continues");
    QTest::newRow("grows") << quint32(1) << quint64(200) << true;
    QTest::newRow("unchanged") << quint32(1) << quint64(100) << true;
    QTest::newRow("messages went backwards") << quint32(1) << quint64(99) << false;
    QTest::newRow("new incarnation") << quint32(2) << quint64(500) << false;
}

void tst_Metrics::series() {
    QFETCH(quint32, incarnation);
    QFETCH(quint64, messages);
    QFETCH(bool, continues);
    ProcessSample before;
    before.record = 3;
    before.incarnation = 1;
    before.counters.messages = 100;
    ProcessSample after = before;
    after.incarnation = incarnation;
    after.counters.messages = messages;
    QCOMPARE(metrics::continuesSeries(before, after), continues);
}

void tst_Metrics::percentile_data() {
    QTest::addColumn<std::vector<quint64>>("buckets"); // counts of buckets 0, 1, 2, …
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected"); // NaN: no value
    QTest::newRow("empty") << std::vector<quint64>{} << 0.5 << std::nan("");
    // 100 values in [1024, 2048): the median is interpolated half way through the bucket.
    std::vector<quint64> one(11, 0);
    one[10] = 100;
    QTest::newRow("one bucket p50") << one << 0.5 << 1024.0 + 0.5 * 1024.0;
    QTest::newRow("one bucket p100") << one << 1.0 << 2048.0;
    // 99 fast values and 1 slow one: p99 stays fast, p100 is slow.
    std::vector<quint64> tail(21, 0);
    tail[10] = 99;
    tail[20] = 1;
    QTest::newRow("tail p99") << tail << 0.99 << 2048.0;
    QTest::newRow("tail p999") << tail << 0.999 << 2.0 * 1048576.0;
    std::vector<quint64> zeros{4};
    QTest::newRow("bucket 0 holds 0 and 1") << zeros << 0.5 << 1.0;
    QTest::newRow("q out of range") << one << 0.0 << std::nan("");
}

void tst_Metrics::percentile() {
    QFETCH(std::vector<quint64>, buckets);
    QFETCH(double, q);
    QFETCH(double, expected);
    Log2Histogram histogram{};
    for (std::size_t i = 0; i < buckets.size(); ++i)
        histogram[i] = buckets[i];
    const auto value = metrics::percentile(histogram, q);
    if (std::isnan(expected)) {
        QVERIFY(!value.has_value());
    } else {
        QVERIFY(value.has_value());
        QCOMPARE(*value, expected);
    }
}

void tst_Metrics::maximum() {
    Log2Histogram histogram{};
    QVERIFY(!metrics::maximum(histogram).has_value());
    histogram[3] = 1;
    histogram[12] = 2;
    QCOMPARE(*metrics::maximum(histogram), 8192.0);
}

void tst_Metrics::differenceClampsBackwards() {
    Log2Histogram newer{};
    Log2Histogram older{};
    newer[1] = 10;
    older[1] = 4;
    newer[2] = 1;
    older[2] = 3; // a reset record: never a negative count
    const Log2Histogram delta = metrics::difference(newer, older);
    QCOMPARE(delta[1], quint64(6));
    QCOMPARE(delta[2], quint64(0));
    QCOMPARE(metrics::total(delta), quint64(6));
}

QTEST_GUILESS_MAIN(tst_Metrics)
#include "tst_metrics.moc"
