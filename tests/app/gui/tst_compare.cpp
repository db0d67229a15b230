// The Compare view over the real shmscope-bench: a tiny comparison fills its rows one by one
// and draws both plots, exports the bench's own CSV and Markdown and two PNGs; Cancel ends the
// bench's whole process group and leaves nothing in shared memory; a bench that fails shows its
// one line. The table model is checked by QAbstractItemModelTester.
#include "compare_dock.hpp"
#include "compare_model.hpp"
#include "compare_plot.hpp"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cerrno>
#include <csignal>

using namespace shmscope::gui;

namespace {

constexpr int kRunDeadlineMs = 180'000;
constexpr int kCancelDeadlineMs = 30'000;

CompareRequest tinyRequest() {
    CompareRequest request;
    request.transports = {QStringLiteral("memcpy"), QStringLiteral("shm-spsc"),
                          QStringLiteral("pipe")};
    request.sizes = {64};
    request.reps = 1;
    request.seconds = 0.05;
    return request;
}

// What a bench with this pid left in /dev/shm and the temporary directory.
QStringList leftovers(qint64 pid) {
    const QString mark = QStringLiteral("shmscope-bench-%1-").arg(pid);
    QStringList found;
    for (const QString& dir : {QStringLiteral("/dev/shm"), QDir::tempPath()})
        for (const QString& name : QDir(dir).entryList(QDir::Files | QDir::System | QDir::Hidden))
            if (name.contains(mark))
                found << dir + QLatin1Char('/') + name;
    return found;
}

QStringList fileLines(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
}

shmscope::bench::Row row(const char* transport, std::uint64_t size, double msgsPerS) {
    shmscope::bench::Row r;
    r.transport = transport;
    r.msgSize = size;
    r.msgsPerS = msgsPerS;
    r.bytesPerS = msgsPerS * static_cast<double>(size);
    return r;
}

} // namespace

class tst_Compare : public QObject {
    Q_OBJECT
private slots:
    void modelFillsPlannedRows();
    void tinyComparisonFillsRowsAndPlots();
    void cancelEndsTheBenchAndLeavesNothing();
    void failingBenchShowsItsLine();
};

void tst_Compare::modelFillsPlannedRows() {
    CompareModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPlan({QStringLiteral("shm-spsc"), QStringLiteral("pipe")}, {64, 4096});
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.finishedCount(), 0);
    model.setResult(row("pipe", 4096, 1000));
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(model.finishedCount(), 1);
    QCOMPARE(model.index(3, 0).data().toString(), QStringLiteral("pipe"));
    QVERIFY(
        !model.index(3, int(CompareModel::Column::MessagesPerSecond)).data().toString().isEmpty());
    model.setResult(row("shm-spsc slot=64 B", 64, 5000)); // a row the plan did not name
    QCOMPARE(model.rowCount(), 5);
    model.markUnfinished(QStringLiteral("cancelled"));
    QCOMPARE(model.index(0, int(CompareModel::Column::Note)).data().toString(),
             QStringLiteral("cancelled"));
    QCOMPARE(model.throughputSeries().size(), std::size_t{2});
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_Compare::tinyComparisonFillsRowsAndPlots() {
    CompareDock dock;
    dock.resize(1200, 700);
    dock.show();
    QAbstractItemModelTester tester(&dock.model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy rows(&dock.run(), &CompareRun::rowFinished);
    QSignalSpy progress(&dock.run(), &CompareRun::progress);
    QSignalSpy finished(&dock.run(), &CompareRun::finished);
    int rowsBeforeTheEnd = 0;
    connect(&dock.run(), &CompareRun::rowFinished, this,
            [&] { rowsBeforeTheEnd += finished.isEmpty() ? 1 : 0; });
    dock.setRequest(tinyRequest());
    dock.startRun();
    QCOMPARE(dock.model().rowCount(), 3); // planned, waiting
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunDeadlineMs);

    QCOMPARE(finished.first().at(0).value<CompareRun::Outcome>(), CompareRun::Outcome::Completed);
    QVERIFY2(dock.errorText().isEmpty(), qPrintable(dock.errorText()));
    QVERIFY(!progress.isEmpty());
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rowsBeforeTheEnd, 3); // each row arrived while the bench still ran
    QCOMPARE(dock.model().rowCount(), 3);
    QCOMPARE(dock.model().finishedCount(), 3);
    for (int r = 0; r < 3; ++r) {
        const QString rate =
            dock.model().index(r, int(CompareModel::Column::MessagesPerSecond)).data().toString();
        QVERIFY2(!rate.isEmpty(), qPrintable(dock.model().index(r, 0).data().toString()));
    }
    // Throughput: a line per transport; latency CDF: the two transports between processes.
    QCOMPARE(dock.throughputPlot().lineCount(), 3);
    QCOMPARE(dock.throughputPlot().pointCount(), 3);
    QCOMPARE(dock.latencyPlot().lineCount(), 2);
    QVERIFY(dock.latencyPlot().pointCount() > 2);
    QVERIFY2(leftovers(dock.run().benchPid()).isEmpty(),
             qPrintable(leftovers(dock.run().benchPid()).join(QLatin1Char(' '))));

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("compare.csv"));
    const QString markdown = dir.filePath(QStringLiteral("compare.md"));
    QVERIFY(dock.exportTable(csv));
    QVERIFY(dock.exportTable(markdown));
    const QStringList records = fileLines(csv);
    QCOMPARE(records.size(), 1 + 3);
    QVERIFY(records.at(0).startsWith(QStringLiteral("transport,msg_size,msgs_per_s")));
    QVERIFY(records.at(2).startsWith(QStringLiteral("shm-spsc,64,")));
    QCOMPARE(fileLines(markdown).size(), 2 + 3);
    QVERIFY(fileLines(markdown).at(0).startsWith(QStringLiteral("| transport |")));
    const QString prefix = dir.filePath(QStringLiteral("compare"));
    QVERIFY(dock.exportPlots(prefix));
    QVERIFY(!QImage(prefix + QStringLiteral("-throughput.png")).isNull());
    QVERIFY(!QImage(prefix + QStringLiteral("-latency.png")).isNull());
}

