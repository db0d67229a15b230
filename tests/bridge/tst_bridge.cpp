// shmscope-bridge between two channels over loopback TCP (docs/BRIDGE.md): real producers, bridges
// and consumers; what the far consumer tallies per original producer must equal what that
// producer says it sent.
#include "../app/worker_process.hpp"
#include "bridge_process.hpp"
#include "test_channel.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cstring>
#include <zmq.h>

using namespace shmscope::test;

namespace {

const QString kAnyPort = QStringLiteral("tcp://127.0.0.1:*");

QJsonObject ownEntry(const QJsonObject& producerSummary)
{
    return producerSummary.value(QStringLiteral("producers")).toArray().at(0).toObject();
}

// The far consumer's entry for the producer equals the producer's own: count, first, last, digest.
QString sameAsProducer(const QJsonObject& consumerSummary, const QJsonObject& producerSummary)
{
    const QJsonObject own = ownEntry(producerSummary);
    const QJsonObject seen = producerEntry(consumerSummary, producerSummary);
    if (seen.isEmpty())
        return QStringLiteral("the far consumer saw nothing of record %1")
            .arg(own.value(QStringLiteral("record")).toInteger());
    for (const char* key : {"count", "first", "last", "digest"}) {
        const QString name = QLatin1String(key);
        if (seen.value(name) != own.value(name))
            return QStringLiteral("%1: far consumer %2, producer %3")
                .arg(name, seen.value(name).toVariant().toString(),
                     own.value(name).toVariant().toString());
    }
    return {};
}

QStringList channelFlags(const QString& slotCount)
{
    return {QStringLiteral("--sync"), QStringLiteral("mpmc"), QStringLiteral("--slots"), slotCount,
            QStringLiteral("--slot-size"), QStringLiteral("4KiB")};
}

// The record of process `pid` in `shmscope-stat --channel NAME --once --json`; empty if absent.
QJsonObject statRecord(const QString& channel, qint64 pid)
{
    const ToolResult stat = runTool("shmscope-stat", {QStringLiteral("--channel"), channel,
                                                      QStringLiteral("--once"), QStringLiteral("--json")});
    const QJsonArray records = QJsonDocument::fromJson(stat.out.toUtf8()).object().value(QStringLiteral("records")).toArray();
    for (const QJsonValue& record : records)
        if (record.toObject().value(QStringLiteral("pid")).toInteger() == pid) return record.toObject();
    return {};
}

} // namespace

class tst_Bridge : public QObject {
    Q_OBJECT
private slots:
    void usage_data();
    void usage();
    void queueAcrossTheBridge();
    void broadcastToTwoReceivers();
    void receiverKilledAndRestarted();
    void garbageFramesAreCounted();
    void bridgesShowAsBridges();
};

void tst_Bridge::usage_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output");
    QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << QStringLiteral("Usage: shmscope-bridge");
    QTest::newRow("version") << QStringList{QStringLiteral("send"), QStringLiteral("--version")} << 0
                             << QStringLiteral("shmscope-bridge 0.");
    QTest::newRow("no direction") << QStringList{} << 2 << QStringLiteral("send|receive");
    QTest::newRow("bad direction") << QStringList{QStringLiteral("sideways")} << 2
                                   << QStringLiteral("'sideways' is not one of send, receive");
    QTest::newRow("no endpoint")
        << QStringList{QStringLiteral("send"), QStringLiteral("--channel"), QStringLiteral("x")} << 2
        << QStringLiteral("--connect: required");
    QTest::newRow("receive flag on send")
        << QStringList{QStringLiteral("send"), QStringLiteral("--channel"), QStringLiteral("x"),
                       QStringLiteral("--connect"), QStringLiteral("tcp://127.0.0.1:1"), QStringLiteral("--create")}
        << 2 << QStringLiteral("--create: only with receive");
    QTest::newRow("not an endpoint")
        << QStringList{QStringLiteral("receive"), QStringLiteral("--channel"), QStringLiteral("x"),
                       QStringLiteral("--bind"), QStringLiteral("5555")}
        << 2 << QStringLiteral("--bind: '5555' is not a ZeroMQ endpoint");
}

