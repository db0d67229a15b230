// shmscope-worker's large-data features as real processes: chunked messages of every awkward size
// under each zero-copy-capable strategy, codec and payload kind; 256 MiB through a 4 MiB ring; a
// producer killed mid-message (incomplete, then a successor); the file transport outliving its
// producer; broadcast to several consumers, and drop-oldest with a slow one; zero-copy round
// trips; several queue consumers each taking chunked messages whole, and refusing what no run
// can hold; --from latest under queue delivery; bad usage of the new flags.
#include "test_channel.hpp"
#include "worker_process.hpp"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <vector>

using namespace shmscope::test;

namespace {

constexpr qint64 kSlotBytes = 4096;
constexpr int kPerSize = 8; // messages per size in the round trips

QStringList channelArgs(const QString& channel, const QString& sync, int slotCount, qint64 slotBytes)
{
    QStringList args{QStringLiteral("--channel"), channel, QStringLiteral("--create"), QStringLiteral("--slots"),
                     QString::number(slotCount), QStringLiteral("--slot-size"), QString::number(slotBytes)};
    if (sync == QStringLiteral("broadcast"))
        args << QStringLiteral("--delivery") << QStringLiteral("broadcast");
    else
        args << QStringLiteral("--sync") << sync;
    return args;
}

QStringList producer(const QStringList& channel, qint64 msgBytes, int count, const QStringList& extra = {})
{
    return QStringList{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--msg-size"),
                       QString::number(msgBytes), QStringLiteral("--count"), QString::number(count)} +
           channel + extra;
}

QStringList consumer(const QStringList& channel, const QStringList& extra = {})
{
    return QStringList{QStringLiteral("--role"), QStringLiteral("consumer")} + channel + extra;
}

// The consumer received exactly what the producer sent: count and digest of its sequences.
bool receivedAll(const QJsonObject& received, const QJsonObject& sent)
{
    return deliveredOnce({received}, sent).isEmpty();
}

// A counter of one stats record, read by shmscope-stat (what any monitor would see); -1 if absent.
qint64 recordCounter(const QString& channel, qint64 record, const char* name)
{
    const ToolResult stat = runTool("shmscope-stat", {QStringLiteral("--channel"), channel, QStringLiteral("--once"),
                                                      QStringLiteral("--json")});
    const QJsonArray records = QJsonDocument::fromJson(stat.out.toUtf8()).object().value(QStringLiteral("records")).toArray();
    for (const QJsonValue& value : records) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QStringLiteral("record")).toInteger() == record)
            return entry.value(QStringLiteral("counters")).toObject().value(QLatin1String(name)).toInteger(-1);
    }
    return -1;
}

void verifyClean(const QJsonObject& summary)
{
    QCOMPARE(counter(summary, "corrupt"), 0);
    QCOMPARE(counter(summary, "incomplete"), 0);
    QCOMPARE(counter(summary, "gaps"), 0);
    QCOMPARE(counter(summary, "reordered"), 0);
}

} // namespace

class tst_LargeData : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void bigMessageThroughSmallRing();
    void producerKilledMidMessage();
    void fileTransportOutlivesProducer_data();
    void fileTransportOutlivesProducer();
    void broadcastReachesEveryConsumer_data();
    void broadcastReachesEveryConsumer();
    void broadcastDropOldestCountsOverrun_data();
    void broadcastDropOldestCountsOverrun();
    void zeroCopyRoundTrip_data();
    void zeroCopyRoundTrip();
    void severalQueueConsumersTakeChunkedWhole_data();
    void severalQueueConsumersTakeChunkedWhole();
    void severalQueueConsumersRefuseChunked_data();
    void severalQueueConsumersRefuseChunked();
    void queueFromLatestSkipsBacklog();
    void badUsageExitsTwo_data();
    void badUsageExitsTwo();
};

