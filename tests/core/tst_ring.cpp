// Every ring strategy, driven by threads in one process over a real shared mapping (each thread
// attaches its own Channel, so OFD locks and records behave as between processes; this is also
// what TSan can see). Messages must arrive once, in order per producer, intact.
#include "shmscope/channel.hpp"
#include "shmscope/checksum.hpp"
#include "shmscope/crash_point.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/snapshot.hpp"
#include "test_channel.hpp"
#include "test_endpoint.hpp"

#include <QTest>

#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <map>
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

// Fills `payload` from (record, sequence) so the consumer can re-derive and compare it.
void fillPayload(std::vector<std::byte>& payload, std::uint32_t record, std::uint64_t sequence)
{
    std::uint64_t x = (std::uint64_t{record} << 48) ^ (sequence * 0x9E3779B97F4A7C15ull);
    for (auto& byte : payload) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        byte = static_cast<std::byte>(x);
    }
}

struct ConsumerResult {
    std::map<std::uint32_t, std::uint64_t> lastSequence; // per producer record
    std::uint64_t delivered = 0;
    std::uint64_t corrupt = 0;
    std::uint64_t outOfOrder = 0;
};

void produce(const std::string& name, std::uint64_t count, std::size_t bytes, EndpointOptions options)
{
    Endpoint endpoint = attachEndpoint(name, Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, options);
    if (!producer.ok()) qFatal("producer: %s", producer.error().message.c_str());
    std::vector<std::byte> payload(bytes);
    for (std::uint64_t sequence = 1; sequence <= count; ++sequence) {
        fillPayload(payload, endpoint.channel.recordIndex(), sequence);
        OutgoingMessage message;
        message.header.producer_record = endpoint.channel.recordIndex();
        message.header.incarnation = endpoint.channel.incarnation();
        message.header.sequence = sequence;
        message.header.chunk_count = 1;
        message.header.total_length = bytes;
        message.header.flags = kMsgLastChunk;
        message.header.chunk_checksum = checksum64(payload);
        message.payload = payload;
        Result<PushStatus> status = (*producer)->push(message);
        if (!status.ok() || *status != PushStatus::Committed) qFatal("push failed");
    }
}

ConsumerResult consume(const std::string& name, std::uint64_t total, std::size_t slotBytes,
                       std::atomic<std::uint64_t>& sharedDelivered)
{
    Endpoint endpoint = attachEndpoint(name, Role::Consumer);
    EndpointOptions options;
    auto consumer = makeConsumer(endpoint.channel, endpoint.stats, options);
    if (!consumer.ok()) qFatal("consumer: %s", consumer.error().message.c_str());
    ConsumerResult result;
    std::vector<std::byte> buffer(slotBytes);
    std::vector<std::byte> expected;
    while (sharedDelivered.load() < total) {
        MessageHeader header{};
        Result<PopStatus> status = (*consumer)->pop(header, buffer, monotonicNs() + 20'000'000);
        if (!status.ok()) qFatal("pop failed");
        if (*status == PopStatus::Empty) continue;
        if (*status != PopStatus::Delivered) {
            ++result.corrupt;
            continue;
        }
        expected.resize(header.payload_length);
        fillPayload(expected, header.producer_record, header.sequence);
        const std::span<const std::byte> got(buffer.data(), header.payload_length);
        if (header.payload_length != header.total_length || checksum64(got) != header.chunk_checksum ||
            !std::equal(got.begin(), got.end(), expected.begin()))
            ++result.corrupt;
        std::uint64_t& last = result.lastSequence[header.producer_record];
        if (header.sequence != last + 1) ++result.outOfOrder;
        last = header.sequence;
        ++result.delivered;
        sharedDelivered.fetch_add(1);
    }
    return result;
}