void tst_Bridge::usage()
{
    QFETCH(QStringList, arguments);
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    const ToolResult result = runTool("shmscope-bridge", arguments);
    QCOMPARE(result.exitCode, exitCode);
    if (exitCode == 0) {
        QVERIFY2(result.out.contains(output), qPrintable(result.out));
    } else {
        QVERIFY2(result.err.contains(output), qPrintable(result.err));
        QCOMPARE(result.err.count(QLatin1Char('\n')), 1); // one line
        QVERIFY(result.out.isEmpty());
    }
}

// 20,000 messages from two producers, one of them in messages larger than either ring (chunked),
// from a near channel through send, TCP and receive into a far channel.
void tst_Bridge::queueAcrossTheBridge()
{
    ChannelGuard near(uniqueChannelName("bridge-near"));
    ChannelGuard far(uniqueChannelName("bridge-far"));
    BridgeProcess receiver(QStringList{QStringLiteral("receive"), QStringLiteral("--channel"), far.qname(),
                                       QStringLiteral("--create"), QStringLiteral("--bind"), kAnyPort,
                                       QStringLiteral("--exit-on-end")}
                           + channelFlags(QStringLiteral("4")));
    QVERIFY(receiver.waitReady());
    WorkerProcess consumer({QStringLiteral("--role"), QStringLiteral("consumer"), QStringLiteral("--channel"),
                            far.qname()});
    QVERIFY(consumer.waitReady());
    WorkerProcess small(QStringList{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                                    near.qname(), QStringLiteral("--create"), QStringLiteral("--count"),
                                    QStringLiteral("10000"), QStringLiteral("--msg-size"), QStringLiteral("256")}
                        + channelFlags(QStringLiteral("4")));
    QVERIFY(small.waitReady());
    // 20 KiB: five chunks, more than the four 4 KiB slots of either ring.
    WorkerProcess large({QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                         near.qname(), QStringLiteral("--count"), QStringLiteral("10000"),
                         QStringLiteral("--msg-size"), QStringLiteral("20KiB")});
    QVERIFY(large.waitReady());
    BridgeProcess sender({QStringLiteral("send"), QStringLiteral("--channel"), near.qname(),
                          QStringLiteral("--connect"), receiver.endpoint(), QStringLiteral("--count"),
                          QStringLiteral("20000")});
    QVERIFY(sender.waitReady());

    for (WorkerProcess* worker : {&small, &large, &consumer}) {
        QVERIFY(worker->waitExit(300000));
        QCOMPARE(worker->exitCode(), 0);
    }
    for (BridgeProcess* bridge : {&sender, &receiver}) {
        QVERIFY(bridge->waitExit());
        QCOMPARE(bridge->exitCode(), 0);
    }
    QCOMPARE(counter(sender.summary(), "messages"), 20000);
    QCOMPARE(counter(receiver.summary(), "messages"), 20000);
    QCOMPARE(counter(receiver.summary(), "rejected"), 0);
    const QJsonObject far_ = consumer.summary();
    QVERIFY2(sameAsProducer(far_, small.summary()).isEmpty(), qPrintable(sameAsProducer(far_, small.summary())));
    QVERIFY2(sameAsProducer(far_, large.summary()).isEmpty(), qPrintable(sameAsProducer(far_, large.summary())));
    QCOMPARE(counter(far_, "messages"), 20000);
    for (const char* name : {"corrupt", "gaps", "reordered", "incomplete"})
        QVERIFY2(counter(far_, name) == 0, name);
    QVERIFY(!channelExists(near.name()));
    QVERIFY(!channelExists(far.name()));
}

