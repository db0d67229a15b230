#include "process_table_model.hpp"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QTest>

using namespace shmscope::widgets;

namespace {

ProcessRow row(std::uint32_t pid, std::uint64_t messages, bool alive = true) {
    ProcessRow r;
    r.key = QString::number(pid);
    r.pid = pid;
    r.role = pid % 2 == 0 ? ProcessRole::Producer : ProcessRole::Consumer;
    r.state = QStringLiteral("running");
    r.alive = alive;
    r.messages = messages;
    r.messagesPerSecond = 1000.0 + pid;
    return r;
}

} // namespace

class tst_ProcessTableModel : public QObject {
    Q_OBJECT
private slots:
    void passesTheModelTester();
    void selectionSurvivesRefreshes();
    void missingProcessStaysAsDead();
    void nonZeroCountersAreHighlighted();
    void bridgeShowsItsDirection();
};

void tst_ProcessTableModel::passesTheModelTester() {
    ProcessTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setRows({row(10, 1), row(11, 2)});
    model.setRows({row(10, 5), row(11, 6), row(12, 0)});
    model.setRows({row(12, 3)});
    QCOMPARE(model.rowCount(), 3);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void tst_ProcessTableModel::selectionSurvivesRefreshes() {
    ProcessTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QItemSelectionModel selection(&model);
    model.setRows({row(100, 0), row(101, 0), row(102, 0)});
    selection.select(model.index(1, 0),
                     QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    for (std::uint64_t i = 1; i <= 100; ++i) {
        std::vector<ProcessRow> rows = {row(102, i * 3), row(100, i), row(101, i * 2)};
        if (i == 50)
            rows.push_back(row(103, 0)); // a new worker joins half way
        model.setRows(rows);
    }
    const QModelIndexList selected = selection.selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.front().data(ProcessTableModel::KeyRole).toString(), QStringLiteral("101"));
    QCOMPARE(model.rowAt(selected.front().row())->messages, quint64(200));
    QCOMPARE(model.rowCount(), 4);
}

void tst_ProcessTableModel::missingProcessStaysAsDead() {
    ProcessTableModel model;
    model.setRows({row(7, 1), row(8, 1)});
    model.setRows({row(8, 2)});
    QCOMPARE(model.rowCount(), 2);
    const int dead = model.rowOf(QStringLiteral("7"));
    QVERIFY(!model.rowAt(dead)->alive);
    const auto alive = model.index(dead, static_cast<int>(ProcessTableModel::Column::Alive));
    QCOMPARE(alive.data().toString(), QStringLiteral("dead"));
}

void tst_ProcessTableModel::nonZeroCountersAreHighlighted() {
    ProcessTableModel model;
    ProcessRow bad = row(9, 10);
    bad.corrupt = 2;
    model.setRows({bad, row(10, 10)});
    const int corruptColumn = static_cast<int>(ProcessTableModel::Column::Corrupt);
    QVERIFY(model.index(0, corruptColumn).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(!model.index(1, corruptColumn).data(Qt::FontRole).isValid());
}

void tst_ProcessTableModel::bridgeShowsItsDirection() {
    ProcessTableModel model;
    ProcessRow send = row(21, 0); // a consumer
    send.bridge = true;
    ProcessRow receive = row(22, 0); // a producer
    receive.bridge = true;
    model.setRows({send, receive, row(23, 0)});
    const int roleColumn = static_cast<int>(ProcessTableModel::Column::Role);
    QCOMPARE(model.index(0, roleColumn).data().toString(), QStringLiteral("bridge (send)"));
    QCOMPARE(model.index(1, roleColumn).data().toString(), QStringLiteral("bridge (receive)"));
    QCOMPARE(model.index(2, roleColumn).data().toString(), QStringLiteral("consumer"));
    receive.bridge = false; // the pid's record reused by a plain producer
    model.setRows({send, receive});
    QCOMPARE(model.index(1, roleColumn).data().toString(), QStringLiteral("producer"));
}

QTEST_MAIN(tst_ProcessTableModel)
#include "tst_process_table_model.moc"
