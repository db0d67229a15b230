// The shmscope binary: scripted mode (screenshot and report), --help and --version without a
// display, and nothing left behind, also when it is killed.
#include "child_process.hpp"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

namespace {

constexpr int kRunMs = 120'000;

QString binary(const char* name) {
    return QStringLiteral(SHMSCOPE_BIN_DIR "/") + QLatin1String(name);
}

QStringList channelsOf(qint64 pid) {
    return QDir(QStringLiteral("/dev/shm"))
        .entryList({QStringLiteral("shmscope.*-%1-*").arg(pid)}, QDir::Files | QDir::System);
}

} // namespace

class tst_Scripted : public QObject {
    Q_OBJECT
private slots:
    void listsDemoFirst();
    void writesScreenshotAndReport();
    void rejectsAnUnknownScenario();
    void comparesTransports();
    void rejectsBadCompareUsage_data();
    void rejectsBadCompareUsage();
    void helpAndVersionNeedNoDisplay();
    void withoutDisplayOneLine_data();
    void withoutDisplayOneLine();
    void killedAppLeavesNothingBehind();
};

void tst_Scripted::listsDemoFirst() {
    QProcess app;
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"), {QStringLiteral("--list-scenarios")});
    QVERIFY(app.waitForFinished(kRunMs));
    QCOMPARE(app.exitCode(), 0);
    const QList<QByteArray> lines = app.readAllStandardOutput().split('\n');
    QVERIFY(lines.front().startsWith("demo"));
}

void tst_Scripted::writesScreenshotAndReport() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString screenshot = dir.filePath(QStringLiteral("demo.png"));
    const QString report = dir.filePath(QStringLiteral("demo.json"));
    QProcess app;
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"),
              {QStringLiteral("--platform"), QStringLiteral("offscreen"),
               QStringLiteral("--scenario"), QStringLiteral("demo"), QStringLiteral("--duration"),
               QStringLiteral("4"), QStringLiteral("--screenshot"), screenshot,
               QStringLiteral("--report"), report, QStringLiteral("--settings"),
               dir.filePath(QStringLiteral("settings.ini"))});
    QVERIFY(app.waitForStarted());
    const qint64 pid = app.processId();
    QVERIFY(app.waitForFinished(kRunMs));
    const QByteArray out = app.readAllStandardOutput();
    QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
    QVERIFY(out.contains("screenshot: " + screenshot.toUtf8()));
    QVERIFY(out.contains("report: " + report.toUtf8()));

    const QImage image(screenshot);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 640 && image.height() >= 400);

    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\s*\\{\\s*\"frame_ms\""))
                 .match(QString::fromUtf8(text))
                 .hasMatch(),
             text.left(80).constData());
    const QJsonObject json = QJsonDocument::fromJson(text).object();
    for (const char* key :
         {"frame_ms", "tick_late_ms", "missed_ticks", "displayed", "workers", "observations"})
        QVERIFY2(json.contains(QLatin1String(key)), key);
    QVERIFY(
        json.value(QStringLiteral("frame_ms")).toObject().value(QStringLiteral("count")).toInt() >
        0);
    const QJsonArray workers = json.value(QStringLiteral("workers")).toArray();
    QCOMPARE(workers.size(), 4);
    for (const QJsonValue& worker : workers)
        QCOMPARE(worker.toObject().value(QStringLiteral("event")).toString(),
                 QStringLiteral("summary"));
    for (const QJsonValue& observation : json.value(QStringLiteral("observations")).toArray()) {
        const QJsonObject o = observation.toObject();
        if (o.value(QStringLiteral("id")).toString().endsWith(QLatin1String("match_summaries")))
            QVERIFY2(o.value(QStringLiteral("holds")).toBool(),
                     QJsonDocument(o).toJson().constData());
    }
    QVERIFY2(channelsOf(pid).isEmpty(), qPrintable(channelsOf(pid).join(QLatin1Char(' '))));
}

void tst_Scripted::rejectsAnUnknownScenario() {
    QProcess app;
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"),
              {QStringLiteral("--platform"), QStringLiteral("offscreen"),
               QStringLiteral("--scenario"), QStringLiteral("no-such-scenario")});
    QVERIFY(app.waitForFinished(kRunMs));
    QCOMPARE(app.exitCode(), 2);
    // One line naming the flag (Qt itself may add its own environment warnings before it).
    QVERIFY(
        app.readAllStandardError().contains("--scenario: unknown scenario \"no-such-scenario\""));
}