// Forks a producer armed with `crashPoint` (SHMSCOPE_CRASH_POINT syntax, "point:N") that pushes
// messages until it dies there; true when it was killed by SIGKILL, as the crash point does.
bool producerDiesAt(const std::string& name, const char* crashPoint)
{
    constexpr int kPushes = 3;
    constexpr std::size_t kPayloadBytes = 64;
    const pid_t child = ::fork();
    if (child == 0) {
        ::setenv("SHMSCOPE_CRASH_POINT", crashPoint, 1);
        armCrashPointFromEnvironment();
        Endpoint endpoint = attachEndpoint(name, Role::Producer);
        auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
        std::vector<std::byte> payload(kPayloadBytes);
        for (int i = 0; i < kPushes; ++i) {
            OutgoingMessage message;
            message.payload = payload;
            (void)(*producer)->push(message);
        }
        ::_exit(0); // not reached when the crash point is
    }
    int status = 0;
    return ::waitpid(child, &status, 0) == child && WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

} // namespace

class tst_Ring : public QObject {
    Q_OBJECT
private slots:
    void singlePair_data();
    void singlePair();
    void manyToMany_data();
    void manyToMany();
    void dropNewestDropsWhenFull_data();
    void dropNewestDropsWhenFull();
    void oversizedMessageIsRefused();
    void spscSecondProducerIsRefused();
    void spscSuccessorsFindStampsBeyondHead();
    void spscScribbledStampIsReadAfterHead();
    void zeroCopyRoundTrip_data();
    void zeroCopyRoundTrip();
    void zeroCopyMisuseIsAnError_data();
    void zeroCopyMisuseIsAnError();
    void zeroCopyUnsupportedSaysSo();
    void broadcastEveryConsumerGetsEverything();
    void broadcastDropOldestNeverDeliversOverwritten();
    void broadcastDeadConsumerLeavesTheGate();
    void robustMutexSurvivesKilledHolder();
    void deadMpmcWriterIsAbandoned();
};

void tst_Ring::singlePair_data()
{
    QTest::addColumn<SyncKind>("sync");
    QTest::addColumn<int>("slotCount");
    QTest::addColumn<int>("bytes");
    QTest::addColumn<int>("count");
    const struct {
        const char* name;
        SyncKind sync;
    } strategies[] = {{"spsc", SyncKind::Spsc},           {"mpmc", SyncKind::Mpmc},
                      {"mutex", SyncKind::Mutex},         {"semaphore", SyncKind::Semaphore},
                      {"boost-mutex", SyncKind::BoostMutex}};
    for (const auto& s : strategies) {
        QTest::addRow("%s 64B x2", s.name) << s.sync << 2 << 64 << 5000;
        QTest::addRow("%s 4KiB x8", s.name) << s.sync << 8 << 4096 << 2000;
        QTest::addRow("%s 1MiB x4", s.name) << s.sync << 4 << (1 << 20) << 64;
    }
}

void tst_Ring::singlePair()
{
    QFETCH(SyncKind, sync);
    QFETCH(int, slotCount);
    QFETCH(int, bytes);
    QFETCH(int, count);
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), sync, std::uint32_t(slotCount), std::uint64_t(bytes));
    std::atomic<std::uint64_t> delivered{0};
    ConsumerResult result;
    std::thread consumer([&] { result = consume(guard.name(), std::uint64_t(count), std::size_t(bytes), delivered); });
    std::thread producer([&] { produce(guard.name(), std::uint64_t(count), std::size_t(bytes), {}); });
    producer.join();
    consumer.join();
    QCOMPARE(result.delivered, std::uint64_t(count));
    QCOMPARE(result.corrupt, std::uint64_t(0));
    QCOMPARE(result.outOfOrder, std::uint64_t(0));
}

void tst_Ring::manyToMany_data()
{
    QTest::addColumn<SyncKind>("sync");
    QTest::newRow("mpmc") << SyncKind::Mpmc;
    QTest::newRow("mutex") << SyncKind::Mutex;
    QTest::newRow("semaphore") << SyncKind::Semaphore;
    QTest::newRow("boost-mutex") << SyncKind::BoostMutex;
}