// A broadcast channel carried PUB/SUB to two receivers: each far consumer gets every message, or
// its receiver counts what the link lost.
void tst_Bridge::broadcastToTwoReceivers()
{
    constexpr qint64 kMessages = 5000;
    ChannelGuard near(uniqueChannelName("bridge-bnear"));
    ChannelGuard farA(uniqueChannelName("bridge-bfar-a"));
    ChannelGuard farB(uniqueChannelName("bridge-bfar-b"));
    const QStringList broadcastChannel{QStringLiteral("--delivery"), QStringLiteral("broadcast"),
                                       QStringLiteral("--slots"), QStringLiteral("64"),
                                       QStringLiteral("--slot-size"), QStringLiteral("4KiB")};
    // A broadcast consumer of its own creates the near channel, so that the producer can start
    // once the receivers are subscribed.
    WorkerProcess watcher(QStringList{QStringLiteral("--role"), QStringLiteral("consumer"), QStringLiteral("--channel"),
                                      near.qname(), QStringLiteral("--create"), QStringLiteral("--from"),
                                      QStringLiteral("oldest")}
                          + broadcastChannel);
    QVERIFY(watcher.waitReady());
    BridgeProcess sender({QStringLiteral("send"), QStringLiteral("--channel"), near.qname(), QStringLiteral("--bind"),
                          kAnyPort, QStringLiteral("--high-water"), QStringLiteral("100000")});
    QVERIFY(sender.waitReady());
    QList<BridgeProcess*> receivers;
    QList<WorkerProcess*> consumers;
    for (const ChannelGuard* far : {&farA, &farB}) {
        receivers << new BridgeProcess(QStringList{QStringLiteral("receive"), QStringLiteral("--channel"),
                                                   far->qname(), QStringLiteral("--create"),
                                                   QStringLiteral("--connect"), sender.endpoint(),
                                                   QStringLiteral("--pattern"), QStringLiteral("broadcast"),
                                                   QStringLiteral("--exit-on-end")}
                                       + channelFlags(QStringLiteral("64")));
        QVERIFY(receivers.last()->waitReady());
        consumers << new WorkerProcess({QStringLiteral("--role"), QStringLiteral("consumer"),
                                        QStringLiteral("--channel"), far->qname()});
        QVERIFY(consumers.last()->waitReady());
    }
    QVERIFY(sender.waitConnected(2));
    WorkerProcess producer({QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                            near.qname(), QStringLiteral("--count"), QString::number(kMessages),
                            QStringLiteral("--msg-size"), QStringLiteral("512")});
    QVERIFY(producer.waitReady());
    QVERIFY(producer.waitExit());
    QVERIFY(sender.waitExit());
    QCOMPARE(sender.exitCode(), 0);
    QCOMPARE(counter(sender.summary(), "messages"), kMessages);
    for (int i = 0; i < receivers.size(); ++i) {
        QVERIFY(receivers[i]->waitExit());
        QCOMPARE(receivers[i]->exitCode(), 0);
        QVERIFY(consumers[i]->waitExit());
        const QJsonObject seen = producerEntry(consumers[i]->summary(), producer.summary());
        const qint64 lost = counter(receivers[i]->summary(), "lost");
        QCOMPARE(seen.value(QStringLiteral("count")).toInteger() + lost, kMessages);
        QCOMPARE(counter(consumers[i]->summary(), "gaps"), lost); // one frame per message here
        if (lost == 0)
            QVERIFY2(sameAsProducer(consumers[i]->summary(), producer.summary()).isEmpty(),
                     qPrintable(sameAsProducer(consumers[i]->summary(), producer.summary())));
    }
    watcher.terminate();
    QVERIFY(watcher.waitExit());
    qDeleteAll(receivers);
    qDeleteAll(consumers);
}

