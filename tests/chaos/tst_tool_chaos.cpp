// Chaos of the tools themselves: the desktop application killed with SIGKILL at random moments of
// a demo or of a Compare run, and shmscope-bench killed at random rows. After every kill, within
// 5 s, no process the tool started is left (workers, the bench's measuring children, its janitor,
// iox-roudi and its keeper), /dev/shm and the temporary directories hold nothing of it, and, when
// RouDi was running at the kill, the next benchmark's iceoryx row runs (a RouDi left behind would
// make it skip). The channels and
// files of a killed bench are its janitor's to remove, so every bench kill also tests the janitor.
//
// shortRun is part of the default test run; longRun (≥ 100 kills each of the application and the
// bench) runs only when SHMSCOPE_LONG_TESTS=1 (CTest label `long`). The seed of the random
// moments is printed; SHMSCOPE_CHAOS_SEED=N repeats a run.
#include "child_process.hpp"
#include "long_test_main.hpp"
#include "tool_leftovers.hpp"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace shmscope::test;

namespace {

constexpr int kShortKills = 4;
constexpr int kLongKills = 100;
constexpr int kCleanWithinMs = 5000; // what a user may wait for after a kill
constexpr int kStartMs = 20'000;
constexpr int kIceoryxRowMs = 60'000;

QString binary(const char* name) { return QStringLiteral(SHMSCOPE_BIN_DIR "/") + QLatin1String(name); }

// Rows that reach every kind of thing a bench starts or names: shm channels (the janitor's),
// a ring file, a ZeroMQ socket file, RouDi with its keeper and iceoryx runtimes, a queue.
const QString kBenchTransports =
    QStringLiteral("shm-spsc,shm-mutex,file-spsc,zmq-ipc,iceoryx,iceoryx-loan,boost-mq,pipe");
const QStringList kBenchSizes{QStringLiteral("64"), QStringLiteral("64KiB")};

enum class Tool { Application, Bench };

class tst_ToolChaos : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void shortRun_data() { tools(); }
    void shortRun();
    void longRun_data() { tools(); }
    void longRun();

private:
    static void tools() {
        QTest::addColumn<int>("tool");
        QTest::newRow("application") << static_cast<int>(Tool::Application);
        QTest::newRow("bench") << static_cast<int>(Tool::Bench);
    }
    void run(int kills);
    bool killApplication(int round);
    bool killBench(int round, int kills);
    void expectNothingLeft(pid_t tool, const QSet<pid_t>& started, const QString& what);
    void expectIceoryxRowRuns();

    QRandomGenerator random_;
    QTemporaryDir scratch_;
    bool iceoryxWasAbsent_ = true;
};

void tst_ToolChaos::initTestCase() {
    const quint32 seed = qEnvironmentVariableIsSet("SHMSCOPE_CHAOS_SEED")
                             ? static_cast<quint32>(qEnvironmentVariableIntValue("SHMSCOPE_CHAOS_SEED"))
                             : QRandomGenerator::global()->generate();
    qInfo("seed %u (SHMSCOPE_CHAOS_SEED=%u repeats these moments)", seed, seed);
    random_.seed(seed);
    QVERIFY(scratch_.isValid());
    // A RouDi that serves someone else is not ours to judge; only one we leave is.
    iceoryxWasAbsent_ = !iceoryxPresent();
}

void tst_ToolChaos::shortRun() { run(kShortKills); }

void tst_ToolChaos::longRun() {
    if (qEnvironmentVariableIntValue("SHMSCOPE_LONG_TESTS") != 1)
        QSKIP("long run: set SHMSCOPE_LONG_TESTS=1 (ctest -L long)");
    run(kLongKills);
}

void tst_ToolChaos::run(int kills) {
    QFETCH(int, tool);
    int done = 0;
    for (int round = 0; round < kills; ++round) {
        const bool killed = static_cast<Tool>(tool) == Tool::Application ? killApplication(round)
                                                                          : killBench(round, kills);
        if (QTest::currentTestFailed())
            return;
        done += killed ? 1 : 0;
    }
    qInfo("%d kills, 0 leftovers", done);
    QCOMPARE(done, kills);
}

// Even rounds kill a demo, odd ones a Compare run whose bench starts RouDi; the moment is random
// from the start of the process, so some kills land while workers or the bench are coming up.
bool tst_ToolChaos::killApplication(int round) {
    const bool compare = round % 2 == 1;
    const QStringList mode =
        compare ? QStringList{QStringLiteral("--compare"), kBenchTransports, QStringLiteral("--sizes"),
                              kBenchSizes.join(QLatin1Char(','))}
                : QStringList{QStringLiteral("--scenario"), QStringLiteral("demo")};
    QProcess app;
    dieWithTest(app);
    app.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    app.start(binary("shmscope"),
              QStringList{QStringLiteral("--platform"), QStringLiteral("offscreen"),
                          QStringLiteral("--duration"), QStringLiteral("600"),
                          QStringLiteral("--settings"),
                          scratch_.filePath(QStringLiteral("settings.ini"))} +
                  mode);
    if (!app.waitForStarted(kStartMs)) {
        QTest::qFail("shmscope did not start", __FILE__, __LINE__);
        return false;
    }
    const auto pid = static_cast<pid_t>(app.processId());
    const int moment = static_cast<int>(random_.bounded(compare ? 6000 : 4000));
    QTest::qWait(moment);
    const QSet<pid_t> started = descendantsOf(pid);
    ::kill(pid, SIGKILL);
    // Only a kill while RouDi ran can leave one that stops the next benchmark's iceoryx rows.
    const bool roudi = anyRuns(started, QStringLiteral("iox-roudi"));
    app.waitForFinished(kStartMs);
    expectNothingLeft(pid, started,
                      QStringLiteral("shmscope (%1) killed %2 ms into a %3 with %4 processes")
                          .arg(pid)
                          .arg(moment)
                          .arg(compare ? QStringLiteral("Compare run") : QStringLiteral("demo"))
                          .arg(started.size()));
    if (roudi && !QTest::currentTestFailed())
        expectIceoryxRowRuns();
    return !QTest::currentTestFailed();
}

