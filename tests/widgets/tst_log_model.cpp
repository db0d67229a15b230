#include "log_model.hpp"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace shmscope::widgets;

namespace {
LogLine line(int i, const QString& text) {
    return LogLine{QDateTime::currentDateTime(), static_cast<std::uint32_t>(100 + i % 3),
                   QStringLiteral("consumer"), QStringLiteral("stderr"), text};
}
} // namespace

class tst_LogModel : public QObject {
    Q_OBJECT
private slots:
    void keepsTheLastLines();
    void filterCopyAndSave();
};

void tst_LogModel::keepsTheLastLines() {
    LogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int i = 0; i < 20; ++i)
        model.append(line(i, QStringLiteral("line %1").arg(i)));
    QCOMPARE(model.rowCount(), 20);
    model.clear();
    QCOMPARE(model.rowCount(), 0);

    // Filling past the capacity drops the oldest lines (no tester here: it re-checks the whole
    // model on every change).
    LogModel full;
    const int total = LogModel::kCapacity + 25;
    for (int i = 0; i < total; ++i)
        full.append(line(i, QStringLiteral("line %1").arg(i)));
    QCOMPARE(full.rowCount(), LogModel::kCapacity);
    QCOMPARE(full.lineAt(0).text, QStringLiteral("line 25"));
    QCOMPARE(full.lineAt(LogModel::kCapacity - 1).text, QStringLiteral("line %1").arg(total - 1));
}

void tst_LogModel::filterCopyAndSave() {
    LogModel model;
    model.append(line(0, QStringLiteral("attached to channel")));
    model.append(line(1, QStringLiteral("peer stalled for 2 s")));
    model.append(line(2, QStringLiteral("summary written")));
    QSortFilterProxyModel filter;
    filter.setSourceModel(&model);
    filter.setFilterKeyColumn(-1);
    filter.setFilterCaseSensitivity(Qt::CaseInsensitive);
    filter.setFilterFixedString(QStringLiteral("STALLED"));
    QCOMPARE(filter.rowCount(), 1);
    const int source = filter.mapToSource(filter.index(0, 0)).row();
    QVERIFY(model.formatRows({source}).endsWith(QStringLiteral("peer stalled for 2 s")));

    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::ReadWrite));
    QVERIFY(model.save(buffer));
    QCOMPARE(QString::fromUtf8(buffer.data()).count(QLatin1Char('\n')), 3);
}

QTEST_GUILESS_MAIN(tst_LogModel)
#include "tst_log_model.moc"