// --compare runs the Compare view over the bench: every planned row arrives, the screenshot and
// report are written, and the bench's channels are gone.
void tst_Scripted::comparesTransports() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString screenshot = dir.filePath(QStringLiteral("compare.png"));
    const QString report = dir.filePath(QStringLiteral("compare.json"));
    QProcess app;
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"),
              {QStringLiteral("--platform"), QStringLiteral("offscreen"), QStringLiteral("--compare"),
               QStringLiteral("shm-spsc,pipe"), QStringLiteral("--sizes"), QStringLiteral("64,4KiB"),
               QStringLiteral("--duration"), QStringLiteral("100"), QStringLiteral("--screenshot"),
               screenshot, QStringLiteral("--report"), report});
    QVERIFY(app.waitForFinished(kRunMs));
    QVERIFY2(app.exitCode() == 0, app.readAllStandardError().constData());
    const QByteArray out = app.readAllStandardOutput();
    QVERIFY(out.contains("screenshot: " + screenshot.toUtf8()));
    QVERIFY(out.contains("report: " + report.toUtf8()));
    QVERIFY(!QImage(screenshot).isNull());

    QFile file(report);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    QVERIFY(text.startsWith("{\"frame_ms\""));
    const QJsonObject compare =
        QJsonDocument::fromJson(text).object().value(QStringLiteral("compare")).toObject();
    QCOMPARE(compare.value(QStringLiteral("outcome")).toString(), QStringLiteral("completed"));
    const QJsonArray rows = compare.value(QStringLiteral("rows")).toArray();
    QCOMPARE(rows.size(), 4);
    QSet<QString> seen;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = value.toObject();
        seen << row.value(QStringLiteral("transport")).toString() + QLatin1Char('/') +
                    QString::number(row.value(QStringLiteral("msg_size")).toInteger());
        QVERIFY2(row.value(QStringLiteral("msgs_per_s")).toDouble() > 0.0,
                 QJsonDocument(row).toJson().constData());
    }
    QCOMPARE(seen, (QSet<QString>{QStringLiteral("shm-spsc/64"), QStringLiteral("shm-spsc/4096"),
                                  QStringLiteral("pipe/64"), QStringLiteral("pipe/4096")}));
}

void tst_Scripted::rejectsBadCompareUsage_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("with a scenario")
        << QStringList{QStringLiteral("--compare"), QStringLiteral("pipe"),
                       QStringLiteral("--scenario"), QStringLiteral("demo")}
        << QByteArray("--compare and --scenario: choose one");
    QTest::newRow("sizes alone") << QStringList{QStringLiteral("--sizes"), QStringLiteral("64")}
                                 << QByteArray("--sizes needs --compare");
    QTest::newRow("bad size") << QStringList{QStringLiteral("--compare"), QStringLiteral("pipe"),
                                             QStringLiteral("--sizes"), QStringLiteral("64,lots")}
                              << QByteArray("--sizes: expected sizes in bytes");
    QTest::newRow("no transport") << QStringList{QStringLiteral("--compare"), QStringLiteral(",")}
                                  << QByteArray("--compare: expected transport ids");
}

void tst_Scripted::rejectsBadCompareUsage() {
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    QProcess app;
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"),
              QStringList{QStringLiteral("--platform"), QStringLiteral("offscreen")} + arguments);
    QVERIFY(app.waitForFinished(kRunMs));
    QCOMPARE(app.exitCode(), 2);
    const QByteArray errors = app.readAllStandardError();
    QVERIFY2(errors.contains("shmscope: " + message), errors.constData());
}

// --help and --version answer before any window system is touched: no display, no platform.
void tst_Scripted::helpAndVersionNeedNoDisplay() {
    QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        bare.remove(QLatin1String(name));
    for (const QString& flag : {QStringLiteral("--version"), QStringLiteral("-v")}) {
        QProcess app;
        app.setProcessEnvironment(bare);
        shmscope::test::dieWithTest(app);
        app.start(binary("shmscope"), {flag});
        QVERIFY(app.waitForFinished(kRunMs));
        QCOMPARE(app.exitStatus(), QProcess::NormalExit);
        QCOMPARE(app.exitCode(), 0);
        QCOMPARE(app.readAllStandardOutput().trimmed(), QByteArray("shmscope " SHMSCOPE_VERSION));
        QVERIFY(app.readAllStandardError().isEmpty());
    }
    for (const QString& flag : {QStringLiteral("--help"), QStringLiteral("-h")}) {
        QProcess app;
        app.setProcessEnvironment(bare);
        shmscope::test::dieWithTest(app);
        app.start(binary("shmscope"), {QStringLiteral("--lang"), QStringLiteral("zh_CN"), flag});
        QVERIFY(app.waitForFinished(kRunMs));
        QCOMPARE(app.exitCode(), 0);
        const QByteArray help = app.readAllStandardOutput();
        for (const char* option : {"--config", "--settings", "--lang", "--scenario", "--compare",
                                   "--sizes", "--duration",
                                   "--screenshot", "--report", "--list-scenarios", "--version"})
            QVERIFY2(help.contains(option), option);
    }
}

