// shmscope-bench --tune as a real process: a short tune (1:1, 2:2 queue, 1:2 broadcast) writes
// docs/CLI.md's JSON, recommends a row of the Pareto front within 10 % of the best it tried, and
// its worker_args run as given through shmscope-worker; SIGTERM stops a tune with its rows so far
// and nothing left in /dev/shm; bad tune flags exit 2 with one line.
#include "child_process.hpp"
#include "shmscope/snapshot.hpp"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <csignal>

namespace {

constexpr int kRunTimeoutMs = 180'000; // hang guards, not measurements
constexpr int kWorkerTimeoutMs = 60'000;
constexpr int kWorkerCount = 2000;
constexpr double kNearBest = 0.10;

QString program(const char* name) { return QStringLiteral(SHMSCOPE_BIN_DIR "/") + name; }

// Objects in /dev/shm and the temporary directory carrying the bench's pid (its channels).
QStringList leftovers(qint64 pid) {
    const QString mark = QStringLiteral("shmscope-bench-%1-").arg(pid);
    QStringList found;
    for (const QString& dir : {QStringLiteral("/dev/shm"), QDir::tempPath()})
        for (const QString& name : QDir(dir).entryList(QDir::Files | QDir::System | QDir::Hidden))
            if (name.contains(mark))
                found << dir + QLatin1Char('/') + name;
    return found;
}

// Removes a channel's objects when a test ends, passed or not (its workers may have been killed).
struct RemoveChannel {
    QString name;
    ~RemoveChannel() {
        QFile::remove(QStringLiteral("/dev/shm/shmscope.") + name);
        QFile::remove(QStringLiteral("/dev/shm/shmscope.") + name + QStringLiteral(".ctl"));
    }
};

bool eligible(const QJsonObject& row) {
    return row.value(QStringLiteral("skipped")).isNull() &&
           row.value(QStringLiteral("excluded")).isNull();
}

const QStringList kRowFields = {
    QStringLiteral("sync"),           QStringLiteral("wait"),       QStringLiteral("slots"),
    QStringLiteral("slot_size"),      QStringLiteral("compress"),   QStringLiteral("phase"),
    QStringLiteral("msg_size"),       QStringLiteral("msgs_per_s"), QStringLiteral("bytes_per_s"),
    QStringLiteral("spread"),         QStringLiteral("lat_p50_ns"), QStringLiteral("lat_p99_ns"),
    QStringLiteral("cpu_ns_per_msg"), QStringLiteral("cpu_spread"), QStringLiteral("cpus"),
    QStringLiteral("skipped"),        QStringLiteral("excluded")};

} // namespace

class TestTune : public QObject {
    Q_OBJECT

private slots:
    // Short tunes, one producer and one consumer and a wider topology: the recommendation is a
    // front row near the best, and its worker arguments run every process of the workload.
    void shortTuneRecommendsAFrontRowThatRuns_data() {
        QTest::addColumn<QStringList>("workload");
        QTest::addColumn<int>("producers");
        QTest::addColumn<int>("consumers");
        QTest::addColumn<bool>("broadcast");
        QTest::newRow("64 B, 1:1, 15 s")
            << QStringList{QStringLiteral("--msg-size"), QStringLiteral("64"),
                           QStringLiteral("--budget-s"), QStringLiteral("15")}
            << 1 << 1 << false;
        QTest::newRow("4 KiB, 2:2 queue, 10 s")
            << QStringList{QStringLiteral("--msg-size"),  QStringLiteral("4KiB"),
                           QStringLiteral("--producers"), QStringLiteral("2"),
                           QStringLiteral("--consumers"), QStringLiteral("2"),
                           QStringLiteral("--budget-s"),  QStringLiteral("10")}
            << 2 << 2 << false;
        QTest::newRow("256 KiB, 1:2 broadcast, 10 s")
            << QStringList{QStringLiteral("--msg-size"),  QStringLiteral("256KiB"),
                           QStringLiteral("--consumers"), QStringLiteral("2"),
                           QStringLiteral("--delivery"),  QStringLiteral("broadcast"),
                           QStringLiteral("--budget-s"),  QStringLiteral("10")}
            << 1 << 2 << true;
    }