void tst_Ring::manyToMany()
{
    QFETCH(SyncKind, sync);
    constexpr std::uint64_t kPerProducer = 2000;
    constexpr std::size_t kBytes = 256;
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), sync, 8, kBytes);
    std::atomic<std::uint64_t> delivered{0};
    ConsumerResult results[2];
    std::vector<std::thread> threads;
    for (auto& result : results)
        threads.emplace_back([&] { result = consume(guard.name(), 2 * kPerProducer, kBytes, delivered); });
    for (int i = 0; i < 2; ++i) threads.emplace_back([&] { produce(guard.name(), kPerProducer, kBytes, {}); });
    for (auto& thread : threads) thread.join();
    QCOMPARE(results[0].delivered + results[1].delivered, 2 * kPerProducer);
    QCOMPARE(results[0].corrupt + results[1].corrupt, std::uint64_t(0));
    // Per producer and per consumer, sequences only go up (FIFO per producer).
    for (const auto& result : results)
        for (const auto& [record, last] : result.lastSequence) QVERIFY(last <= kPerProducer);
}

void tst_Ring::dropNewestDropsWhenFull_data()
{
    QTest::addColumn<SyncKind>("sync");
    QTest::newRow("spsc") << SyncKind::Spsc;
    QTest::newRow("mpmc") << SyncKind::Mpmc;
    QTest::newRow("mutex") << SyncKind::Mutex;
}

void tst_Ring::dropNewestDropsWhenFull()
{
    QFETCH(SyncKind, sync);
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), sync, 4, 64, Backpressure::DropNewest);
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
    QVERIFY(producer.ok());
    std::vector<std::byte> payload(64);
    int committed = 0, dropped = 0;
    for (int i = 0; i < 10; ++i) {
        OutgoingMessage message;
        message.payload = payload;
        Result<PushStatus> status = (*producer)->push(message);
        QVERIFY(status.ok());
        (*status == PushStatus::Committed ? committed : dropped)++;
    }
    QCOMPARE(committed, 4);
    QCOMPARE(dropped, 6);
    QCOMPARE(endpoint.stats.get(Counter::Drops), quint64(6));
}

void tst_Ring::oversizedMessageIsRefused()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 4, 64);
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
    QVERIFY(producer.ok());
    std::vector<std::byte> payload(65);
    OutgoingMessage message;
    message.payload = payload;
    Result<PushStatus> status = (*producer)->push(message);
    QVERIFY(!status.ok());
}

void tst_Ring::spscSecondProducerIsRefused()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 4, 64);
    Endpoint first = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(first.channel, first.stats, {});
    QVERIFY(producer.ok());
    Endpoint second = attachEndpoint(guard.name(), Role::Producer);
    auto refused = makeProducer(second.channel, second.stats, {});
    QVERIFY(!refused.ok());
    QCOMPARE(refused.error().code, ErrorCode::RoleTaken);
    producer->reset(); // released: the role can be taken again
    QVERIFY(makeProducer(second.channel, second.stats, {}).ok());
}

namespace {

bool pushSequence(RingProducer& producer, std::uint64_t sequence)
{
    std::vector<std::byte> payload(8, std::byte{0x5A});
    OutgoingMessage message;
    message.header.sequence = sequence;
    message.header.chunk_count = 1;
    message.header.total_length = payload.size();
    message.header.flags = kMsgLastChunk;
    message.payload = payload;
    const Result<PushStatus> status = producer.push(message);
    return status.ok() && *status == PushStatus::Committed;
}

// The sequence number of the next message, 0 when none comes before the deadline.
std::uint64_t popSequence(RingConsumer& consumer, std::uint64_t waitNs)
{
    std::vector<std::byte> buffer(64);
    MessageHeader header{};
    const Result<PopStatus> status = consumer.pop(header, buffer, monotonicNs() + waitNs);
    return status.ok() && *status == PopStatus::Delivered ? header.sequence : 0;
}

constexpr std::uint64_t kPopWaitNs = 2'000'000'000;  // long enough never to be reached
constexpr std::uint64_t kEmptyWaitNs = 50'000'000;    // how long "nothing more" is watched

} // namespace