void tst_LargeData::roundTrip_data()
{
    QTest::addColumn<QString>("sync");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<QString>("payload");
    for (const char* sync : {"spsc", "mpmc", "mutex"}) {
        for (const char* codec : {"none", "lz4", "zstd", "auto"}) {
            for (const char* payload : {"random", "text"})
                QTest::addRow("%s %s %s", sync, codec, payload) << sync << codec << payload;
        }
    }
}

// One consumer; a producer per size in turn: 1 B, 63 B, a slot - 1, a slot, a slot + 1 and
// 3 slots + 5, each message reassembled and verified, each producer's messages all there once.
void tst_LargeData::roundTrip()
{
    QFETCH(QString, sync);
    QFETCH(QString, codec);
    QFETCH(QString, payload);
    const std::vector<qint64> sizes{1, 63, kSlotBytes - 1, kSlotBytes, kSlotBytes + 1, 3 * kSlotBytes + 5};
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), sync, 4, kSlotBytes);
    const int total = kPerSize * static_cast<int>(sizes.size());
    WorkerProcess reader(consumer(channel, {QStringLiteral("--count"), QString::number(total)}));
    QVERIFY2(reader.waitReady(), qPrintable(reader.standardError()));
    qint64 totalBytes = 0;
    std::vector<QJsonObject> sent;
    for (const qint64 size : sizes) {
        WorkerProcess writer(producer(channel, size, kPerSize,
                                      {QStringLiteral("--compress"), codec, QStringLiteral("--payload"), payload}));
        QVERIFY2(writer.waitExit(), qPrintable(QStringLiteral("producer of %1 B did not finish").arg(size)));
        QCOMPARE(writer.exitCode(), 0);
        QCOMPARE(counter(writer.summary(), "messages"), kPerSize);
        sent.push_back(writer.summary());
        totalBytes += size * kPerSize;
    }
    QVERIFY2(reader.waitExit(), "consumer did not receive every message");
    QCOMPARE(reader.exitCode(), 0);
    const QJsonObject received = reader.summary();
    verifyClean(received);
    QCOMPARE(counter(received, "messages"), total);
    QCOMPARE(counter(received, "bytes"), totalBytes);
    for (std::size_t i = 0; i < sent.size(); ++i)
        QVERIFY2(receivedAll(received, sent[i]), qPrintable(QStringLiteral("size %1").arg(sizes[i])));
}

// Messages larger than the whole ring, checksummed streaming (docs/PROTOCOL.md, chunked messages).
void tst_LargeData::bigMessageThroughSmallRing()
{
    constexpr qint64 kBig = 256LL << 20;
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel =
        channelArgs(guard.qname(), QStringLiteral("spsc"), 4, 1 << 20) + QStringList{QStringLiteral("--checksum"), QStringLiteral("xxh3")};
    WorkerProcess reader(consumer(channel));
    QVERIFY(reader.waitReady());
    WorkerProcess writer(producer(channel, kBig, 2));
    QVERIFY2(writer.waitExit(300000), "producer did not finish");
    QVERIFY2(reader.waitExit(300000), "consumer did not finish");
    QCOMPARE(writer.exitCode(), 0);
    QCOMPARE(reader.exitCode(), 0);
    verifyClean(reader.summary());
    QCOMPARE(counter(reader.summary(), "messages"), 2);
    QCOMPARE(counter(reader.summary(), "bytes"), 2 * kBig);
    QVERIFY(receivedAll(reader.summary(), writer.summary()));
}