// The receiving bridge dies mid-stream and a new one takes its place: the sender says so in one
// line, reconnects, and what was lost on the way shows as the far consumer's gaps.
void tst_Bridge::receiverKilledAndRestarted()
{
    constexpr qint64 kMessages = 6000;
    ChannelGuard near(uniqueChannelName("bridge-knear"));
    ChannelGuard far(uniqueChannelName("bridge-kfar"));
    const QStringList receiveArguments = QStringList{QStringLiteral("receive"), QStringLiteral("--channel"),
                                                     far.qname(), QStringLiteral("--create"),
                                                     QStringLiteral("--exit-on-end")}
                                         + channelFlags(QStringLiteral("8"));
    auto first = std::make_unique<BridgeProcess>(receiveArguments + QStringList{QStringLiteral("--bind"), kAnyPort});
    QVERIFY(first->waitReady());
    const QString endpoint = first->endpoint();
    WorkerProcess consumer({QStringLiteral("--role"), QStringLiteral("consumer"), QStringLiteral("--channel"),
                            far.qname()});
    QVERIFY(consumer.waitReady());
    // Paced, so that the stream is still flowing when the receiver is killed.
    WorkerProcess producer(QStringList{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                                       near.qname(), QStringLiteral("--create"), QStringLiteral("--count"),
                                       QString::number(kMessages), QStringLiteral("--rate"), QStringLiteral("2000"),
                                       QStringLiteral("--msg-size"), QStringLiteral("512")}
                           + channelFlags(QStringLiteral("8")));
    QVERIFY(producer.waitReady());
    BridgeProcess sender({QStringLiteral("send"), QStringLiteral("--channel"), near.qname(),
                          QStringLiteral("--connect"), endpoint, QStringLiteral("--heartbeat"),
                          QStringLiteral("0.2")});
    QVERIFY(sender.waitReady());
    QVERIFY(sender.waitConnected(1));
    QTest::qWait(1000); // let part of the stream through
    first->kill();
    QVERIFY(first->waitExit());
    QVERIFY2(sender.waitStderr(QStringLiteral("connection to receiver")), qPrintable(sender.standardError()));
    QVERIFY(sender.standardError().contains(QStringLiteral("reconnecting")));

    BridgeProcess second(receiveArguments + QStringList{QStringLiteral("--bind"), endpoint});
    QVERIFY(second.waitReady());
    QVERIFY2(sender.waitStderr(QStringLiteral("connected again")), qPrintable(sender.standardError()));
    QVERIFY(producer.waitExit());
    QVERIFY(sender.waitExit());
    QCOMPARE(sender.exitCode(), 0);
    QVERIFY(counter(sender.summary(), "disconnects") >= 1);
    QVERIFY(second.waitExit());
    QCOMPARE(second.exitCode(), 0);
    QVERIFY(consumer.waitExit());
    QCOMPARE(consumer.exitCode(), 0);

    const QJsonObject seen = producerEntry(consumer.summary(), producer.summary());
    QCOMPARE(seen.value(QStringLiteral("last")).toInteger(), kMessages);
    const qint64 gaps = counter(consumer.summary(), "gaps");
    QCOMPARE(seen.value(QStringLiteral("count")).toInteger() + gaps, kMessages);
    QCOMPARE(counter(consumer.summary(), "corrupt"), 0);
    // The stderr line is one line per lost connection.
    QCOMPARE(sender.standardError().count(QStringLiteral("connection to receiver")),
             counter(sender.summary(), "disconnects"));
}

// Frames that do not parse are counted, each described in one line, and the receiver goes on.
void tst_Bridge::garbageFramesAreCounted()
{
    ChannelGuard far(uniqueChannelName("bridge-gfar"));
    BridgeProcess receiver(QStringList{QStringLiteral("receive"), QStringLiteral("--channel"), far.qname(),
                                       QStringLiteral("--create"), QStringLiteral("--bind"), kAnyPort}
                           + channelFlags(QStringLiteral("4")));
    QVERIFY(receiver.waitReady());

    void* context = zmq_ctx_new();
    void* socket = zmq_socket(context, ZMQ_PUSH);
    const int linger = 5000;
    zmq_setsockopt(socket, ZMQ_LINGER, &linger, sizeof linger);
    QCOMPARE(zmq_connect(socket, receiver.endpoint().toUtf8().constData()), 0);
    const char shortFrame[] = "garbage";
    zmq_send(socket, shortFrame, 7, 0);
    unsigned char frame[96 + 16] = {};
    frame[0] = 9; // version
    frame[1] = 1;
    zmq_send(socket, frame, 96, 0);
    frame[0] = 2; // the frame version this build speaks
    const std::uint32_t claimed = 4000; // payload_length, while 16 bytes follow
    std::memcpy(frame + 32 + 32, &claimed, sizeof claimed);
    zmq_send(socket, frame, sizeof frame, 0);
    frame[1] = 7; // kind
    zmq_send(socket, frame, 32, 0);
    QVERIFY2(receiver.waitStderr(QStringLiteral("unknown frame kind 7")), qPrintable(receiver.standardError()));
    zmq_close(socket);
    zmq_ctx_term(context);

    receiver.terminate();
    QVERIFY(receiver.waitExit());
    QVERIFY(!receiver.crashed());
    QCOMPARE(receiver.exitCode(), 0);
    QCOMPARE(counter(receiver.summary(), "rejected"), 4);
    QCOMPARE(receiver.standardError().count(QStringLiteral("rejected frame")), 4);
    QVERIFY(!channelExists(far.name()));
}

