// shmscope-bench as a real process: a tiny run prints rows in docs/CLI.md's JSON schema that all
// moved data, Markdown and CSV carry the same rows, --out writes a file, the bench leaves no shared
// memory behind, and --help, --version and bad usage keep docs/CLI.md's exit codes. A bench
// killed by SIGKILL takes iceoryx's daemon and its measuring processes with it, and a RouDi left
// by a dead benchmark is stopped by the next one.
#include "child_process.hpp"

#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/types.h>

namespace {

constexpr int kRunTimeoutMs = 120'000;

struct Finished {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 pid = 0;
};

Finished runBench(const QStringList& args) {
    QProcess process;
    shmscope::test::dieWithTest(process);
    process.start(QStringLiteral(SHMSCOPE_BIN_DIR "/shmscope-bench"), args);
    Finished finished;
    if (!process.waitForStarted())
        return finished;
    finished.pid = process.processId();
    if (!process.waitForFinished(kRunTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        return finished;
    }
    finished.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    finished.out = process.readAllStandardOutput();
    finished.err = process.readAllStandardError();
    return finished;
}

const QStringList kTinyRun = {
    QStringLiteral("--transports"), QStringLiteral("memcpy,shm-spsc,pipe"),
    QStringLiteral("--sizes"),      QStringLiteral("4096"),
    QStringLiteral("--reps"),       QStringLiteral("1"),
    QStringLiteral("--seconds"),    QStringLiteral("0.05")};

QStringList leftovers(qint64 pid) {
    const QString mark = QStringLiteral("shmscope-bench-%1-").arg(pid);
    QStringList found;
    for (const QString& dir : {QStringLiteral("/dev/shm"), QDir::tempPath()})
        for (const QString& name : QDir(dir).entryList(QDir::Files | QDir::System | QDir::Hidden))
            if (name.contains(mark))
                found << dir + QLatin1Char('/') + name;
    return found;
}

// --- Processes, read from /proc ---------------------------------------------------------------

struct ProcInfo {
    qint64 pid = 0;
    qint64 parent = 0;
    QByteArray comm;
    bool zombie = false;
};

QList<ProcInfo> processes() {
    QList<ProcInfo> found;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString& entry : entries) {
        bool number = false;
        const qint64 pid = entry.toLongLong(&number);
        if (!number)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open)
            continue;
        const QList<QByteArray> rest = line.mid(close + 2).split(' ');
        if (rest.size() < 2)
            continue;
        found.append({pid, rest.at(1).toLongLong(), line.mid(open + 1, close - open - 1),
                      rest.at(0) == "Z" || rest.at(0) == "X"});
    }
    return found;
}

// Every live process below `root`.
QList<ProcInfo> descendants(qint64 root) {
    const QList<ProcInfo> all = processes();
    QSet<qint64> tree = {root};
    QList<ProcInfo> found;
    for (bool grew = true; grew;) {
        grew = false;
        for (const ProcInfo& process : all) {
            if (!process.zombie && tree.contains(process.parent) && !tree.contains(process.pid)) {
                tree.insert(process.pid);
                found.append(process);
                grew = true;
            }
        }
    }
    return found;
}

bool alive(qint64 pid) {
    for (const ProcInfo& process : processes())
        if (process.pid == pid)
            return !process.zombie;
    return false;
}

QList<qint64> runningRoudis() {
    QList<qint64> found;
    for (const ProcInfo& process : processes())
        if (process.comm == "iox-roudi" && !process.zombie)
            found << process.pid;
    return found;
}

bool fileContains(const QString& path, const QByteArray& text) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) && file.readAll().contains(text);
}

// The iceoryx row of a tiny run, as JSON.
QJsonObject iceoryxRow(const Finished& run) {
    return QJsonDocument::fromJson(run.out).array().first().toObject();
}

const QStringList kIceoryxRun = {QStringLiteral("--transports"), QStringLiteral("iceoryx"),
                                 QStringLiteral("--sizes"),      QStringLiteral("4096"),
                                 QStringLiteral("--reps"),       QStringLiteral("1"),
                                 QStringLiteral("--seconds"),    QStringLiteral("0.05"),
                                 QStringLiteral("--format"),     QStringLiteral("json")};

} // namespace