// Killed between chunks, a producer leaves a partial message: the consumer counts it incomplete
// once it sees the producer dead (before any successor shows up), then goes on with a successor.
void tst_LargeData::producerKilledMidMessage()
{
    constexpr qint64 kMessage = 8 * kSlotBytes; // 8 chunks: the crash falls inside the first
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), QStringLiteral("spsc"), 4, kSlotBytes);
    WorkerProcess reader(consumer(channel, {QStringLiteral("--count"), QStringLiteral("5")}));
    QVERIFY(reader.waitReady());
    const qint64 readerRecord = reader.ready().value(QStringLiteral("record")).toInteger();
    WorkerProcess victim(producer(channel, kMessage, 100), QStringLiteral("mid-chunk:3"));
    QVERIFY(victim.waitExit());
    QVERIFY(victim.crashed());
    QTRY_COMPARE_WITH_TIMEOUT(recordCounter(guard.qname(), readerRecord, "incomplete"), 1, 20000);
    WorkerProcess successor(producer(channel, kMessage, 5));
    QVERIFY(successor.waitExit());
    QCOMPARE(successor.exitCode(), 0);
    QVERIFY2(reader.waitExit(), "consumer did not go on with the successor");
    QCOMPARE(reader.exitCode(), 0);
    const QJsonObject received = reader.summary();
    QCOMPARE(counter(received, "incomplete"), 1);
    QCOMPARE(counter(received, "corrupt"), 0);
    QCOMPARE(counter(received, "messages"), 5);
    QVERIFY(receivedAll(received, successor.summary()));
}

void tst_LargeData::fileTransportOutlivesProducer_data()
{
    QTest::addColumn<qint64>("msgBytes");
    QTest::addColumn<int>("count");
    QTest::addColumn<bool>("msync");
    QTest::newRow("one slot each") << qint64(1000) << 8 << false;      // N = slots
    QTest::newRow("chunked, msync") << qint64(2 * kSlotBytes) << 4 << true; // 2 chunks each
}

void tst_LargeData::fileTransportOutlivesProducer()
{
    QFETCH(qint64, msgBytes);
    QFETCH(int, count);
    QFETCH(bool, msync);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("channel.shm"));
    const QStringList file{QStringLiteral("--transport"), QStringLiteral("file"), QStringLiteral("--path"), path};
    QStringList extra{QStringLiteral("--create"), QStringLiteral("--slots"), QStringLiteral("8"),
                      QStringLiteral("--slot-size"), QString::number(kSlotBytes)};
    if (msync)
        extra << QStringLiteral("--msync");
    WorkerProcess writer(producer(file, msgBytes, count, extra));
    QVERIFY(writer.waitExit());
    QCOMPARE(writer.exitCode(), 0);
    QCOMPARE(counter(writer.summary(), "messages"), count);
    QVERIFY(QFile::exists(path)); // the last one out leaves a file channel in place
    WorkerProcess reader(consumer(file, {QStringLiteral("--count"), QString::number(count)}));
    QVERIFY2(reader.waitExit(), "a consumer started later did not find what the producer left");
    QCOMPARE(reader.exitCode(), 0);
    verifyClean(reader.summary());
    QVERIFY(receivedAll(reader.summary(), writer.summary()));
    QVERIFY(QFile::exists(path) && QFile::exists(path + QStringLiteral(".ctl"))); // workers remove nothing
    QVERIFY(QFile::remove(path));
    QVERIFY(QFile::remove(path + QStringLiteral(".ctl")));
}

void tst_LargeData::broadcastReachesEveryConsumer_data()
{
    QTest::addColumn<int>("consumers");
    for (const int consumers : {1, 2, 4})
        QTest::addRow("%d", consumers) << consumers;
}

// Under block every consumer gets every message, chunked ones included.
void tst_LargeData::broadcastReachesEveryConsumer()
{
    QFETCH(int, consumers);
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), QStringLiteral("broadcast"), 8, kSlotBytes);
    std::vector<std::unique_ptr<WorkerProcess>> readers;
    for (int i = 0; i < consumers; ++i) {
        readers.push_back(std::make_unique<WorkerProcess>(consumer(channel)));
        QVERIFY(readers.back()->waitReady());
    }
    WorkerProcess writer(producer(channel, 2 * kSlotBytes + 100, 200,
                                  {QStringLiteral("--wait-consumers"), QString::number(consumers)}));
    QVERIFY(writer.waitExit());
    QCOMPARE(writer.exitCode(), 0);
    for (const auto& reader : readers) {
        QVERIFY(reader->waitExit());
        QCOMPARE(reader->exitCode(), 0);
        verifyClean(reader->summary());
        QCOMPARE(counter(reader->summary(), "overrun"), 0);
        QCOMPARE(counter(reader->summary(), "messages"), 200);
        QVERIFY(receivedAll(reader->summary(), writer.summary()));
    }
}