void tst_Scripted::withoutDisplayOneLine_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("no flags") << QStringList{} << 1 << QByteArray("shmscope: no display: ");
    QTest::newRow("a scenario") << QStringList{QStringLiteral("--scenario"), QStringLiteral("demo")}
                                << 1 << QByteArray("shmscope: no display: ");
    QTest::newRow("unknown flag") << QStringList{QStringLiteral("--no-such-flag")} << 2
                                  << QByteArray("shmscope: Unknown option 'no-such-flag'.");
    QTest::newRow("bad language") << QStringList{QStringLiteral("--lang"), QStringLiteral("xx")}
                                   << 2 << QByteArray("shmscope: --lang: ");
}

// Without a window system the flags are judged as with one, then one line says what is missing:
// never Qt's abort about platform plugins.
void tst_Scripted::withoutDisplayOneLine() {
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QByteArray, message);
    QProcessEnvironment bare = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        bare.remove(QLatin1String(name));
    QProcess app;
    app.setProcessEnvironment(bare);
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"), arguments);
    QVERIFY(app.waitForFinished(kRunMs));
    QCOMPARE(app.exitStatus(), QProcess::NormalExit);
    QCOMPARE(app.exitCode(), exitCode);
    const QByteArray errors = app.readAllStandardError();
    QVERIFY2(errors.startsWith(message) && errors.count('\n') == 1, errors.constData());
    QVERIFY(app.readAllStandardOutput().isEmpty());
}

namespace {

// Names in /dev/shm that belong to the demo channels of the application with this pid.
QStringList demoObjects(qint64 pid) {
    const QString mark = QStringLiteral("shmscope.demo-%1-").arg(pid);
    QStringList found;
    for (const QString& name : QDir(QStringLiteral("/dev/shm")).entryList(QDir::Files | QDir::System))
        if (name.startsWith(mark))
            found << name;
    return found;
}

// Processes whose command line names one of the application's demo channels.
QStringList workersOf(qint64 pid) {
    const QByteArray mark = QStringLiteral("demo-%1-").arg(pid).toUtf8();
    QStringList found;
    for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        entry.toLongLong(&number);
        if (!number)
            continue;
        QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
        if (cmdline.open(QIODevice::ReadOnly) && cmdline.readAll().contains(mark))
            found << entry;
    }
    return found;
}

} // namespace

// SIGKILL of the application in the middle of the demo: its workers end (their parent-death
// signal), the last one out removes the channel, and nothing of it is left in /dev/shm.
void tst_Scripted::killedAppLeavesNothingBehind() {
    QProcess app;
    shmscope::test::dieWithTest(app);
    app.start(binary("shmscope"), {QStringLiteral("--platform"), QStringLiteral("offscreen"),
                                   QStringLiteral("--scenario"), QStringLiteral("demo"),
                                   QStringLiteral("--duration"), QStringLiteral("60")});
    QVERIFY(app.waitForStarted(kRunMs));
    const qint64 pid = app.processId();
    QTRY_VERIFY_WITH_TIMEOUT(workersOf(pid).size() >= 4 && !demoObjects(pid).isEmpty(), kRunMs);
    QTest::qWait(500); // the session is running: it holds the channel, the workers move data
    ::kill(static_cast<pid_t>(pid), SIGKILL);
    QVERIFY(app.waitForFinished(kRunMs));
    QTRY_VERIFY2_WITH_TIMEOUT(workersOf(pid).isEmpty(), qPrintable(workersOf(pid).join(' ')), 5000);
    QTRY_VERIFY2_WITH_TIMEOUT(demoObjects(pid).isEmpty(), qPrintable(demoObjects(pid).join(' ')), 5000);
}

QTEST_GUILESS_MAIN(tst_Scripted)
#include "tst_scripted.moc"