    void shortTuneRecommendsAFrontRowThatRuns() {
        QFETCH(QStringList, workload);
        QFETCH(int, producers);
        QFETCH(int, consumers);
        QFETCH(bool, broadcast);
        QProcess bench;
        shmscope::test::dieWithTest(bench);
        bench.start(program("shmscope-bench"), QStringList{QStringLiteral("--tune")}
                                                   << workload << QStringLiteral("--format")
                                                   << QStringLiteral("json"));
        QVERIFY(bench.waitForStarted());
        const qint64 pid = bench.processId();
        QVERIFY(bench.waitForFinished(kRunTimeoutMs));
        const QByteArray err = bench.readAllStandardError();
        QCOMPARE(bench.exitCode(), 0);
        QJsonParseError parseError;
        const QJsonDocument document =
            QJsonDocument::fromJson(bench.readAllStandardOutput(), &parseError);
        QVERIFY2(document.isObject(), qPrintable(parseError.errorString()));
        const QJsonObject result = document.object();
        QVERIFY2(leftovers(pid).isEmpty(), qPrintable(leftovers(pid).join(QLatin1Char(' '))));
        // Progress went to stderr, one line a point.
        const QJsonArray tried = result.value(QStringLiteral("tried")).toArray();
        QVERIFY(!tried.isEmpty());
        QCOMPARE(err.count("shmscope-bench: tune "), tried.size());

        for (const QJsonValue& value : tried)
            for (const QString& field : kRowFields)
                QVERIFY2(value.toObject().contains(field), qPrintable(field));
        const QJsonArray pareto = result.value(QStringLiteral("pareto")).toArray();
        QVERIFY(!pareto.isEmpty());
        for (const QJsonValue& index : pareto)
            QVERIFY(eligible(tried.at(index.toInt()).toObject()));

        const QJsonObject recommended = result.value(QStringLiteral("recommended")).toObject();
        QVERIFY(!recommended.isEmpty());
        for (const QString& field : kRowFields)
            QVERIFY2(recommended.contains(field), qPrintable(field));
        const int index = recommended.value(QStringLiteral("index")).toInt(-1);
        QVERIFY(index >= 0 && index < tried.size());
        QVERIFY(pareto.contains(QJsonValue(index)));
        for (const QString& field : kRowFields)
            QCOMPARE(recommended.value(field), tried.at(index).toObject().value(field));
        QVERIFY(!recommended.value(QStringLiteral("reason")).toString().isEmpty());
        const QJsonObject config = recommended.value(QStringLiteral("config")).toObject();
        QCOMPARE(config.value(QStringLiteral("slots")), recommended.value(QStringLiteral("slots")));
        QCOMPARE(config.value(QStringLiteral("wait")), recommended.value(QStringLiteral("wait")));

        // Within 10 % of the best row tried on the objective (throughput by default).
        double best = 0;
        for (const QJsonValue& value : tried)
            if (eligible(value.toObject()))
                best =
                    std::max(best, value.toObject().value(QStringLiteral("msgs_per_s")).toDouble());
        const double picked = recommended.value(QStringLiteral("msgs_per_s")).toDouble();
        QVERIFY2(picked >= (1 - kNearBest) * best,
                 qPrintable(QStringLiteral("%1 against %2").arg(picked).arg(best)));

        QCOMPARE(config.value(QStringLiteral("producers")).toInt(), producers);
        QCOMPARE(config.value(QStringLiteral("consumers")).toInt(), consumers);
        runWorkerArgs(recommended.value(QStringLiteral("worker_args")).toArray(), producers,
                      consumers, broadcast);
    }