class tst_Bench : public QObject {
    Q_OBJECT
private slots:
    void jsonRowsFollowTheSchema();
    void markdownAndCsvCarryTheRows();
    void jsonLinesFollowTheRun();
    void limitRowsMeasureTheMachine();
    void outWritesTheFile();
    void helpAndVersionExitZero();
    void badUsageExitsTwo_data();
    void badUsageExitsTwo();
    void killedBenchTakesIceoryxWithIt();
    void leftoverRoudiIsStopped();

private:
    void requireIceoryx();
};

void tst_Bench::jsonRowsFollowTheSchema() {
    const Finished run =
        runBench(kTinyRun + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(run.exitCode, 0);
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString() + run.out));
    QVERIFY(document.isArray());
    const QJsonArray rows = document.array();
    QCOMPARE(rows.size(), 3);

    const QStringList expected = {QStringLiteral("memcpy"), QStringLiteral("shm-spsc"),
                                  QStringLiteral("pipe")};
    const QStringList numbers = {
        QStringLiteral("msgs_per_s"), QStringLiteral("bytes_per_s"), QStringLiteral("spread"),
        QStringLiteral("cpu_ns_per_msg_producer"), QStringLiteral("cpu_ns_per_msg_consumer")};
    const QStringList latencies = {QStringLiteral("lat_p50_ns"), QStringLiteral("lat_p99_ns"),
                                   QStringLiteral("lat_p999_ns"), QStringLiteral("lat_max_ns")};
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        QCOMPARE(row.value(QStringLiteral("transport")).toString(), expected.at(i));
        QCOMPARE(row.value(QStringLiteral("msg_size")).toInteger(), 4096);
        QVERIFY2(row.value(QStringLiteral("skipped")).isNull(),
                 qPrintable(row.value(QStringLiteral("skipped")).toString()));
        for (const QString& key : numbers)
            QVERIFY2(row.value(key).isDouble(), qPrintable(key));
        for (const QString& key : latencies)
            QVERIFY2(row.contains(key) && (row.value(key).isDouble() || row.value(key).isNull()),
                     qPrintable(key));
        // Every row moved data, and bytes/s is messages/s times the message size.
        const double rate = row.value(QStringLiteral("msgs_per_s")).toDouble();
        QVERIFY(rate > 0);
        QVERIFY(qAbs(row.value(QStringLiteral("bytes_per_s")).toDouble() - rate * 4096) <=
                rate * 4096 * 1e-9);
        QVERIFY(row.value(QStringLiteral("cpu_ns_per_msg_producer")).toDouble() > 0);
    }
    // Transports between two processes have a latency from the fixed-rate stream; memcpy has none.
    QVERIFY(rows.at(0).toObject().value(QStringLiteral("lat_p50_ns")).isNull());
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const QJsonObject row = rows.at(i).toObject();
        QVERIFY(row.value(QStringLiteral("lat_p50_ns")).toInteger() > 0);
        QVERIFY(row.value(QStringLiteral("lat_p50_ns")).toInteger() <=
                row.value(QStringLiteral("lat_p99_ns")).toInteger());
        QVERIFY(row.value(QStringLiteral("lat_p999_ns")).toInteger() <=
                row.value(QStringLiteral("lat_max_ns")).toInteger());
        QVERIFY(row.value(QStringLiteral("cpu_ns_per_msg_consumer")).toDouble() > 0);
    }
    QVERIFY2(leftovers(run.pid).isEmpty(), qPrintable(leftovers(run.pid).join(QLatin1Char(' '))));
}

void tst_Bench::markdownAndCsvCarryTheRows() {
    const Finished markdown = runBench(kTinyRun);
    QCOMPARE(markdown.exitCode, 0);
    const QList<QByteArray> lines = markdown.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2 + 3); // header, separator, rows
    QVERIFY(lines.at(0).startsWith("| transport | size | msgs/s"));
    QVERIFY(lines.at(3).startsWith("| shm-spsc | 4.0 KiB |"));

    const Finished csv =
        runBench(kTinyRun + QStringList{QStringLiteral("--format"), QStringLiteral("csv")});
    QCOMPARE(csv.exitCode, 0);
    const QList<QByteArray> records = csv.out.trimmed().split('\n');
    QCOMPARE(records.size(), 1 + 3);
    QVERIFY(records.at(0).startsWith("transport,msg_size,msgs_per_s,bytes_per_s,"));
    QVERIFY(records.at(3).startsWith("pipe,4096,"));
}