// A live sender and receiver are listed as a bridge in their channels' statistics tables, in
// shmscope-stat's JSON and text alike.
void tst_Bridge::bridgesShowAsBridges()
{
    ChannelGuard near(uniqueChannelName("bridge-snear"));
    ChannelGuard far(uniqueChannelName("bridge-sfar"));
    BridgeProcess receiver(QStringList{QStringLiteral("receive"), QStringLiteral("--channel"), far.qname(),
                                       QStringLiteral("--create"), QStringLiteral("--bind"), kAnyPort}
                           + channelFlags(QStringLiteral("4")));
    QVERIFY(receiver.waitReady());
    WorkerProcess producer(QStringList{QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                                       near.qname(), QStringLiteral("--create"), QStringLiteral("--rate"),
                                       QStringLiteral("100")}
                           + channelFlags(QStringLiteral("4")));
    QVERIFY(producer.waitReady());
    BridgeProcess sender({QStringLiteral("send"), QStringLiteral("--channel"), near.qname(),
                          QStringLiteral("--connect"), receiver.endpoint()});
    QVERIFY(sender.waitReady());

    const qint64 senderPid = sender.ready().value(QStringLiteral("pid")).toInteger();
    const qint64 receiverPid = receiver.ready().value(QStringLiteral("pid")).toInteger();
    const QJsonObject send = statRecord(near.qname(), senderPid);
    QCOMPARE(send.value(QStringLiteral("program")).toString(), QStringLiteral("bridge"));
    QCOMPARE(send.value(QStringLiteral("role")).toString(), QStringLiteral("consumer"));
    const QJsonObject worker = statRecord(near.qname(), producer.pid());
    QCOMPARE(worker.value(QStringLiteral("program")).toString(), QStringLiteral("application"));
    const QJsonObject receive = statRecord(far.qname(), receiverPid);
    QCOMPARE(receive.value(QStringLiteral("program")).toString(), QStringLiteral("bridge"));
    QCOMPARE(receive.value(QStringLiteral("role")).toString(), QStringLiteral("producer"));
    const ToolResult nearText = runTool("shmscope-stat", {QStringLiteral("--channel"), near.qname(), QStringLiteral("--once")});
    QVERIFY2(nearText.out.contains(QStringLiteral("bridge (send)")), qPrintable(nearText.out));
    const ToolResult farText = runTool("shmscope-stat", {QStringLiteral("--channel"), far.qname(), QStringLiteral("--once")});
    QVERIFY2(farText.out.contains(QStringLiteral("bridge (receive)")), qPrintable(farText.out));

    for (BridgeProcess* bridge : {&sender, &receiver}) {
        bridge->terminate();
        QVERIFY(bridge->waitExit());
        QCOMPARE(bridge->exitCode(), 0);
    }
    producer.terminate();
    QVERIFY(producer.waitExit());
    QCOMPARE(producer.exitCode(), 0);
    QVERIFY(!channelExists(near.name()));
    QVERIFY(!channelExists(far.name()));
}

QTEST_GUILESS_MAIN(tst_Bridge)
#include "tst_bridge.moc"