// A consumer too slow for a drop-oldest producer is overrun: it counts what it lost and never
// delivers a message that was being overwritten.
void tst_LargeData::broadcastDropOldestCountsOverrun_data()
{
    QTest::addColumn<qint64>("msgBytes");
    QTest::newRow("one slot") << kSlotBytes;
    QTest::newRow("four chunks") << 3 * kSlotBytes + 5; // overruns cut messages: never corrupt
}

void tst_LargeData::broadcastDropOldestCountsOverrun()
{
    QFETCH(qint64, msgBytes);
    constexpr int kCount = 3000;
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), QStringLiteral("broadcast"), 8, kSlotBytes) +
                                QStringList{QStringLiteral("--backpressure"), QStringLiteral("drop-oldest")};
    WorkerProcess reader(consumer(channel, {QStringLiteral("--rate"), QStringLiteral("500")}));
    QVERIFY(reader.waitReady());
    WorkerProcess writer(producer(channel, msgBytes, kCount, {QStringLiteral("--wait-consumers"), QStringLiteral("1")}));
    QVERIFY(writer.waitExit());
    QCOMPARE(writer.exitCode(), 0);
    QCOMPARE(counter(writer.summary(), "messages"), kCount); // the producer never waits
    QVERIFY(reader.waitExit());
    QCOMPARE(reader.exitCode(), 0);
    const QJsonObject received = reader.summary();
    QCOMPARE(counter(received, "corrupt"), 0);
    QCOMPARE(counter(received, "incomplete"), 0);
    QVERIFY2(counter(received, "overrun") > 0, "a consumer at 500 msg/s kept up with an unpaced producer");
    // Every message was either delivered intact or counted lost (overrun counts slots), none twice.
    if (msgBytes <= kSlotBytes)
        QCOMPARE(counter(received, "messages") + counter(received, "overrun"), kCount);
    else
        QVERIFY(counter(received, "messages") < kCount);
    QCOMPARE(counter(received, "reordered"), 0);
}

void tst_LargeData::zeroCopyRoundTrip_data()
{
    QTest::addColumn<QString>("sync");
    for (const char* sync : {"spsc", "mpmc", "mutex"})
        QTest::newRow(sync) << sync;
}

void tst_LargeData::zeroCopyRoundTrip()
{
    QFETCH(QString, sync);
    const QStringList zeroCopy{QStringLiteral("--zero-copy")};
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), sync, 4, kSlotBytes);
    WorkerProcess reader(consumer(channel, zeroCopy + QStringList{QStringLiteral("--count"), QStringLiteral("200")}));
    QVERIFY(reader.waitReady());
    WorkerProcess single(producer(channel, kSlotBytes - 1, 100, zeroCopy));
    QVERIFY(single.waitExit());
    WorkerProcess chunked(producer(channel, 3 * kSlotBytes + 5, 100, zeroCopy));
    QVERIFY(chunked.waitExit());
    QCOMPARE(single.exitCode(), 0);
    QCOMPARE(chunked.exitCode(), 0);
    QVERIFY(reader.waitExit());
    QCOMPARE(reader.exitCode(), 0);
    verifyClean(reader.summary());
    QCOMPARE(counter(reader.summary(), "messages"), 200);
    QVERIFY(receivedAll(reader.summary(), single.summary()));
    QVERIFY(receivedAll(reader.summary(), chunked.summary()));
}

void tst_LargeData::severalQueueConsumersTakeChunkedWhole_data()
{
    QTest::addColumn<QString>("sync");
    QTest::addColumn<bool>("zeroCopy");
    for (const char* sync : {"mpmc", "mutex"}) {
        QTest::addRow("%s copy", sync) << sync << false;
        QTest::addRow("%s zero-copy", sync) << sync << true;
    }
}