    // SIGTERM in the middle: exit 0 with the rows so far, every channel removed.
    void sigtermStopsCleanly() {
        QProcess bench;
        shmscope::test::dieWithTest(bench);
        bench.start(program("shmscope-bench"),
                    {QStringLiteral("--tune"), QStringLiteral("--msg-size"), QStringLiteral("4KiB"),
                     QStringLiteral("--consumers"), QStringLiteral("2"),
                     QStringLiteral("--budget-s"), QStringLiteral("300"),
                     QStringLiteral("--format"), QStringLiteral("jsonl")});
        QVERIFY(bench.waitForStarted());
        const qint64 pid = bench.processId();
        QByteArray out;
        // The second point is running once the first row is out.
        while (!out.contains("\"event\":\"row\"") && bench.state() == QProcess::Running) {
            bench.waitForReadyRead(1000);
            out += bench.readAllStandardOutput();
        }
        QVERIFY(out.contains("\"event\":\"row\""));
        ::kill(static_cast<pid_t>(pid), SIGTERM);
        QVERIFY(bench.waitForFinished(kRunTimeoutMs));
        QCOMPARE(bench.exitStatus(), QProcess::NormalExit);
        QCOMPARE(bench.exitCode(), 0);
        out += bench.readAllStandardOutput();
        const QList<QByteArray> lines = out.trimmed().split('\n');
        const QJsonObject last = QJsonDocument::fromJson(lines.last()).object();
        QCOMPARE(last.value(QStringLiteral("event")).toString(), QStringLiteral("result"));
        QVERIFY(last.value(QStringLiteral("interrupted")).toBool());
        QVERIFY(!last.value(QStringLiteral("tried")).toArray().isEmpty());
        QVERIFY2(leftovers(pid).isEmpty(), qPrintable(leftovers(pid).join(QLatin1Char(' '))));
    }

    void badTuneFlags_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("flag");
        const QString tune = QStringLiteral("--tune");
        const QString size = QStringLiteral("--msg-size");
        QTest::newRow("no message size") << QStringList{tune} << QStringLiteral("--msg-size");
        QTest::newRow("tune flag without --tune")
            << QStringList{size, QStringLiteral("64")} << QStringLiteral("--msg-size");
        QTest::newRow("zero message size")
            << QStringList{tune, size, QStringLiteral("0")} << QStringLiteral("--msg-size");
        QTest::newRow("bad rate") << QStringList{tune, size, QStringLiteral("64"),
                                                 QStringLiteral("--rate"), QStringLiteral("fast")}
                                  << QStringLiteral("--rate");
        QTest::newRow("no producers")
            << QStringList{tune, size, QStringLiteral("64"), QStringLiteral("--producers"),
                           QStringLiteral("0")}
            << QStringLiteral("--producers");
        QTest::newRow("broadcast from two producers") << QStringList{tune,
                                                                     size,
                                                                     QStringLiteral("64"),
                                                                     QStringLiteral("--delivery"),
                                                                     QStringLiteral("broadcast"),
                                                                     QStringLiteral("--producers"),
                                                                     QStringLiteral("2")}
                                                      << QStringLiteral("--producers");
        QTest::newRow("bad delivery")
            << QStringList{tune, size, QStringLiteral("64"), QStringLiteral("--delivery"),
                           QStringLiteral("fanout")}
            << QStringLiteral("--delivery");
        QTest::newRow("bad objective")
            << QStringList{tune, size, QStringLiteral("64"), QStringLiteral("--objective"),
                           QStringLiteral("speed")}
            << QStringLiteral("--objective");
        QTest::newRow("cpu budget zero")
            << QStringList{tune, size, QStringLiteral("64"), QStringLiteral("--cpu-budget"),
                           QStringLiteral("0")}
            << QStringLiteral("--cpu-budget");
        QTest::newRow("budget too short")
            << QStringList{tune, size, QStringLiteral("64"), QStringLiteral("--budget-s"),
                           QStringLiteral("1")}
            << QStringLiteral("--budget-s");
        QTest::newRow("a measurement flag")
            << QStringList{tune, size, QStringLiteral("64"), QStringLiteral("--slots"),
                           QStringLiteral("8")}
            << QStringLiteral("--slots");
        QTest::newRow("csv") << QStringList{tune, size, QStringLiteral("64"),
                                            QStringLiteral("--format"), QStringLiteral("csv")}
                             << QStringLiteral("--format");
    }

    void badTuneFlags() {
        QFETCH(QStringList, args);
        QFETCH(QString, flag);
        QProcess bench;
        shmscope::test::dieWithTest(bench);
        bench.start(program("shmscope-bench"), args);
        QVERIFY(bench.waitForFinished(kWorkerTimeoutMs));
        QCOMPARE(bench.exitCode(), 2);
        QVERIFY(bench.readAllStandardOutput().isEmpty());
        const QString err = QString::fromUtf8(bench.readAllStandardError());
        QCOMPARE(err.count(QLatin1Char('\n')), 1);
        QVERIFY2(err.startsWith(QStringLiteral("shmscope-bench: ") + flag + QLatin1Char(':')),
                 qPrintable(err));
    }