// limit-ring and limit-line run beside the transports; Markdown divides each shm row by the
// limit-ring row of its size ("× limit"); limit-line has the latency floor and no rows above 64 B.
void tst_Bench::limitRowsMeasureTheMachine() {
    const QStringList run = {
        QStringLiteral("--transports"), QStringLiteral("limit-ring,limit-line,shm-spsc"),
        QStringLiteral("--sizes"),      QStringLiteral("64,4096"),
        QStringLiteral("--reps"),       QStringLiteral("1"),
        QStringLiteral("--seconds"),    QStringLiteral("0.05")};
    const Finished json =
        runBench(run + QStringList{QStringLiteral("--format"), QStringLiteral("json")});
    QCOMPARE(json.exitCode, 0);
    const QJsonArray rows = QJsonDocument::fromJson(json.out).array();
    QCOMPARE(rows.size(), 6);
    QHash<QString, QJsonObject> byKey;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        byKey.insert(row.value(QStringLiteral("transport")).toString() + QLatin1Char('@') +
                         QString::number(row.value(QStringLiteral("msg_size")).toInteger()),
                     row);
    }
    for (const QString& key : {QStringLiteral("limit-ring@64"), QStringLiteral("limit-ring@4096"),
                               QStringLiteral("limit-line@64")}) {
        const QJsonObject row = byKey.value(key);
        QVERIFY2(row.value(QStringLiteral("skipped")).isNull(), qPrintable(key));
        QVERIFY2(row.value(QStringLiteral("msgs_per_s")).toDouble() > 0, qPrintable(key));
        QVERIFY2(row.value(QStringLiteral("pingpong_p50_ns")).toInteger() > 0, qPrintable(key));
    }
    QVERIFY(byKey.value(QStringLiteral("limit-line@4096"))
                .value(QStringLiteral("skipped"))
                .toString()
                .contains(QStringLiteral("64 B")));

    const Finished markdown = runBench(run);
    QCOMPARE(markdown.exitCode, 0);
    const QList<QByteArray> lines = markdown.out.trimmed().split('\n');
    QVERIFY(lines.at(0).startsWith("| transport | size | msgs/s | × limit |"));
    for (const QByteArray& line : lines) {
        const QList<QByteArray> cells = line.split('|');
        if (line.startsWith("| shm-spsc |")) {
            bool number = false;
            QVERIFY2(cells.at(4).trimmed().toDouble(&number) > 0 && number, line.constData());
        } else if (line.startsWith("| limit-") && !line.contains("skipped")) {
            QCOMPARE(cells.at(4).trimmed(), QByteArray("–"));
        }
    }
}

// --format jsonl: one object a line, progress before each step, each row as it finishes (the
// JSON row's fields plus a latency CDF), nothing else on stdout.
void tst_Bench::jsonLinesFollowTheRun() {
    const Finished run =
        runBench(kTinyRun + QStringList{QStringLiteral("--format"), QStringLiteral("jsonl")});
    QCOMPARE(run.exitCode, 0);
    qint64 lastStep = 0;
    qint64 steps = 0;
    QList<QJsonObject> rows;
    for (const QByteArray& line : run.out.trimmed().split('\n')) {
        QJsonParseError error{};
        const QJsonObject event = QJsonDocument::fromJson(line, &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, line.constData());
        const QString kind = event.value(QStringLiteral("event")).toString();
        if (kind == QStringLiteral("progress")) {
            QCOMPARE(event.value(QStringLiteral("step")).toInteger(), lastStep + 1);
            lastStep = event.value(QStringLiteral("step")).toInteger();
            steps = event.value(QStringLiteral("steps")).toInteger();
            QVERIFY(!event.value(QStringLiteral("row")).toString().isEmpty());
        } else {
            QCOMPARE(kind, QStringLiteral("row"));
            rows << event;
        }
    }
    QVERIFY(steps > 0);
    QCOMPARE(lastStep, steps);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.at(0).value(QStringLiteral("transport")).toString(), QStringLiteral("memcpy"));
    QVERIFY(rows.at(0).value(QStringLiteral("lat_cdf_ns")).toArray().isEmpty());
    for (const QJsonObject& row : rows.mid(1)) {
        QVERIFY(row.value(QStringLiteral("msgs_per_s")).toDouble() > 0);
        const QJsonArray cdf = row.value(QStringLiteral("lat_cdf_ns")).toArray();
        QVERIFY(!cdf.isEmpty());
        for (qsizetype i = 1; i < cdf.size(); ++i)
            QVERIFY(cdf.at(i).toInteger() >= cdf.at(i - 1).toInteger());
        QCOMPARE(cdf.last().toInteger(), row.value(QStringLiteral("lat_max_ns")).toInteger());
    }
}

