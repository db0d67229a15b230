#include "shmscope/params.hpp"

#include <QTest>

using namespace shmscope;

class tst_Params : public QObject {
    Q_OBJECT
private slots:
    void parseSize_data();
    void parseSize();
    void channelName_data();
    void channelName();
    void combination_data();
    void combination();
    void limits_data();
    void limits();
};

void tst_Params::parseSize_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<quint64>("bytes");
    QTest::newRow("plain") << "4096" << true << quint64(4096);
    QTest::newRow("bytes suffix") << "64B" << true << quint64(64);
    QTest::newRow("K") << "4K" << true << quint64(4096);
    QTest::newRow("KiB") << "4KiB" << true << quint64(4096);
    QTest::newRow("MiB") << "1MiB" << true << quint64(1 << 20);
    QTest::newRow("G") << "2G" << true << quint64(2) * GiB;
    QTest::newRow("TiB") << "1TiB" << true << quint64(TiB);
    QTest::newRow("zero") << "0" << true << quint64(0);
    QTest::newRow("negative") << "-1" << false << quint64(0);
    QTest::newRow("empty") << "" << false << quint64(0);
    QTest::newRow("space") << "4 KiB" << false << quint64(0);
    QTest::newRow("decimal") << "1.5M" << false << quint64(0);
    QTest::newRow("unknown unit") << "4KB" << false << quint64(0);
    QTest::newRow("overflow") << "99999999999T" << false << quint64(0);
    QTest::newRow("huge") << "184467440737095516160" << false << quint64(0);
}

void tst_Params::parseSize()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(quint64, bytes);
    const std::string utf8 = text.toStdString();
    const auto parsed = shmscope::parseSize(utf8);
    QCOMPARE(parsed.has_value(), valid);
    if (valid) QCOMPARE(quint64(*parsed), bytes);
}

void tst_Params::channelName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("valid");
    QTest::newRow("simple") << "demo" << true;
    QTest::newRow("dots inside") << "a.b-c_d" << true;
    QTest::newRow("200 chars") << QString(200, 'x') << true;
    QTest::newRow("201 chars") << QString(201, 'x') << false;
    QTest::newRow("300 chars") << QString(300, 'x') << false;
    QTest::newRow("empty") << "" << false;
    QTest::newRow("slash") << "a/b" << false;
    QTest::newRow("dotdot") << "a..b" << false;
    QTest::newRow("leading dot") << ".hidden" << false;
    QTest::newRow("space") << "a b" << false;
    QTest::newRow("ends in .ctl") << "demo.ctl" << false;
    QTest::newRow("non-ascii") << QString::fromUtf8("通道") << false;
}

void tst_Params::channelName()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    const Status status = validateChannelName(name.toStdString());
    QCOMPARE(status.ok(), valid);
    if (!valid) {
        QVERIFY(status.error().message.find("--channel") != std::string::npos);
        QCOMPARE(status.error().exitStatus(), 2);
    }
}

void tst_Params::combination_data()
{
    QTest::addColumn<int>("sync");
    QTest::addColumn<int>("delivery");
    QTest::addColumn<int>("backpressure");
    QTest::addColumn<bool>("zeroCopy");
    QTest::addColumn<bool>("compress");
    QTest::addColumn<bool>("allowed");
    const auto row = [](const char* name, SyncKind s, Delivery d, Backpressure b, bool z, bool c, bool ok) {
        QTest::newRow(name) << int(s) << int(d) << int(b) << z << c << ok;
    };
    using S = SyncKind;
    using D = Delivery;
    using B = Backpressure;
    row("spsc block", S::Spsc, D::Queue, B::Block, false, false, true);
    row("spsc drop-newest", S::Spsc, D::Queue, B::DropNewest, false, false, true);
    row("spsc drop-oldest", S::Spsc, D::Queue, B::DropOldest, false, false, false);
    row("mpmc drop-oldest", S::Mpmc, D::Queue, B::DropOldest, false, false, false);
    row("mutex drop-oldest", S::Mutex, D::Queue, B::DropOldest, false, false, true);
    row("semaphore drop-newest", S::Semaphore, D::Queue, B::DropNewest, false, false, false);
    row("semaphore zero-copy", S::Semaphore, D::Queue, B::Block, true, false, false);
    row("boost block", S::BoostMutex, D::Queue, B::Block, false, false, true);
    row("none block", S::None, D::Queue, B::Block, false, false, true);
    row("none drop-newest", S::None, D::Queue, B::DropNewest, false, false, false);
    row("broadcast block", S::Spsc, D::Broadcast, B::Block, false, false, true);
    row("broadcast drop-oldest", S::Spsc, D::Broadcast, B::DropOldest, false, false, true);
    row("broadcast mpmc", S::Mpmc, D::Broadcast, B::Block, false, false, false);
    row("zero-copy with compression", S::Spsc, D::Queue, B::Block, true, true, false);
}

void tst_Params::combination()
{
    QFETCH(int, sync);
    QFETCH(int, delivery);
    QFETCH(int, backpressure);
    QFETCH(bool, zeroCopy);
    QFETCH(bool, compress);
    QFETCH(bool, allowed);
    ChannelParams params;
    params.sync = SyncKind(sync);
    params.delivery = Delivery(delivery);
    params.backpressure = Backpressure(backpressure);
    const Status status = validateCombination(params, zeroCopy, compress);
    QCOMPARE(status.ok(), allowed);
    if (!allowed) QCOMPARE(status.error().code, ErrorCode::Usage);
}

void tst_Params::limits_data()
{
    QTest::addColumn<quint32>("slotCount");
    QTest::addColumn<quint64>("slotBytes");
    QTest::addColumn<bool>("valid");
    QTest::newRow("defaults") << 8u << quint64(MiB) << true;
    QTest::newRow("min") << 2u << quint64(64) << true;
    QTest::newRow("one slot") << 1u << quint64(64) << false;
    QTest::newRow("not power of two") << 12u << quint64(64) << false;
    QTest::newRow("too many slots") << (1u << 21) << quint64(64) << false;
    QTest::newRow("slot not multiple of 64") << 8u << quint64(100) << false;
    QTest::newRow("slot zero") << 8u << quint64(0) << false;
    QTest::newRow("slot above 1 GiB") << 8u << quint64(GiB + 64) << false;
}

void tst_Params::limits()
{
    QFETCH(quint32, slotCount);
    QFETCH(quint64, slotBytes);
    QFETCH(bool, valid);
    ChannelParams params;
    params.slotCount = slotCount;
    params.slotPayloadBytes = slotBytes;
    QCOMPARE(validateLimits(params).ok(), valid);
}

QTEST_GUILESS_MAIN(tst_Params)
#include "tst_params.moc"