// A producer that died between a slot's stamp and head leaves head behind the stamps. Successors
// of both roles find the end of what was published by the stamps: the consumer resumes at
// `delivered` (beyond head) instead of redelivering from tail, and the producer writes after the
// stamped slots instead of over them.
void tst_Ring::spscSuccessorsFindStampsBeyondHead()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 8, 64);
    Endpoint producerEnd = attachEndpoint(guard.name(), Role::Producer);
    Endpoint consumerEnd = attachEndpoint(guard.name(), Role::Consumer);
    {
        auto producer = makeProducer(producerEnd.channel, producerEnd.stats, {});
        QVERIFY(producer.ok());
        for (std::uint64_t sequence = 1; sequence <= 3; ++sequence) QVERIFY(pushSequence(**producer, sequence));
    }
    RingControl& ring = producerEnd.channel.ring();
    QCOMPARE(ring.producer.position.load(), std::uint64_t{3});
    ring.producer.position.store(1);  // the last two heads never stored
    ring.consumer.delivered.store(2); // a consumer delivered two and died before giving them back

    auto consumer = makeConsumer(consumerEnd.channel, consumerEnd.stats, {});
    QVERIFY(consumer.ok());
    QCOMPARE(ring.consumer.position.load(), std::uint64_t{2}); // what it read went back
    auto producer = makeProducer(producerEnd.channel, producerEnd.stats, {});
    QVERIFY(producer.ok());
    QCOMPARE(ring.producer.position.load(), std::uint64_t{3}); // past the stamped slots
    QVERIFY(pushSequence(**producer, 4));
    QCOMPARE(popSequence(**consumer, kPopWaitNs), std::uint64_t{3});
    QCOMPARE(popSequence(**consumer, kPopWaitNs), std::uint64_t{4});
    QCOMPARE(popSequence(**consumer, kEmptyWaitNs), std::uint64_t{0});
}

// A stamp scribbled over while head says the message is there: the blocked consumer asks head
// and reads the slot (whose header is validated as always) instead of waiting for ever.
void tst_Ring::spscScribbledStampIsReadAfterHead()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 8, 64);
    Endpoint producerEnd = attachEndpoint(guard.name(), Role::Producer);
    Endpoint consumerEnd = attachEndpoint(guard.name(), Role::Consumer);
    auto producer = makeProducer(producerEnd.channel, producerEnd.stats, {});
    auto consumer = makeConsumer(consumerEnd.channel, consumerEnd.stats, {});
    QVERIFY(producer.ok() && consumer.ok());
    QVERIFY(pushSequence(**producer, 1));
    std::uint32_t zero = 0;
    std::memcpy(producerEnd.channel.slot(0) + offsetof(MessageHeader, stamp), &zero, sizeof zero);
    QCOMPARE(popSequence(**consumer, kPopWaitNs), std::uint64_t{1});
    QVERIFY(pushSequence(**producer, 2));
    QCOMPARE(popSequence(**consumer, kPopWaitNs), std::uint64_t{2});
}

void tst_Ring::zeroCopyRoundTrip_data()
{
    QTest::addColumn<SyncKind>("sync");
    QTest::newRow("spsc") << SyncKind::Spsc;
    QTest::newRow("mpmc") << SyncKind::Mpmc;
    QTest::newRow("mutex") << SyncKind::Mutex;
}

