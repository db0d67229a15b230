// Chaos: real shmscope-worker producers and consumers over spsc, mpmc and mutex, and over the
// broadcast ring with three consumers, killed with SIGKILL at random moments and at every named
// crash point they pass, each restarted; after every kill no corrupt message was delivered, the
// successor is ready and every consumer receives again within the stall timeout plus slack, and
// at the end every slot a dead process left claimed (mpmc) was skipped and counted in
// lost_to_crash. Broadcast also checks that no consumer delivered a message out of order (what a
// slot overwritten while being read would look like), that the producer goes on past a dead
// consumer while the others keep receiving, and, under drop-oldest with a slow reader, that the
// reader was lapped (overrun) without delivering what was overwritten.
//
// shortRun is part of the default test run. longRun (≥ 300 kills per strategy) runs only when
// SHMSCOPE_LONG_TESTS=1 (CTest label `long`: SHMSCOPE_LONG_TESTS=1 ctest -L long).
#include "chaos_driver.hpp"
#include "long_test_main.hpp"

#include <QTest>
#include <random>

using namespace shmscope;
using namespace shmscope::test;

Q_DECLARE_METATYPE(shmscope::test::ChaosSetup)

namespace {

constexpr int kShortRepeats = 2; // every crash point twice per strategy in CI
constexpr int kLongKillsPerStrategy = 300;
constexpr int kKillsPerRound = 2; // one at a random moment, one at the crash point

constexpr int kBroadcastConsumers = 3;
const QString kOneSlotMessage = QStringLiteral("4KiB"); // the slot's payload exactly
const QString kTwoSlotMessage = QStringLiteral("8KiB"); // two chunks: the producer passes mid-chunk
// One message a pop, a tenth of the producer's rate: lapped all the time (one-slot messages only,
// or it would never hold both chunks of one message).
const QString kLappedReaderRate = QStringLiteral("500");

struct Victim {
    const char* role;
    const char* point;
};

ChaosSetup queueSetup(const char* sync) {
    ChaosSetup setup;
    setup.name = QString::fromLatin1(sync);
    setup.channelFlags = {QStringLiteral("--sync"), setup.name};
    setup.messageSize = kOneSlotMessage;
    return setup;
}

ChaosSetup broadcastSetup(bool blocking) {
    ChaosSetup setup;
    setup.name = blocking ? QStringLiteral("broadcast") : QStringLiteral("broadcast-drop-oldest");
    setup.channelFlags = {QStringLiteral("--delivery"), QStringLiteral("broadcast"),
                          QStringLiteral("--backpressure"),
                          blocking ? QStringLiteral("block") : QStringLiteral("drop-oldest")};
    setup.consumers = kBroadcastConsumers;
    setup.broadcast = true;
    setup.blocking = blocking;
    setup.messageSize = blocking ? kTwoSlotMessage : kOneSlotMessage;
    if (!blocking) // the last consumer falls behind and reads slots as they are overwritten
        setup.consumerRates = {QString(), QString(), kLappedReaderRate};
    return setup;
}

// The crash points each strategy's producer and consumer pass (docs/PROTOCOL.md, crash recovery).
std::vector<Victim> victims(const ChaosSetup& setup) {
    std::vector<Victim> list{{"producer", "after-claim"},
                             {"producer", "mid-copy"},
                             {"producer", "before-publish"},
                             {"consumer", "after-dequeue"}};
    if (setup.name == QStringLiteral("mutex")) {
        list.push_back({"producer", "holding-lock"});
        list.push_back({"consumer", "holding-lock"});
    }
    if (setup.messageSize != kOneSlotMessage)
        list.push_back({"producer", "mid-chunk"});
    return list;
}

void printKills(const QString& sync, const ChaosDriver& driver) {
    int total = 0;
    for (const auto& [where, count] : driver.kills()) {
        qInfo("kills %s %s: %d", qPrintable(sync), qPrintable(where), count);
        total += count;
    }
    qInfo("kills %s total: %d survived; lost_to_crash %llu, overrun %llu; crash points not reached "
          "in time (killed at random instead): %d",
          qPrintable(sync), total, static_cast<unsigned long long>(driver.total(Counter::LostToCrash)),
          static_cast<unsigned long long>(driver.total(Counter::Overrun)), driver.unreachedPoints());
}

} // namespace

class tst_Chaos : public QObject {
    Q_OBJECT
private slots:
    void shortRun_data() { strategies(); }
    void shortRun();
    void longRun_data() { strategies(); }
    void longRun();

private:
    static void strategies();
    static void run(int repeats);
};

void tst_Chaos::strategies() {
    QTest::addColumn<ChaosSetup>("setup");
    for (const char* sync : {"spsc", "mpmc", "mutex"})
        QTest::newRow(sync) << queueSetup(sync);
    for (const bool blocking : {true, false}) {
        const ChaosSetup setup = broadcastSetup(blocking);
        QTest::newRow(qPrintable(setup.name)) << setup;
    }
}

void tst_Chaos::run(int repeats) {
    QFETCH(ChaosSetup, setup);
    const QString sync = setup.name;
    const auto seed = static_cast<std::uint32_t>(std::random_device{}());
    qInfo("%s: seed %u", qPrintable(sync), seed);
    ChaosDriver driver(setup, seed);
    QVERIFY2(driver.start(), qPrintable(driver.why()));
    for (int repeat = 0; repeat < repeats; ++repeat)
        for (const Victim& victim : victims(setup))
            QVERIFY2(driver.killRound(QLatin1String(victim.role), QLatin1String(victim.point)),
                     qPrintable(driver.why()));
    QVERIFY2(driver.finish(), qPrintable(driver.why()));
    const std::uint64_t lost = driver.total(Counter::LostToCrash);
    printKills(sync, driver);
    if (setup.broadcast && !setup.blocking) // the slow reader was lapped and skipped what it lost
        QVERIFY2(driver.total(Counter::Overrun) > 0, "the slow consumer was never overrun");
    // Each half-written or half-read mpmc slot was skipped once; a random kill may add one.
    QVERIFY2(lost >= static_cast<std::uint64_t>(driver.claimKills()),
             qPrintable(QStringLiteral("lost_to_crash %1 < %2 claims left by the dead")
                            .arg(lost)
                            .arg(driver.claimKills())));
    if (sync == QStringLiteral("mpmc"))
        QVERIFY(lost <= static_cast<std::uint64_t>(driver.claimKills() + driver.randomKills()));
    else
        QCOMPARE(lost,
                 std::uint64_t{0}); // indices move only after complete copies: nothing to skip
}

void tst_Chaos::shortRun() { run(kShortRepeats); }

void tst_Chaos::longRun() {
    if (qEnvironmentVariableIntValue("SHMSCOPE_LONG_TESTS") != 1)
        QSKIP("long run: set SHMSCOPE_LONG_TESTS=1 (ctest -L long)");
    QFETCH(ChaosSetup, setup);
    const int perRound = static_cast<int>(victims(setup).size()) * kKillsPerRound;
    run((kLongKillsPerStrategy + perRound - 1) / perRound);
}

SHMSCOPE_LONG_TEST_MAIN(tst_Chaos, 3600000)
#include "tst_chaos.moc"