void tst_Bench::outWritesTheFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rows.json"));
    const Finished run = runBench(
        {QStringLiteral("--transports"), QStringLiteral("memcpy"), QStringLiteral("--sizes"),
         QStringLiteral("64"), QStringLiteral("--reps"), QStringLiteral("1"),
         QStringLiteral("--seconds"), QStringLiteral("0.02"), QStringLiteral("--format"),
         QStringLiteral("json"), QStringLiteral("--out"), path});
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).array().size(), 1);
}

void tst_Bench::helpAndVersionExitZero() {
    const Finished help = runBench({QStringLiteral("--help")});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.startsWith("Usage: shmscope-bench"));
    const Finished version = runBench({QStringLiteral("--version")});
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.startsWith("shmscope-bench "));
}

void tst_Bench::badUsageExitsTwo_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QByteArray>("flag");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--bogus")}
                                  << QByteArray("--bogus");
    QTest::newRow("unknown transport")
        << QStringList{QStringLiteral("--transports"), QStringLiteral("carrier-pigeon")}
        << QByteArray("--transports");
    QTest::newRow("checksum on a pipe")
        << QStringList{QStringLiteral("--transports"), QStringLiteral("pipe+xxh3")}
        << QByteArray("--transports");
    QTest::newRow("a limit row does not wait")
        << QStringList{QStringLiteral("--transports"), QStringLiteral("limit-ring@sleep")}
        << QByteArray("--transports");
    QTest::newRow("unknown wait") << QStringList{QStringLiteral("--transports"),
                                                 QStringLiteral("shm-spsc@nap")}
                                  << QByteArray("--transports");
    QTest::newRow("malformed size")
        << QStringList{QStringLiteral("--sizes"), QStringLiteral("4Q")} << QByteArray("--sizes");
    QTest::newRow("zero reps") << QStringList{QStringLiteral("--reps"), QStringLiteral("0")}
                               << QByteArray("--reps");
    QTest::newRow("slots not a power of two")
        << QStringList{QStringLiteral("--slots"), QStringLiteral("3")} << QByteArray("--slots");
    QTest::newRow("unknown format")
        << QStringList{QStringLiteral("--format"), QStringLiteral("xml")} << QByteArray("--format");
    QTest::newRow("unknown sweep")
        << QStringList{QStringLiteral("--sweep"), QStringLiteral("moon")} << QByteArray("--sweep");
    QTest::newRow("missing value")
        << QStringList{QStringLiteral("--seconds")} << QByteArray("--seconds");
}

void tst_Bench::badUsageExitsTwo() {
    QFETCH(QStringList, args);
    QFETCH(QByteArray, flag);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("never.md"));
    const Finished run = runBench(args + QStringList{QStringLiteral("--out"), out});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY2(run.err.contains(flag), run.err.constData());
    QVERIFY(!QFile::exists(out)); // nothing is created
}

void tst_Bench::requireIceoryx() {
#ifndef SHMSCOPE_HAVE_ICEORYX
    QSKIP("shmscope-bench was built without iceoryx");
#endif
    if (QStandardPaths::findExecutable(QStringLiteral("iox-roudi")).isEmpty())
        QSKIP("iox-roudi is not installed");
    // iceoryx allows one RouDi on the machine: one that runs already belongs to someone else.
    if (!runningRoudis().isEmpty())
        QSKIP("an iox-roudi is already running");
}