// Fill in place, commit; view in place, check, release — many times round a small ring.
void tst_Ring::zeroCopyRoundTrip()
{
    QFETCH(SyncKind, sync);
    constexpr std::uint64_t kCount = 2000;
    constexpr std::size_t kBytes = 4096;
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), sync, 4, kBytes);
    std::atomic<std::uint64_t> corrupt{0}, delivered{0};
    std::thread consumerThread([&] {
        Endpoint endpoint = attachEndpoint(guard.name(), Role::Consumer);
        auto consumer = makeConsumer(endpoint.channel, endpoint.stats, {});
        QVERIFY(consumer.ok());
        std::vector<std::byte> expected(kBytes);
        while (delivered.load() < kCount) {
            MessageHeader header{};
            std::span<const std::byte> payload;
            Result<PopStatus> status = (*consumer)->view(header, payload, monotonicNs() + 50'000'000);
            QVERIFY(status.ok());
            if (*status != PopStatus::Delivered) continue;
            fillPayload(expected, header.producer_record, header.sequence);
            if (payload.size() != kBytes || !std::equal(payload.begin(), payload.end(), expected.begin()))
                corrupt.fetch_add(1);
            QVERIFY((*consumer)->release().ok());
            delivered.fetch_add(1);
        }
    });
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
    QVERIFY(producer.ok());
    std::vector<std::byte> source(kBytes);
    for (std::uint64_t sequence = 1; sequence <= kCount; ++sequence) {
        PushStatus status = PushStatus::Stopped;
        Result<std::span<std::byte>> area = (*producer)->loan(kBytes, status);
        QVERIFY(area.ok());
        QCOMPARE(status, PushStatus::Committed);
        fillPayload(source, endpoint.channel.recordIndex(), sequence);
        std::copy(source.begin(), source.end(), area->begin());
        MessageHeader header{};
        header.producer_record = endpoint.channel.recordIndex();
        header.sequence = sequence;
        header.chunk_count = 1;
        header.total_length = kBytes;
        Result<PushStatus> committed = (*producer)->commit(header, kBytes);
        QVERIFY(committed.ok());
    }
    consumerThread.join();
    QCOMPARE(delivered.load(), kCount);
    QCOMPARE(corrupt.load(), std::uint64_t(0));
}

void tst_Ring::zeroCopyMisuseIsAnError_data() { zeroCopyRoundTrip_data(); }

void tst_Ring::zeroCopyMisuseIsAnError()
{
    QFETCH(SyncKind, sync);
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), sync, 4, 64);
    Endpoint producerEnd = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(producerEnd.channel, producerEnd.stats, {});
    QVERIFY(producer.ok());
    PushStatus status = PushStatus::Stopped;
    QVERIFY(!(*producer)->commit(MessageHeader{}, 8).ok());      // commit without a loan
    QVERIFY(!(*producer)->loan(65, status).ok());                // larger than a slot
    QVERIFY((*producer)->loan(32, status).ok());
    QVERIFY(!(*producer)->loan(32, status).ok());                // second loan while open
    QVERIFY(!(*producer)->commit(MessageHeader{}, 33).ok());     // larger than the loan
    QVERIFY((*producer)->commit(MessageHeader{}, 32).ok());
    QVERIFY(!(*producer)->commit(MessageHeader{}, 32).ok());     // double commit
    Endpoint consumerEnd = attachEndpoint(guard.name(), Role::Consumer);
    auto consumer = makeConsumer(consumerEnd.channel, consumerEnd.stats, {});
    QVERIFY(consumer.ok());
    QVERIFY(!(*consumer)->release().ok());                       // release without a view
    MessageHeader header{};
    std::span<const std::byte> payload;
    Result<PopStatus> viewed = (*consumer)->view(header, payload, monotonicNs() + 100'000'000);
    QVERIFY(viewed.ok());
    QCOMPARE(*viewed, PopStatus::Delivered);
    QCOMPARE(payload.size(), std::size_t(32));
    QVERIFY(!(*consumer)->view(header, payload, monotonicNs()).ok()); // second view while open
    QVERIFY((*consumer)->release().ok());
    QVERIFY(!(*consumer)->release().ok());                        // double release
}