void tst_Compare::cancelEndsTheBenchAndLeavesNothing() {
    CompareDock dock;
    dock.show();
    CompareRequest request;
    request.transports = {QStringLiteral("shm-spsc"), QStringLiteral("shm-mutex"),
                          QStringLiteral("file-spsc")};
    request.sizes = {64, 4096};
    request.reps = 5;
    request.seconds = 2.0; // a minute in all: long enough to be cancelled mid-measurement
    dock.setRequest(request);
    QSignalSpy progress(&dock.run(), &CompareRun::progress);
    QSignalSpy finished(&dock.run(), &CompareRun::finished);
    dock.startRun();
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 2, kRunDeadlineMs);
    const qint64 pid = dock.run().benchPid();
    QVERIFY(pid > 0);
    dock.cancelRun();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kCancelDeadlineMs);
    QCOMPARE(finished.first().at(0).value<CompareRun::Outcome>(), CompareRun::Outcome::Cancelled);
    // Nothing of the bench's process group is left, and nothing of its channels.
    QTRY_VERIFY_WITH_TIMEOUT(::kill(static_cast<pid_t>(-pid), 0) != 0 && errno == ESRCH,
                             kCancelDeadlineMs);
    QVERIFY2(leftovers(pid).isEmpty(), qPrintable(leftovers(pid).join(QLatin1Char(' '))));
    QVERIFY(dock.model().finishedCount() < dock.model().rowCount());
    QVERIFY(dock.errorText().isEmpty());
}

void tst_Compare::failingBenchShowsItsLine() {
    CompareDock dock;
    dock.show();
    CompareRequest request = tinyRequest();
    request.transports = {QStringLiteral("no-such-transport")};
    dock.setRequest(request);
    QSignalSpy finished(&dock.run(), &CompareRun::finished);
    dock.startRun();
    QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), kRunDeadlineMs);
    QCOMPARE(finished.first().at(0).value<CompareRun::Outcome>(), CompareRun::Outcome::Failed);
    QVERIFY2(dock.errorText().startsWith(QStringLiteral("shmscope-bench: --transports")),
             qPrintable(dock.errorText()));
    QVERIFY(!dock.errorText().contains(QLatin1Char('\n')));
    QCOMPARE(dock.model().finishedCount(), 0);
}

QTEST_MAIN(tst_Compare)
#include "tst_compare.moc"
