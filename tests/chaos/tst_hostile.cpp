// Hostile or broken input through the executables: shmscope-worker and shmscope-stat attached to
// a corrupt segment (wrong magic, major version, truncated object, offsets outside it, an
// impossible slot count) exit 1 with one line and no crash; a channel larger than /dev/shm exits 1
// with one line naming the bytes needed and free, and leaves nothing behind.
// (Bad flags are tests/app/tst_worker.cpp's.)
#include "shmscope/layout.hpp"
#include "test_channel.hpp"
#include "worker_process.hpp"

#include <QTest>
#include <cstddef>
#include <cstdint>
#include <fcntl.h>
#include <unistd.h>

using namespace shmscope;
using namespace shmscope::test;

namespace {

const QString kAttachTimeout = QStringLiteral("0.5");

std::string dataPath(const std::string& channel) { return "/dev/shm/shmscope." + channel; }

// A valid channel left in place (--keep) by a producer that sent one message.
bool createValidChannel(const ChannelGuard& guard) {
    const ToolResult result =
        runTool("shmscope-worker",
                {QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                 guard.qname(), QStringLiteral("--create"), QStringLiteral("--keep"),
                 QStringLiteral("--slots"), QStringLiteral("4"), QStringLiteral("--slot-size"),
                 QStringLiteral("4KiB"), QStringLiteral("--msg-size"), QStringLiteral("64"),
                 QStringLiteral("--count"), QStringLiteral("1")});
    return result.exitCode == 0 && channelExists(guard.name());
}

template <typename T> bool patch(const std::string& path, std::size_t offset, T value) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool written =
        ::pwrite(fd, &value, sizeof value, static_cast<off_t>(offset)) == sizeof value;
    ::close(fd);
    return written;
}

bool truncateTo(const std::string& path, off_t bytes) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool done = ::ftruncate(fd, bytes) == 0;
    ::close(fd);
    return done;
}

// Exit 1, one line on stderr, no signal.
void expectOneLineFailure(const ToolResult& result, const char* tool) {
    QVERIFY2(
        result.exitCode == 1,
        qPrintable(
            QStringLiteral("%1 exited %2: %3").arg(tool).arg(result.exitCode).arg(result.err)));
    const QString line = result.err.trimmed();
    QVERIFY2(!line.isEmpty() && !line.contains(QLatin1Char('\n')), qPrintable(result.err));
    qInfo("%s: %s", tool, qPrintable(line));
}

enum class Damage { Magic, Version, Truncated, OffsetOutside, SlotCount, ZeroMagic };

} // namespace

class tst_Hostile : public QObject {
    Q_OBJECT
private slots:
    void corruptSegment_data();
    void corruptSegment();
    void noSpaceNamesBytes();
};

void tst_Hostile::corruptSegment_data() {
    QTest::addColumn<Damage>("damage");
    QTest::addColumn<QString>("expected"); // part of the one line
    QTest::newRow("wrong magic") << Damage::Magic << "magic";
    QTest::newRow("major version 9") << Damage::Version << "v9.";
    QTest::newRow("truncated object") << Damage::Truncated << "bytes";
    QTest::newRow("slots outside the object") << Damage::OffsetOutside << "offsets";
    QTest::newRow("slot count 3") << Damage::SlotCount << "out of range";
    QTest::newRow("never initialised") << Damage::ZeroMagic << "";
}

void tst_Hostile::corruptSegment() {
    QFETCH(Damage, damage);
    QFETCH(QString, expected);
    ChannelGuard guard(uniqueChannelName("hostile"));
    QVERIFY(createValidChannel(guard));
    const std::string path = dataPath(guard.name());
    switch (damage) {
    case Damage::Magic:
        QVERIFY(patch(path, 0, std::uint64_t{0x4B4E554A4B4E554A}));
        break;
    case Damage::Version:
        QVERIFY(patch(path, offsetof(SegmentHeader, version_major), std::uint16_t{9}));
        break;
    case Damage::Truncated:
        QVERIFY(truncateTo(path, 4096));
        break;
    case Damage::OffsetOutside:
        QVERIFY(patch(path, offsetof(SegmentHeader, slots_offset), std::uint64_t{1} << 40));
        break;
    case Damage::SlotCount:
        QVERIFY(patch(path, offsetof(SegmentHeader, slot_count), std::uint32_t{3}));
        break;
    case Damage::ZeroMagic:
        QVERIFY(patch(path, 0, std::uint64_t{0}));
        break;
    }

    const ToolResult worker =
        runTool("shmscope-worker",
                {QStringLiteral("--role"), QStringLiteral("consumer"), QStringLiteral("--channel"),
                 guard.qname(), QStringLiteral("--attach-timeout"), kAttachTimeout});
    expectOneLineFailure(worker, "shmscope-worker");
    QVERIFY2(worker.err.contains(expected), qPrintable(worker.err));
    const ToolResult stat = runTool(
        "shmscope-stat", {QStringLiteral("--channel"), guard.qname(), QStringLiteral("--once")});
    expectOneLineFailure(stat, "shmscope-stat");
    // Listing every channel with a corrupt one among them: no crash.
    const ToolResult list = runTool("shmscope-stat", {QStringLiteral("--list")});
    QVERIFY2(list.exitCode == 0 || list.exitCode == 1, qPrintable(list.err));
}

void tst_Hostile::noSpaceNamesBytes() {
    ChannelGuard guard(uniqueChannelName("hostile"));
    const ToolResult result =
        runTool("shmscope-worker",
                {QStringLiteral("--role"), QStringLiteral("producer"), QStringLiteral("--channel"),
                 guard.qname(), QStringLiteral("--create"), QStringLiteral("--slots"),
                 QStringLiteral("1048576"), QStringLiteral("--slot-size"), QStringLiteral("1GiB"),
                 QStringLiteral("--msg-size"), QStringLiteral("64"), QStringLiteral("--count"),
                 QStringLiteral("1")});
    expectOneLineFailure(result, "shmscope-worker");
    // "… needs N bytes (…), M bytes (…) are free": both numbers are there.
    static const QRegularExpression needed(QStringLiteral("needs \\d+ bytes"));
    static const QRegularExpression free(QStringLiteral("\\d+ bytes \\(.*\\) are free"));
    QVERIFY2(result.err.contains(needed), qPrintable(result.err));
    QVERIFY2(result.err.contains(free), qPrintable(result.err));
    QVERIFY(!channelExists(guard.name())); // nothing left behind
}

QTEST_GUILESS_MAIN(tst_Hostile)
#include "tst_hostile.moc"