void tst_Ring::zeroCopyUnsupportedSaysSo()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Semaphore, 4, 64);
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Producer);
    auto producer = makeProducer(endpoint.channel, endpoint.stats, {});
    QVERIFY(producer.ok());
    PushStatus status = PushStatus::Stopped;
    Result<std::span<std::byte>> area = (*producer)->loan(8, status);
    QVERIFY(!area.ok());
    QCOMPARE(area.error().code, ErrorCode::Usage);
}

// Reads until `stop` is set and the ring is drained; checks order and content of every message.
struct BroadcastReader {
    std::uint64_t delivered = 0, corrupt = 0, outOfOrder = 0, lastSequence = 0, overrun = 0;

    void run(const std::string& name, const std::atomic<bool>& stop, std::uint64_t pauseEvery)
    {
        Endpoint endpoint = attachEndpoint(name, Role::Consumer);
        EndpointOptions options;
        auto consumer = makeConsumer(endpoint.channel, endpoint.stats, options);
        if (!consumer.ok()) qFatal("consumer: %s", consumer.error().message.c_str());
        std::vector<std::byte> buffer(4096), expected;
        for (;;) {
            MessageHeader header{};
            Result<PopStatus> status = (*consumer)->pop(header, buffer, monotonicNs() + 20'000'000);
            if (!status.ok()) qFatal("pop failed");
            if (*status == PopStatus::Empty) {
                if (stop.load() && (*consumer)->drained()) break;
                continue;
            }
            if (*status != PopStatus::Delivered) { ++corrupt; continue; }
            expected.resize(header.payload_length);
            fillPayload(expected, header.producer_record, header.sequence);
            if (!std::equal(expected.begin(), expected.end(), buffer.begin())) ++corrupt;
            if (header.sequence <= lastSequence) ++outOfOrder;
            lastSequence = header.sequence;
            ++delivered;
            if (pauseEvery != 0 && delivered % pauseEvery == 0) std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        overrun = endpoint.stats.get(Counter::Overrun);
    }
};

void tst_Ring::broadcastEveryConsumerGetsEverything()
{
    constexpr std::uint64_t kCount = 5000;
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 8, 4096, Backpressure::Block, Delivery::Broadcast);
    std::atomic<bool> stop{false};
    BroadcastReader readers[3];
    std::vector<std::thread> threads;
    std::atomic<int> started{0};
    for (auto& reader : readers)
        threads.emplace_back([&] { started.fetch_add(1); reader.run(guard.name(), stop, 0); });
    while (started.load() < 3) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(100)); // every cursor is registered
    produce(guard.name(), kCount, 1024, {});
    stop.store(true);
    for (auto& thread : threads) thread.join();
    for (const auto& reader : readers) {
        QCOMPARE(reader.delivered, kCount);
        QCOMPARE(reader.corrupt, std::uint64_t(0));
        QCOMPARE(reader.outOfOrder, std::uint64_t(0));
        QCOMPARE(reader.overrun, std::uint64_t(0));
    }
}

void tst_Ring::broadcastDropOldestNeverDeliversOverwritten()
{
    constexpr std::uint64_t kCount = 20000;
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 4, 4096, Backpressure::DropOldest, Delivery::Broadcast);
    std::atomic<bool> stop{false};
    BroadcastReader slow;
    std::atomic<bool> started{false};
    std::thread thread([&] { started.store(true); slow.run(guard.name(), stop, 100); });
    while (!started.load()) std::this_thread::yield();
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    produce(guard.name(), kCount, 4096, {});
    stop.store(true);
    thread.join();
    QCOMPARE(slow.corrupt, std::uint64_t(0));     // torn copies are detected, never delivered
    QCOMPARE(slow.outOfOrder, std::uint64_t(0));
    QVERIFY(slow.overrun > 0);                      // the slow reader was lapped and counted it
    QVERIFY(slow.delivered + slow.overrun <= kCount);
}

