// Runs (docs/PROTOCOL.md, runs): the slots of a message reserved in one index advance and taken
// whole by one consumer. Threads in one process over a real shared mapping (what TSan sees), and a
// forked consumer killed inside a run.
#include "shmscope/channel.hpp"
#include "shmscope/checksum.hpp"
#include "shmscope/crash_point.hpp"
#include "shmscope/ring.hpp"
#include "test_channel.hpp"
#include "test_endpoint.hpp"

#include <QTest>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace shmscope;
using test::attachEndpoint;
using test::ChannelGuard;
using test::createTestChannel;
using test::Endpoint;

Q_DECLARE_METATYPE(shmscope::SyncKind)

namespace {

constexpr std::uint32_t kSlots = 8;
constexpr std::size_t kSlotBytes = 256;

// Message `sequence` of a producer takes 1 … kSlots slots, so runs of every length meet.
std::uint32_t chunksOf(std::uint64_t sequence) { return 1 + static_cast<std::uint32_t>(sequence % kSlots); }

OutgoingMessage chunkMessage(const Endpoint& endpoint, std::uint64_t sequence, std::uint32_t index,
                             std::uint32_t count, std::vector<std::byte>& payload)
{
    std::uint64_t x = (std::uint64_t{endpoint.channel.recordIndex()} << 48) ^ (sequence * 64 + index);
    for (auto& byte : payload) {
        x = x * 6364136223846793005ull + 1442695040888963407ull;
        byte = static_cast<std::byte>(x >> 56);
    }
    OutgoingMessage message;
    message.header.producer_record = endpoint.channel.recordIndex();
    message.header.incarnation = endpoint.channel.incarnation();
    message.header.sequence = sequence;
    message.header.chunk_index = index;
    message.header.chunk_count = count;
    message.header.total_length = std::uint64_t{count} * payload.size();
    message.header.chunk_checksum = checksum64(payload);
    message.payload = payload;
    return message;
}

// Pushes `count` messages, reserving a run for each that needs several slots.
void produceRuns(const std::string& name, std::uint64_t count)
{
    Endpoint endpoint = attachEndpoint(name, Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
    if (!producer.ok()) qFatal("producer: %s", producer.error().message.c_str());
    std::vector<std::byte> payload(kSlotBytes);
    for (std::uint64_t sequence = 1; sequence <= count; ++sequence) {
        const std::uint32_t chunks = chunksOf(sequence);
        if (chunks > 1) {
            Result<PushStatus> reserved = (*producer)->reserveRun(chunks);
            if (!reserved.ok() || *reserved != PushStatus::Committed) qFatal("reserveRun failed");
        }
        for (std::uint32_t index = 0; index < chunks; ++index) {
            OutgoingMessage message = chunkMessage(endpoint, sequence, index, chunks, payload);
            Result<PushStatus> pushed = (*producer)->push(message);
            if (!pushed.ok() || *pushed != PushStatus::Committed) qFatal("push failed");
        }
        if ((*producer)->runSlotsLeft() != 0) qFatal("run left open");
    }
}

struct RunsSeen {
    std::uint64_t messages = 0; // whole messages: chunk 0 followed by all the others, in order
    std::uint64_t broken = 0;   // a chunk other than the one the message in progress needed
    std::uint64_t corrupt = 0;  // checksum mismatch or a ring-reported problem
};

RunsSeen consumeRuns(const std::string& name, std::uint64_t totalMessages, std::atomic<std::uint64_t>& shared)
{
    Endpoint endpoint = attachEndpoint(name, Role::Consumer);
    auto consumer = makeConsumer(endpoint.channel, endpoint.stats, {});
    if (!consumer.ok()) qFatal("consumer: %s", consumer.error().message.c_str());
    RunsSeen seen;
    std::vector<std::byte> buffer(kSlotBytes);
    MessageHeader expected{}; // the next chunk of the message in progress (chunk_count 0: none)
    while (shared.load() < totalMessages) {
        MessageHeader header{};
        Result<PopStatus> popped = (*consumer)->pop(header, buffer, monotonicNs() + 20'000'000);
        if (!popped.ok()) qFatal("pop failed");
        if (*popped == PopStatus::Empty) continue;
        if (*popped != PopStatus::Delivered || checksum64(std::span(buffer).first(header.payload_length)) !=
                                                   header.chunk_checksum) {
            ++seen.corrupt;
            continue;
        }
        const bool continues = expected.chunk_count != 0;
        if (continues && (header.producer_record != expected.producer_record ||
                          header.sequence != expected.sequence || header.chunk_index != expected.chunk_index)) {
            ++seen.broken;
            expected = {};
            continue;
        }
        if (!continues && header.chunk_index != 0) {
            ++seen.broken;
            continue;
        }
        expected = header;
        ++expected.chunk_index;
        if (expected.chunk_index == header.chunk_count) {
            expected = {};
            ++seen.messages;
            shared.fetch_add(1);
        }
    }
    return seen;
}

std::uint64_t lostToCrash(Channel& channel)
{
    std::uint64_t lost = 0;
    for (std::uint32_t record = 0; record < kMaxRecords; ++record)
        lost += channel.record(record).counters[static_cast<std::uint32_t>(Counter::LostToCrash)].load();
    return lost;
}

} // namespace

class tst_RingRuns : public QObject {
    Q_OBJECT
private slots:
    void runsArriveWhole_data();
    void runsArriveWhole();
    void misuseIsAnError_data();
    void misuseIsAnError();
    void dropNewestDropsTheWholeRun_data();
    void dropNewestDropsTheWholeRun();
    void consumerKilledInsideARunFreesIt();
};

void tst_RingRuns::runsArriveWhole_data()
{
    QTest::addColumn<SyncKind>("sync");
    QTest::newRow("mpmc") << SyncKind::Mpmc;
    QTest::newRow("mutex") << SyncKind::Mutex;
}

// Two producers, two consumers, messages of 1 … 8 slots in an 8-slot ring: every consumer sees
// each message's chunks back to back, and every message arrives once.
void tst_RingRuns::runsArriveWhole()
{
    QFETCH(SyncKind, sync);
    constexpr std::uint64_t kPerProducer = 1500;
    ChannelGuard guard(test::uniqueChannelName("runs"));
    createTestChannel(guard.name(), sync, kSlots, kSlotBytes);
    std::atomic<std::uint64_t> delivered{0};
    RunsSeen results[2];
    std::vector<std::thread> threads;
    for (auto& result : results)
        threads.emplace_back([&] { result = consumeRuns(guard.name(), 2 * kPerProducer, delivered); });
    for (int i = 0; i < 2; ++i) threads.emplace_back([&] { produceRuns(guard.name(), kPerProducer); });
    for (auto& thread : threads) thread.join();
    QCOMPARE(results[0].broken + results[1].broken, std::uint64_t(0));
    QCOMPARE(results[0].corrupt + results[1].corrupt, std::uint64_t(0));
    QCOMPARE(results[0].messages + results[1].messages, 2 * kPerProducer);
}

void tst_RingRuns::misuseIsAnError_data() { runsArriveWhole_data(); }

void tst_RingRuns::misuseIsAnError()
{
    QFETCH(SyncKind, sync);
    ChannelGuard guard(test::uniqueChannelName("runs"));
    createTestChannel(guard.name(), sync, 4, kSlotBytes);
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
    QVERIFY(producer.ok());
    QVERIFY((*producer)->runsSupported());
    for (std::uint32_t runLength : {0u, 1u, 5u}) {
        Result<PushStatus> reserved = (*producer)->reserveRun(runLength);
        QVERIFY(!reserved.ok());
        QCOMPARE(reserved.error().code, ErrorCode::Usage);
    }
    Result<PushStatus> reserved = (*producer)->reserveRun(2);
    QVERIFY(reserved.ok() && *reserved == PushStatus::Committed);
    QCOMPARE((*producer)->runSlotsLeft(), 2u);
    QVERIFY(!(*producer)->reserveRun(2).ok()); // one run at a time
    std::vector<std::byte> payload(kSlotBytes);
    for (std::uint32_t index = 0; index < 2; ++index) {
        OutgoingMessage message = chunkMessage(endpoint, 1, index, 2, payload);
        QVERIFY((*producer)->push(message).ok());
    }
    QCOMPARE((*producer)->runSlotsLeft(), 0u);
}

void tst_RingRuns::dropNewestDropsTheWholeRun_data() { runsArriveWhole_data(); }

// Under drop-newest a run that does not fit now is dropped whole (one drop), the ring unchanged.
void tst_RingRuns::dropNewestDropsTheWholeRun()
{
    QFETCH(SyncKind, sync);
    ChannelGuard guard(test::uniqueChannelName("runs"));
    createTestChannel(guard.name(), sync, 4, kSlotBytes, Backpressure::DropNewest);
    Endpoint writer = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(writer.channel, writer.stats, {});
    Endpoint reader = attachEndpoint(guard.name(), Role::Consumer);
    auto consumer = makeConsumer(reader.channel, reader.stats, {});
    QVERIFY(producer.ok() && consumer.ok());
    std::vector<std::byte> payload(kSlotBytes);
    for (std::uint64_t sequence = 1; sequence <= 3; ++sequence) {
        OutgoingMessage message = chunkMessage(writer, sequence, 0, 1, payload);
        QCOMPARE(*(*producer)->push(message), PushStatus::Committed);
    }
    Result<PushStatus> reserved = (*producer)->reserveRun(2);
    QVERIFY(reserved.ok());
    QCOMPARE(*reserved, PushStatus::Dropped);
    QCOMPARE(writer.stats.get(Counter::Drops), quint64(1));
    QCOMPARE((*producer)->runSlotsLeft(), 0u);
    std::vector<std::byte> buffer(kSlotBytes);
    for (std::uint64_t sequence = 1; sequence <= 3; ++sequence) {
        MessageHeader header{};
        QCOMPARE(*(*consumer)->pop(header, buffer, monotonicNs() + 1'000'000'000), PopStatus::Delivered);
        QCOMPARE(header.sequence, sequence);
    }
    MessageHeader header{};
    QCOMPARE(*(*consumer)->pop(header, buffer, monotonicNs() + 10'000'000), PopStatus::Empty);
    // Now it fits: the run goes in and comes out whole.
    QCOMPARE(*(*producer)->reserveRun(3), PushStatus::Committed);
    for (std::uint32_t index = 0; index < 3; ++index) {
        OutgoingMessage message = chunkMessage(writer, 4, index, 3, payload);
        QCOMPARE(*(*producer)->push(message), PushStatus::Committed);
    }
    for (std::uint32_t index = 0; index < 3; ++index) {
        QCOMPARE(*(*consumer)->pop(header, buffer, monotonicNs() + 1'000'000'000), PopStatus::Delivered);
        QCOMPARE(header.chunk_index, index);
    }
}

// A consumer killed right after taking a run (crash point after-dequeue) holds all of its slots;
// whoever waits for them repairs the dead claim: the run is lost to the crash (counted once per
// slot) and the ring goes on.
void tst_RingRuns::consumerKilledInsideARunFreesIt()
{
    constexpr std::uint32_t kRun = 3;
    ChannelGuard guard(test::uniqueChannelName("runs"));
    createTestChannel(guard.name(), SyncKind::Mpmc, 4, kSlotBytes);
    Endpoint writer = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(writer.channel, writer.stats, {});
    QVERIFY(producer.ok());
    std::vector<std::byte> payload(kSlotBytes);
    QCOMPARE(*(*producer)->reserveRun(kRun), PushStatus::Committed);
    for (std::uint32_t index = 0; index < kRun; ++index) {
        OutgoingMessage message = chunkMessage(writer, 1, index, kRun, payload);
        QCOMPARE(*(*producer)->push(message), PushStatus::Committed);
    }
    const pid_t child = ::fork();
    if (child == 0) {
        ::setenv("SHMSCOPE_CRASH_POINT", "after-dequeue", 1);
        armCrashPointFromEnvironment();
        Endpoint doomed = attachEndpoint(guard.name(), Role::Consumer);
        auto consumer = makeConsumer(doomed.channel, doomed.stats, {});
        std::vector<std::byte> buffer(kSlotBytes);
        MessageHeader header{};
        if (consumer.ok()) (void)(*consumer)->pop(header, buffer, monotonicNs() + 2'000'000'000);
        ::_exit(0); // not reached when the crash point is
    }
    int status = 0;
    QCOMPARE(::waitpid(child, &status, 0), child);
    QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);

    // Four more messages need every slot: the producer repairs the dead claim while it waits.
    std::thread more([&] {
        for (std::uint64_t sequence = 2; sequence <= 5; ++sequence) {
            OutgoingMessage message = chunkMessage(writer, sequence, 0, 1, payload);
            if (!(*producer)->push(message).ok()) qFatal("push failed");
        }
    });
    more.join();
    QCOMPARE(lostToCrash(writer.channel), std::uint64_t(kRun)); // before a new record folds the dead one
    Endpoint reader = attachEndpoint(guard.name(), Role::Consumer);
    auto consumer = makeConsumer(reader.channel, reader.stats, {});
    QVERIFY(consumer.ok());
    std::vector<std::byte> buffer(kSlotBytes);
    for (std::uint64_t sequence = 2; sequence <= 5; ++sequence) {
        MessageHeader header{};
        QCOMPARE(*(*consumer)->pop(header, buffer, monotonicNs() + 5'000'000'000ull), PopStatus::Delivered);
        QCOMPARE(header.sequence, sequence);
    }
}

QTEST_GUILESS_MAIN(tst_RingRuns)
#include "tst_ring_runs.moc"