// docs/PROTOCOL.md: with several queue consumers a chunked message's slots are reserved in one
// index advance and one consumer takes them all. Two producers (one of them sending messages of
// exactly the ring's capacity, the other of two slots and a byte) and two consumers: every
// message arrives whole, verified, exactly once, at one of the consumers.
void tst_LargeData::severalQueueConsumersTakeChunkedWhole()
{
    QFETCH(QString, sync);
    QFETCH(bool, zeroCopy);
    constexpr int kSlots = 4;
    constexpr int kCount = 300;
    const QStringList extra = zeroCopy ? QStringList{QStringLiteral("--zero-copy")} : QStringList{};
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), sync, kSlots, kSlotBytes);
    // The producers attach first and wait for both consumers: no consumer can see "every producer
    // gone" before both have started.
    const QStringList waitForBoth = extra + QStringList{QStringLiteral("--wait-consumers"), QStringLiteral("2")};
    WorkerProcess fullRing(producer(channel, kSlots * kSlotBytes, kCount, waitForBoth));
    QVERIFY(fullRing.waitReady());
    WorkerProcess twoSlots(producer(channel, 2 * kSlotBytes + 1, kCount, waitForBoth));
    QVERIFY(twoSlots.waitReady());
    WorkerProcess first(consumer(channel, extra)), second(consumer(channel, extra));
    for (WorkerProcess* worker : {&fullRing, &twoSlots, &first, &second}) {
        QVERIFY(worker->waitExit());
        QCOMPARE(worker->exitCode(), 0);
    }
    for (WorkerProcess* writer : {&fullRing, &twoSlots}) {
        QCOMPARE(counter(writer->summary(), "messages"), kCount);
        QCOMPARE(counter(writer->summary(), "drops"), 0);
        QVERIFY(writer->warnings().isEmpty());
        const QString differs = deliveredOnce({first.summary(), second.summary()}, writer->summary());
        QVERIFY2(differs.isEmpty(), qPrintable(differs));
    }
    for (WorkerProcess* reader : {&first, &second})
        verifyClean(reader->summary());
}

void tst_LargeData::severalQueueConsumersRefuseChunked_data()
{
    QTest::addColumn<QString>("sync");
    QTest::addColumn<qint64>("msgBytes");
    QTest::newRow("mpmc, larger than the ring") << QStringLiteral("mpmc") << 4 * kSlotBytes + 1;
    QTest::newRow("mutex, larger than the ring") << QStringLiteral("mutex") << 4 * kSlotBytes + 1;
    QTest::newRow("semaphore, two slots") << QStringLiteral("semaphore") << 2 * kSlotBytes;
    QTest::newRow("boost-mutex, two slots") << QStringLiteral("boost-mutex") << 2 * kSlotBytes;
}

// What no run can hold — larger than the ring, or several slots under a strategy without runs —
// would be split between the consumers: it is refused, counted in drops, with one warning.
void tst_LargeData::severalQueueConsumersRefuseChunked()
{
    QFETCH(QString, sync);
    QFETCH(qint64, msgBytes);
    constexpr int kCount = 20;
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), sync, 4, kSlotBytes);
    WorkerProcess first(consumer(channel)), second(consumer(channel));
    QVERIFY(first.waitReady());
    QVERIFY(second.waitReady());
    WorkerProcess writer(producer(channel, msgBytes, kCount));
    QVERIFY(writer.waitExit());
    QCOMPARE(writer.exitCode(), 0);
    QCOMPARE(counter(writer.summary(), "drops"), kCount);
    QCOMPARE(counter(writer.summary(), "messages"), 0);
    QCOMPARE(writer.warnings().size(), 1);
    QVERIFY2(writer.warnings().at(0).contains(QStringLiteral("drops")), qPrintable(writer.warnings().at(0)));
    for (WorkerProcess* reader : {&first, &second}) {
        QVERIFY(reader->waitExit()); // the producer closed: nothing to wait for
        QCOMPARE(counter(reader->summary(), "messages"), 0);
        QCOMPARE(counter(reader->summary(), "corrupt"), 0);
    }
}