private:
    // Runs the recommended worker arguments as given, on a channel of this test's own and with
    // a --count for the producers, and checks that every process delivers and ends with 0. The
    // producers start first (docs/CLI.md, Tuning): a consumer ends once every producer that
    // attached has closed, so all of them must be attached before the consumers come.
    void runWorkerArgs(const QJsonArray& workerArgs, int expectedProducers, int consumers,
                       bool broadcast) {
        QCOMPARE(workerArgs.size(), expectedProducers + consumers);
        static int run = 0;
        const QString channel =
            QStringLiteral("tst-tune-%1-%2").arg(QCoreApplication::applicationPid()).arg(++run);
        const RemoveChannel removal{channel};
        QList<QStringList> producerArgs, consumerArgs;
        for (const QJsonValue& value : workerArgs) {
            QStringList args;
            for (const QJsonValue& arg : value.toArray())
                args << arg.toString();
            const qsizetype at = args.indexOf(QStringLiteral("--channel"));
            QVERIFY(at >= 0 && at + 1 < args.size());
            QCOMPARE(args.at(at + 1), QStringLiteral("tuned"));
            args[at + 1] = channel;
            if (args.contains(QStringLiteral("producer")))
                producerArgs << (args << QStringLiteral("--count")
                                      << QString::number(kWorkerCount));
            else
                consumerArgs << args;
        }
        QCOMPARE(producerArgs.size(), expectedProducers);
        std::vector<std::unique_ptr<QProcess>> processes;
        const auto start = [&processes](const QStringList& args) {
            auto process = std::make_unique<QProcess>();
            shmscope::test::dieWithTest(*process);
            process->start(program("shmscope-worker"), args);
            const bool started = process->waitForStarted();
            processes.push_back(std::move(process));
            return started;
        };
        for (const QStringList& args : producerArgs)
            QVERIFY(start(args));
        QVERIFY2(QTest::qWaitFor([&] { return attachedProducers(channel) == expectedProducers; },
                                 kWorkerTimeoutMs),
                 "the producers did not attach");
        for (const QStringList& args : consumerArgs)
            QVERIFY(start(args));
        std::uint64_t delivered = 0;
        static const QRegularExpression summary(
            QStringLiteral("^consumer on \\S+: (\\d+) messages"));
        for (auto& process : processes) {
            QVERIFY(process->waitForFinished(kWorkerTimeoutMs));
            const QString out = QString::fromUtf8(process->readAllStandardOutput());
            QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                     qPrintable(out + process->readAllStandardError()));
            if (const auto match = summary.match(out); match.hasMatch())
                delivered += match.captured(1).toULongLong();
        }
        // Queue: each message to one consumer; broadcast: every message to every consumer.
        const int copies = broadcast ? consumers : 1;
        QCOMPARE(delivered,
                 std::uint64_t(kWorkerCount) * std::uint64_t(expectedProducers * copies));
        QVERIFY(!QFile::exists(QStringLiteral("/dev/shm/shmscope.") + channel));
    }

    // Producer records of live processes in the channel's statistics table (read-only).
    static int attachedProducers(const QString& channel) {
        auto reader = shmscope::SnapshotReader::openChannel(channel.toStdString(),
                                                            std::chrono::milliseconds(0));
        if (!reader)
            return 0;
        int producers = 0;
        for (const shmscope::RecordSnapshot& record : reader->take(false).records)
            producers += record.alive && record.role == shmscope::Role::Producer ? 1 : 0;
        return producers;
    }
};

QTEST_GUILESS_MAIN(TestTune)
#include "tst_tune.moc"