void tst_Ring::broadcastDeadConsumerLeavesTheGate()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Spsc, 4, 64, Backpressure::Block, Delivery::Broadcast);
    const pid_t child = ::fork();
    if (child == 0) {
        Endpoint endpoint = attachEndpoint(guard.name(), Role::Consumer);
        auto consumer = makeConsumer(endpoint.channel, endpoint.stats, {});
        ::raise(SIGKILL); // registered, never reads
        ::_exit(0);
    }
    ::waitpid(child, nullptr, 0);
    // Without repair the dead cursor would block the producer after 4 messages.
    produce(guard.name(), 100, 64, {});
    Result<SnapshotReader> reader = SnapshotReader::openChannel(guard.name(), std::chrono::milliseconds(100));
    QVERIFY(reader.ok());
    QCOMPARE(reader->take(false).ring.cursors.size(), std::size_t(0));
}

// A child process is SIGKILLed at the crash point inside the critical section; the parent's next
// lock returns EOWNERDEAD, is made consistent and counted, and the ring goes on working.
void tst_Ring::robustMutexSurvivesKilledHolder()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Mutex, 4, 64);
    QVERIFY(producerDiesAt(guard.name(), "holding-lock:2")); // killed at the second lock
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Consumer);
    auto consumer = makeConsumer(endpoint.channel, endpoint.stats, {});
    QVERIFY(consumer.ok());
    std::vector<std::byte> buffer(64);
    MessageHeader header{};
    Result<PopStatus> popped = (*consumer)->pop(header, buffer, monotonicNs() + 1'000'000'000);
    QVERIFY(popped.ok());
    QCOMPARE(*popped, PopStatus::Delivered); // the one message committed before the crash
    QCOMPARE(endpoint.stats.get(Counter::LockRecoveries), quint64(1));
    popped = (*consumer)->pop(header, buffer, monotonicNs() + 50'000'000);
    QVERIFY(popped.ok());
    QCOMPARE(*popped, PopStatus::Empty);
}

// An mpmc producer killed after claiming a slot: the consumer, blocked on that slot, finds the
// claimant dead, repairs the slot to Abandoned, skips it and counts lost_to_crash.
void tst_Ring::deadMpmcWriterIsAbandoned()
{
    ChannelGuard guard(test::uniqueChannelName("ring"));
    createTestChannel(guard.name(), SyncKind::Mpmc, 4, 64);
    QVERIFY(producerDiesAt(guard.name(), "after-claim:2")); // killed with its second slot claimed
    // A successor producer keeps writing after the claimed slot.
    std::thread successor([&] { produce(guard.name(), 2, 64, {}); });
    Endpoint endpoint = attachEndpoint(guard.name(), Role::Consumer);
    auto consumer = makeConsumer(endpoint.channel, endpoint.stats, {});
    QVERIFY(consumer.ok());
    std::vector<std::byte> buffer(64);
    int delivered = 0, abandoned = 0;
    const std::uint64_t deadline = monotonicNs() + 10'000'000'000ull;
    while (delivered + abandoned < 4 && monotonicNs() < deadline) {
        MessageHeader header{};
        Result<PopStatus> popped = (*consumer)->pop(header, buffer, monotonicNs() + 100'000'000);
        QVERIFY(popped.ok());
        if (*popped == PopStatus::Delivered) ++delivered;
        if (*popped == PopStatus::Abandoned) ++abandoned;
    }
    successor.join();
    QCOMPARE(delivered, 3);  // one before the crash, two from the successor
    QCOMPARE(abandoned, 1);
    QCOMPARE(endpoint.stats.get(Counter::LostToCrash), quint64(1));
}

QTEST_GUILESS_MAIN(tst_Ring)
#include "tst_ring.moc"
