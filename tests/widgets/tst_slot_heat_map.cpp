// The slot heat map and the occupancy panel as a person reads them: head and tail tags apart
// from the state letters, a full ring told from an empty one, rows of equal length, a summary
// that says why the cells can look empty under a high high-water mark.
#include "frame_clock.hpp"
#include "occupancy_panel.hpp"
#include "slot_heat_map.hpp"
#include "time_axis.hpp"

#include <QLabel>
#include <QTest>
#include <map>

using namespace shmscope::widgets;

class tst_SlotHeatMap : public QObject {
    Q_OBJECT
private slots:
    void tagsStayClearOfLetters_data();
    void tagsStayClearOfLetters();
    void fullRingIsNotEmptyRing();
    void rowsAreEven_data();
    void rowsAreEven();
    void summaryExplainsFastDrain();
};

void tst_SlotHeatMap::tagsStayClearOfLetters_data() {
    QTest::addColumn<int>("slotCount");
    QTest::addColumn<int>("head");
    QTest::addColumn<int>("tail");
    QTest::newRow("8 slots, apart") << 8 << 5 << 2;
    QTest::newRow("8 slots, neighbours") << 8 << 3 << 2;
    QTest::newRow("64 slots, full") << 64 << 64 << 0;
    QTest::newRow("16 slots, empty") << 16 << 7 << 7;
}

void tst_SlotHeatMap::tagsStayClearOfLetters() {
    QFETCH(int, slotCount);
    QFETCH(int, head);
    QFETCH(int, tail);
    FrameClock clock;
    SlotHeatMap map(&clock);
    map.resize(800, 480);
    std::vector<SlotKind> states(static_cast<std::size_t>(slotCount), SlotKind::Free);
    for (int p = tail; p < head; ++p)
        states[static_cast<std::size_t>(p % slotCount)] = SlotKind::Ready;
    map.setSlots(states, static_cast<std::uint64_t>(head), static_cast<std::uint64_t>(tail));
    const std::vector<QRectF> letters = map.letterRects();
    const std::vector<QRectF> tags = map.tagRects();
    QCOMPARE(static_cast<int>(letters.size()), slotCount); // letters are drawn at this size
    QCOMPARE(tags.size(), head % slotCount == tail % slotCount ? 1u : 2u);
    for (const QRectF& tag : tags) {
        for (const QRectF& letter : letters)
            QVERIFY2(!tag.intersects(letter), "a head or tail tag runs into a state letter");
        QVERIFY(map.rect().contains(tag.toAlignedRect()));
    }
}

void tst_SlotHeatMap::fullRingIsNotEmptyRing() {
    FrameClock clock;
    SlotHeatMap map(&clock);
    map.resize(480, 240);
    map.setSlots(std::vector<SlotKind>(8, SlotKind::Ready), 8, 0);
    const QString full = map.statusText();
    map.setSlots(std::vector<SlotKind>(8, SlotKind::Free), 8, 8);
    const QString empty = map.statusText();
    QVERIFY(full.contains(QStringLiteral("full")));
    QVERIFY(empty.contains(QStringLiteral("empty")));
    QVERIFY(full != empty);
    map.setSlots(std::vector<SlotKind>(8, SlotKind::Free), 11, 9);
    QVERIFY(!map.statusText().contains(QStringLiteral("full")));
    QVERIFY(!map.statusText().contains(QStringLiteral("empty")));
}

void tst_SlotHeatMap::rowsAreEven_data() {
    QTest::addColumn<int>("slotCount");
    QTest::addColumn<QSize>("size");
    QTest::newRow("8 in a wide map") << 8 << QSize(480, 200);
    QTest::newRow("8 in a tall map") << 8 << QSize(200, 400);
    QTest::newRow("16") << 16 << QSize(480, 200);
    QTest::newRow("64") << 64 << QSize(480, 200);
    QTest::newRow("64, narrow") << 64 << QSize(260, 300);
}

void tst_SlotHeatMap::rowsAreEven() {
    QFETCH(int, slotCount);
    QFETCH(QSize, size);
    FrameClock clock;
    SlotHeatMap map(&clock);
    map.resize(size);
    map.setSlots(std::vector<SlotKind>(static_cast<std::size_t>(slotCount), SlotKind::Free), 0, 0);
    std::map<int, int> perRow; // top edge -> cells
    for (const QRectF& cell : map.cellRects())
        ++perRow[qRound(cell.top())];
    QVERIFY(!perRow.empty());
    const int first = perRow.begin()->second;
    for (const auto& [top, count] : perRow)
        QVERIFY2(count == first,
                 qPrintable(QStringLiteral("a row of %1 beside a row of %2 (%3 slots)")
                                .arg(count)
                                .arg(first)
                                .arg(slotCount)));
}

void tst_SlotHeatMap::summaryExplainsFastDrain() {
    TimeAxis axis;
    FrameClock clock;
    OccupancyPanel panel(&axis, &clock);
    panel.resize(600, 500);
    auto* summary = panel.findChild<QLabel*>();
    QVERIFY(summary);
    ChannelSample sample;
    sample.takenNs = 1'000'000'000;
    sample.ring.slotCount = 64;
    sample.ring.highWaterSlots = 64;
    sample.ring.occupiedSlots = 0;
    sample.hasSlots = true;
    sample.slotStates.assign(64, SlotKind::Free);
    panel.setSlots(sample);
    const QString drained = summary->text();
    QVERIFY2(drained.contains(QStringLiteral("faster")), qPrintable(drained));
    // A ring as full now as it ever was needs no such note.
    sample.takenNs += 2'000'000'000;
    sample.ring.occupiedSlots = 64;
    sample.ring.head = 64;
    sample.slotStates.assign(64, SlotKind::Ready);
    panel.setSlots(sample);
    QVERIFY2(!summary->text().contains(QStringLiteral("faster")), qPrintable(summary->text()));
}

QTEST_MAIN(tst_SlotHeatMap)
#include "tst_slot_heat_map.moc"