// docs/CLI.md --from latest under queue delivery: what was committed before the consumer attached
// is taken and discarded (counted in its drops); what comes after is delivered.
void tst_LargeData::queueFromLatestSkipsBacklog()
{
    constexpr int kBacklog = 5;
    constexpr int kFresh = 3;
    ChannelGuard guard(uniqueChannelName("large"));
    const QStringList channel = channelArgs(guard.qname(), QStringLiteral("mpmc"), 8, kSlotBytes);
    WorkerProcess before(producer(channel, kSlotBytes, kBacklog, {QStringLiteral("--keep")}));
    QVERIFY(before.waitExit());
    QCOMPARE(before.exitCode(), 0);
    WorkerProcess reader(consumer(channel, {QStringLiteral("--from"), QStringLiteral("latest"), QStringLiteral("--count"),
                                            QString::number(kFresh)}));
    QVERIFY(reader.waitReady());
    WorkerProcess after(producer(channel, kSlotBytes, kFresh));
    QVERIFY(after.waitExit());
    QVERIFY(reader.waitExit());
    QCOMPARE(reader.exitCode(), 0);
    QCOMPARE(counter(reader.summary(), "messages"), kFresh);
    QCOMPARE(counter(reader.summary(), "drops"), kBacklog);
    QVERIFY(receivedAll(reader.summary(), after.summary()));
    QVERIFY(producerEntry(reader.summary(), before.summary()).isEmpty());
}

void tst_LargeData::badUsageExitsTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("flag");
    const QString name = QString::fromStdString(uniqueChannelName("bad"));
    const QString path = QDir::temp().filePath(name);
    const QStringList base{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--create"),
                           QStringLiteral("--channel"), name};
    QTest::newRow("zero-copy with lz4") << base + QStringList{"--zero-copy", "--compress", "lz4"} << "--zero-copy";
    QTest::newRow("zero-copy broadcast") << base + QStringList{"--zero-copy", "--delivery", "broadcast"} << "--zero-copy";
    QTest::newRow("zero-copy semaphore") << base + QStringList{"--zero-copy", "--sync", "semaphore"} << "--zero-copy";
    QTest::newRow("unknown codec") << base + QStringList{"--compress", "brotli"} << "--compress";
    QTest::newRow("zstd level 0") << base + QStringList{"--zstd-level", "0"} << "--zstd-level";
    QTest::newRow("zstd level 20") << base + QStringList{"--zstd-level", "20"} << "--zstd-level";
    QTest::newRow("from newest") << base + QStringList{"--from", "newest"} << "--from";
    QTest::newRow("max msg size 10") << base + QStringList{"--max-msg-size", "10"} << "--max-msg-size";
    QTest::newRow("broadcast mpmc") << base + QStringList{"--delivery", "broadcast", "--sync", "mpmc"} << "--delivery";
    QTest::newRow("broadcast drop-newest") << base + QStringList{"--delivery", "broadcast", "--backpressure", "drop-newest"}
                                           << "--backpressure";
    QTest::newRow("file without path") << base + QStringList{"--transport", "file"} << "--path";
    QTest::newRow("path with shm") << base + QStringList{"--path", path} << "--path";
    QTest::newRow("msync with shm") << base + QStringList{"--msync"} << "--msync";
    QTest::newRow("unknown transport") << base + QStringList{"--transport", "tape"} << "--transport";
}

void tst_LargeData::badUsageExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, flag);
    const ToolResult result = runTool("shmscope-worker", arguments);
    QCOMPARE(result.exitCode, 2);
    const QString line = result.err.trimmed();
    QVERIFY2(!line.isEmpty() && !line.contains(QLatin1Char('\n')), qPrintable(result.err));
    QVERIFY2(line.contains(flag), qPrintable(line));
    const QString name = arguments.at(arguments.indexOf(QStringLiteral("--channel")) + 1);
    QVERIFY(!channelExists(name.toStdString())); // nothing was created
    QVERIFY(!QFile::exists(QDir::temp().filePath(name)));
}

QTEST_GUILESS_MAIN(tst_LargeData)
#include "tst_large_data.moc"
