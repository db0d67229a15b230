// The throughput panel as a person reads it: messages dropped by backpressure are plotted, not
// only counted in the process table; event labels never cover the data or each other.
#include "frame_clock.hpp"
#include "metrics_history.hpp"
#include "throughput_panel.hpp"
#include "time_axis.hpp"
#include "time_plot.hpp"

#include <QLabel>
#include <QTest>

using namespace shmscope::widgets;

namespace {

ChannelSample sampleAt(std::uint64_t takenNs, std::uint64_t produced, std::uint64_t drops) {
    ChannelSample sample;
    sample.takenNs = takenNs;
    sample.ring.slotCount = 16;
    ProcessSample producer;
    producer.record = 0;
    producer.pid = 100;
    producer.role = ProcessRole::Producer;
    producer.alive = true;
    producer.counters.messages = produced;
    producer.counters.drops = drops;
    sample.processes.push_back(producer);
    return sample;
}

} // namespace

class tst_ThroughputPanel : public QObject {
    Q_OBJECT
private slots:
    void dropsArePlotted();
    void eventLabelsStayClear();
};

void tst_ThroughputPanel::dropsArePlotted() {
    TimeAxis axis;
    FrameClock clock;
    ThroughputPanel panel(&axis, &clock);
    panel.resize(800, 400);
    MetricsHistory history;
    // 1,000 drops a second for a second, in steps of 100 ms.
    for (std::uint64_t step = 0; step <= 10; ++step)
        panel.addFrame(
            history.append(sampleAt(1'000'000'000 + step * 100'000'000, step * 2'000, step * 100)));
    QVERIFY(history.frames().back().droppedPerSecond > 900.0);
    QVERIFY(history.frames().back().droppedPerSecond < 1100.0);
    auto* plot = panel.findChild<TimePlot*>();
    QVERIFY(plot);
    const QString described = plot->accessibleSummary();
    QVERIFY2(described.contains(QStringLiteral("dropped")), qPrintable(described));
    bool summarised = false;
    for (QLabel* label : panel.findChildren<QLabel*>())
        summarised = summarised || label->text().contains(QStringLiteral("dropped"));
    QVERIFY(summarised);
}

void tst_ThroughputPanel::eventLabelsStayClear() {
    TimeAxis axis;
    FrameClock clock;
    ThroughputPanel panel(&axis, &clock);
    panel.resize(800, 400);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    // Four workers start together at t = 0, one is killed later.
    for (int worker = 0; worker < 4; ++worker)
        panel.addEvent(EventMarker{0.01 * worker, EventKind::WorkerStarted,
                                   QStringLiteral("worker %1 started").arg(worker)});
    panel.addEvent(EventMarker{30.0, EventKind::WorkerKilled, QStringLiteral("worker 2 killed")});
    auto* plot = panel.findChild<TimePlot*>();
    const std::vector<QRect> labels = plot->markerLabelRects();
    QCOMPARE(labels.size(), 2u); // the four starts folded into one label, and the kill
    const QRect data = plot->plotArea();
    for (std::size_t i = 0; i < labels.size(); ++i) {
        QVERIFY2(!labels[i].intersects(data), "an event label covers the plotted data");
        for (std::size_t j = i + 1; j < labels.size(); ++j)
            QVERIFY2(!labels[i].intersects(labels[j]), "two event labels overlap");
    }
}

QTEST_MAIN(tst_ThroughputPanel)
#include "tst_throughput_panel.moc"