// The kill comes a random time after the bench announced a random row (steps count rows and
// their phases); the short run spreads its few kills over the whole plan instead.
bool tst_ToolChaos::killBench(int round, int kills) {
    QProcess bench;
    dieWithTest(bench);
    bench.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    bench.start(binary("shmscope-bench"),
                {QStringLiteral("--format"), QStringLiteral("jsonl"), QStringLiteral("--transports"),
                 kBenchTransports, QStringLiteral("--sizes"), kBenchSizes.join(QLatin1Char(',')),
                 QStringLiteral("--reps"), QStringLiteral("1"), QStringLiteral("--seconds"),
                 QStringLiteral("0.1")});
    if (!bench.waitForStarted(kStartMs)) {
        QTest::qFail("shmscope-bench did not start", __FILE__, __LINE__);
        return false;
    }
    const auto pid = static_cast<pid_t>(bench.processId());
    int target = -1;
    int step = 0;
    QString row;
    QElapsedTimer waited;
    waited.start();
    while (step < target || target < 0) {
        if (!bench.canReadLine() && !bench.waitForReadyRead(kIceoryxRowMs))
            break;
        while (bench.canReadLine()) {
            const QJsonObject event = QJsonDocument::fromJson(bench.readLine()).object();
            if (event.value(QLatin1String("event")).toString() != QLatin1String("progress"))
                continue;
            step = event.value(QLatin1String("step")).toInt();
            row = event.value(QLatin1String("row")).toString() + QLatin1Char(' ') +
                  event.value(QLatin1String("what")).toString();
            if (target < 0) {
                const int steps = event.value(QLatin1String("steps")).toInt();
                target = kills <= kShortKills ? 1 + (round * steps) / kills + round % 2
                                              : 1 + static_cast<int>(random_.bounded(steps));
                target = std::min(target, steps);
            }
        }
    }
    if (step < target) {
        QTest::qFail(qPrintable(QStringLiteral("the bench ended before step %1 (at %2)")
                                    .arg(target)
                                    .arg(step)),
                     __FILE__, __LINE__);
        return false;
    }
    const int moment = static_cast<int>(random_.bounded(400));
    QTest::qWait(moment);
    const QSet<pid_t> started = descendantsOf(pid);
    ::kill(pid, SIGKILL);
    // Only a kill while RouDi ran can leave one that stops the next benchmark's iceoryx rows.
    const bool roudi = anyRuns(started, QStringLiteral("iox-roudi"));
    bench.waitForFinished(kStartMs);
    expectNothingLeft(pid, started,
                      QStringLiteral("shmscope-bench (%1) killed %2 ms into step %3 (%4) with %5 "
                                     "processes")
                          .arg(pid)
                          .arg(moment)
                          .arg(step)
                          .arg(row)
                          .arg(started.size()));
    if (roudi && !QTest::currentTestFailed())
        expectIceoryxRowRuns();
    return !QTest::currentTestFailed();
}

void tst_ToolChaos::expectNothingLeft(pid_t tool, const QSet<pid_t>& started, const QString& what) {
    QElapsedTimer clock;
    clock.start();
    QStringList left = leftoversOf(tool, started, iceoryxWasAbsent_);
    while (!left.isEmpty() && clock.elapsed() < kCleanWithinMs) {
        QTest::qWait(50);
        left = leftoversOf(tool, started, iceoryxWasAbsent_);
    }
    qInfo("%s: clean after %lld ms", qPrintable(what), static_cast<long long>(clock.elapsed()));
    QVERIFY2(left.isEmpty(),
             qPrintable(what + QStringLiteral(": left after 5 s: ") + left.join(QStringLiteral("; "))));
}

void tst_ToolChaos::expectIceoryxRowRuns() {
#ifdef SHMSCOPE_HAVE_ICEORYX
    QProcess bench;
    dieWithTest(bench);
    bench.start(binary("shmscope-bench"),
                {QStringLiteral("--format"), QStringLiteral("json"), QStringLiteral("--transports"),
                 QStringLiteral("iceoryx"), QStringLiteral("--sizes"), QStringLiteral("64"),
                 QStringLiteral("--reps"), QStringLiteral("1"), QStringLiteral("--seconds"),
                 QStringLiteral("0.05")});
    QVERIFY(bench.waitForFinished(kIceoryxRowMs));
    const QByteArray errors = bench.readAllStandardError();
    QVERIFY2(bench.exitCode() == 0, errors.constData());
    const QJsonArray rows = QJsonDocument::fromJson(bench.readAllStandardOutput()).array();
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first().toObject();
    QVERIFY2(!row.value(QLatin1String("skipped")).isString(),
             qPrintable(QStringLiteral("the next iceoryx row was skipped: ") +
                        row.value(QLatin1String("skipped")).toString() + QLatin1Char(' ') +
                        QString::fromUtf8(errors)));
    QVERIFY(row.value(QLatin1String("msgs_per_s")).toDouble() > 0.0);
#endif
}

} // namespace

SHMSCOPE_LONG_TEST_MAIN(tst_ToolChaos, 3'600'000)
#include "tst_tool_chaos.moc"
