// The tuner's conclusions on fixed rows (app/bench/pareto.hpp): which rows are on the Pareto
// front of throughput, p99 latency and CPU per message, and which one is recommended for each
// objective: on the front, within 10 % of the best, the cheapest on the next criterion.
#include "pareto.hpp"

#include <QTest>

namespace {

using shmscope::bench::Objective;
using shmscope::bench::TuneRow;

TuneRow row(double msgsPerS, std::optional<std::uint64_t> p99Ns, double cpuNsPerMsg,
            const char* wait = "adaptive") {
    TuneRow r;
    r.config.wait = wait;
    r.msgsPerS = msgsPerS;
    r.latP99Ns = p99Ns;
    r.cpuNsPerMsg = cpuNsPerMsg;
    return r;
}

TuneRow skipped(double msgsPerS) {
    TuneRow r = row(msgsPerS, 1, 1);
    r.skipped = "the channel did not appear";
    return r;
}

TuneRow excluded(double msgsPerS) {
    TuneRow r = row(msgsPerS, 1, 1);
    r.excluded = "uses 2.00 CPUs, over --cpu-budget 1";
    return r;
}

using Rows = std::vector<TuneRow>;
using Indices = std::vector<std::size_t>;

} // namespace

Q_DECLARE_METATYPE(Rows)
Q_DECLARE_METATYPE(Indices)
Q_DECLARE_METATYPE(Objective)

class TestPareto : public QObject {
    Q_OBJECT

private slots:
    void front_data() {
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<Indices>("front");
        QTest::newRow("empty") << Rows{} << Indices{};
        QTest::newRow("one row") << Rows{row(100, 1000, 50)} << Indices{0};
        QTest::newRow("dominated on all three")
            << Rows{row(100, 1000, 50), row(200, 500, 25)} << Indices{1};
        QTest::newRow("dominated on one, equal on two")
            << Rows{row(100, 1000, 50), row(100, 1000, 40)} << Indices{1};
        QTest::newRow("equal rows both stay")
            << Rows{row(100, 1000, 50), row(100, 1000, 50)} << Indices{0, 1};
        QTest::newRow("a trade-off on each criterion")
            << Rows{row(300, 3000, 90), row(200, 500, 90), row(100, 3000, 10), row(100, 3000, 90)}
            << Indices{0, 1, 2};
        QTest::newRow("missing latency is the worst")
            << Rows{row(100, std::nullopt, 50), row(100, 900000, 50)} << Indices{1};
        QTest::newRow("skipped and excluded rows neither join nor dominate")
            << Rows{skipped(1000), row(100, 1000, 50), excluded(1000)} << Indices{1};
    }

    void front() {
        QFETCH(Rows, rows);
        QFETCH(Indices, front);
        QCOMPARE(shmscope::bench::paretoFront(rows), front);
    }

    void recommendation_data() {
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<Objective>("objective");
        QTest::addColumn<int>("pick");
        QTest::addColumn<int>("best");
        const Rows trade = {row(1000, 5000, 300), row(950, 8000, 100), row(850, 950, 50),
                            row(600, 900, 400)};
        QTest::newRow("throughput: the cheaper of the two within 10 %")
            << trade << Objective::Throughput << 1 << 0;
        QTest::newRow("latency: the cheaper of the two within 10 %")
            << trade << Objective::Latency << 2 << 3;
        QTest::newRow("cpu: the lowest, nothing else within 10 %")
            << trade << Objective::Cpu << 2 << 2;
        QTest::newRow("throughput: 11 % slower is too slow, however cheap")
            << Rows{row(1000, 5000, 300), row(890, 5000, 10)} << Objective::Throughput << 0 << 0;
        QTest::newRow("throughput: exactly 10 % slower qualifies")
            << Rows{row(1000, 5000, 300), row(900, 5000, 10)} << Objective::Throughput << 1 << 0;
        QTest::newRow("cpu: ties broken by throughput")
            << Rows{row(500, 5000, 100), row(900, 5000, 105), row(800, 4000, 100)} << Objective::Cpu
            << 1 << 0;
        QTest::newRow("cpu under --rate: equal msgs/s is a tie, latency decides")
            << Rows{row(20000, 1440000, 25200), row(19990, 90100, 23500)} << Objective::Cpu << 1
            << 1;
        QTest::newRow("throughput: equal CPU is a tie, latency decides")
            << Rows{row(1000, 9000, 100), row(960, 3000, 102)} << Objective::Throughput << 1 << 0;
        QTest::newRow("excluded best is not the best")
            << Rows{excluded(5000), row(1000, 5000, 300), skipped(9000)} << Objective::Throughput
            << 1 << 1;
    }

    void recommendation() {
        QFETCH(Rows, rows);
        QFETCH(Objective, objective);
        QFETCH(int, pick);
        QFETCH(int, best);
        const auto recommendation = shmscope::bench::recommend(rows, objective);
        QVERIFY(recommendation);
        QCOMPARE(int(recommendation->pick), pick);
        QCOMPARE(int(recommendation->best), best);
        QVERIFY(!recommendation->reason.empty());
        const Indices front = shmscope::bench::paretoFront(rows);
        QVERIFY(std::find(front.begin(), front.end(), recommendation->pick) != front.end());
        QVERIFY(shmscope::bench::nearBest(
            shmscope::bench::objectiveValue(rows[recommendation->pick], objective),
            shmscope::bench::objectiveValue(rows[recommendation->best], objective), objective));
    }

    void noEligibleRowNoRecommendation() {
        QVERIFY(!shmscope::bench::recommend({}, Objective::Throughput));
        QVERIFY(!shmscope::bench::recommend({skipped(10), excluded(20)}, Objective::Latency));
    }

    void reasonNamesTheBestWhenThePickIsNotIt() {
        Rows rows = {row(1000, 5000, 300, "spin"), row(950, 8000, 100, "sleep")};
        const auto recommendation = shmscope::bench::recommend(rows, Objective::Throughput);
        QVERIFY(recommendation);
        const QString reason = QString::fromStdString(recommendation->reason);
        QVERIFY2(reason.contains(QStringLiteral("spsc/spin")), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("less CPU per message")), qPrintable(reason));
    }
};

QTEST_APPLESS_MAIN(TestPareto)
#include "tst_pareto.moc"