// SIGKILL during an iceoryx row: RouDi, its keeper and the measuring processes all end, RouDi's
// shared memory goes with them, and the next bench measures its iceoryx row.
void tst_Bench::killedBenchTakesIceoryxWithIt() {
    requireIceoryx();
    QProcess bench;
    shmscope::test::dieWithTest(bench);
    bench.start(QStringLiteral(SHMSCOPE_BIN_DIR "/shmscope-bench"),
                {QStringLiteral("--transports"), QStringLiteral("iceoryx"),
                 QStringLiteral("--sizes"), QStringLiteral("4096"), QStringLiteral("--reps"),
                 QStringLiteral("1"), QStringLiteral("--seconds"), QStringLiteral("60")});
    QVERIFY(bench.waitForStarted());
    const qint64 pid = bench.processId();
    const QString logGlob = QStringLiteral("shmscope-bench-%1-*.roudi.log").arg(pid);
    // During the row: RouDi is ready and the producer and consumer run beside RouDi's keeper.
    const auto duringTheRow = [&] {
        const QList<ProcInfo> below = descendants(pid);
        qsizetype roudis = 0, benches = 0;
        for (const ProcInfo& process : below) {
            roudis += process.comm == "iox-roudi" ? 1 : 0;
            benches += process.comm == "shmscope-bench" ? 1 : 0;
        }
        const QStringList logs = QDir(QDir::tempPath()).entryList({logGlob}, QDir::Files);
        return roudis == 1 && benches >= 3 && !logs.isEmpty() &&
               fileContains(QDir(QDir::tempPath()).filePath(logs.first()),
                            "RouDi is ready for clients");
    };
    QTRY_VERIFY_WITH_TIMEOUT(duringTheRow(), 30'000);
    const QList<ProcInfo> below = descendants(pid);
    bench.kill();
    QVERIFY(bench.waitForFinished());
    const auto anyLeft = [&] {
        for (const ProcInfo& process : below)
            if (alive(process.pid))
                return true;
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(!anyLeft(), 15'000);
    QVERIFY(runningRoudis().isEmpty());
    QVERIFY(!QFile::exists(QStringLiteral("/dev/shm/iceoryx_mgmt")));

    const Finished next = runBench(kIceoryxRun);
    QCOMPARE(next.exitCode, 0);
    const QJsonObject row = iceoryxRow(next);
    QVERIFY2(row.value(QStringLiteral("skipped")).isNull(),
             qPrintable(row.value(QStringLiteral("skipped")).toString()));
    QVERIFY(row.value(QStringLiteral("msgs_per_s")).toDouble() > 0);
    // The killed bench's files (RouDi's configuration and log, the iceoryx sockets of its
    // measuring processes) are gone too: its keeper or the next bench removed them.
    QStringList left = leftovers(pid);
    for (const ProcInfo& process : below)
        for (const QString& suffix : {QString(), QStringLiteral(".lock")})
            if (const QString path =
                    QStringLiteral("/tmp/shmscope-bench-%1%2").arg(process.pid).arg(suffix);
                QFileInfo::exists(path))
                left << path;
    for (const QString& path : std::as_const(left))
        QFile::remove(path);
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
}

// A RouDi that nothing uses and whose parent is no bench (here detached, as one left by a bench
// killed before parent-death signals existed) is stopped by the next bench, which says so on
// stderr and measures its iceoryx row.
void tst_Bench::leftoverRoudiIsStopped() {
    requireIceoryx();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString log = dir.filePath(QStringLiteral("roudi.log"));
    QProcess starter;
    starter.setProgram(QStringLiteral("iox-roudi"));
    starter.setStandardOutputFile(log);
    starter.setStandardErrorFile(QProcess::nullDevice());
    qint64 roudi = 0;
    QVERIFY(starter.startDetached(&roudi));
    struct StopRoudi {
        qint64 pid;
        ~StopRoudi() {
            if (!alive(pid))
                return;
            ::kill(static_cast<pid_t>(pid), SIGTERM);
            for (int i = 0; i < 1000 && alive(pid); ++i)
                QTest::qWait(10);
            if (alive(pid))
                ::kill(static_cast<pid_t>(pid), SIGKILL);
        }
    } stop{roudi};
    QTRY_VERIFY_WITH_TIMEOUT(fileContains(log, "RouDi is ready for clients"), 10'000);

    const Finished run = runBench(kIceoryxRun);
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(
        run.err.contains(QStringLiteral("shmscope-bench: stopped a leftover iox-roudi (pid %1)")
                             .arg(roudi)
                             .toUtf8()),
        run.err.constData());
    QCOMPARE(run.err.count('\n'), 1);
    QVERIFY(!alive(roudi));
    const QJsonObject row = iceoryxRow(run);
    QVERIFY2(row.value(QStringLiteral("skipped")).isNull(),
             qPrintable(row.value(QStringLiteral("skipped")).toString()));
    QVERIFY(row.value(QStringLiteral("msgs_per_s")).toDouble() > 0);
    QVERIFY(runningRoudis().isEmpty());
    QVERIFY(!QFile::exists(QStringLiteral("/dev/shm/iceoryx_mgmt")));
}

QTEST_GUILESS_MAIN(tst_Bench)
#include "tst_bench.moc"
