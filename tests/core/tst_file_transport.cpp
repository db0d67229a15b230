// The memory-mapped-file transport: data outlives its processes, a file left by dead processes or
// another boot is recovered by the first read-write attacher, symlinks and short files refused.
#include "shmscope/channel.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/snapshot.hpp"

#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <cstddef>
#include <cstring>
#include <cstdlib>
#include <fcntl.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace shmscope;

Q_DECLARE_METATYPE(shmscope::SyncKind)

namespace {

OpenOptions fileOptions(const std::string& path, OpenMode mode, SyncKind sync = SyncKind::Spsc)
{
    OpenOptions options;
    options.mode = mode;
    options.path = path;
    options.params.transport = TransportKind::File;
    options.params.sync = sync;
    options.params.slotCount = 8;
    options.params.slotPayloadBytes = 256;
    options.attachTimeout = std::chrono::milliseconds(200);
    return options;
}

void writeMessages(const std::string& path, SyncKind sync, int count)
{
    Result<Channel> channel = Channel::open(path, fileOptions(path, OpenMode::Create, sync));
    QVERIFY2(channel.ok(), channel.ok() ? "" : channel.error().message.c_str());
    QVERIFY(channel->claimRecord(Role::Producer).ok());
    RecordWriter stats(&channel->record(channel->recordIndex()));
    auto producer = makeProducer(*channel, stats, {});
    QVERIFY(producer.ok());
    std::vector<std::byte> payload(200, std::byte{0x5A});
    for (int i = 1; i <= count; ++i) {
        OutgoingMessage message;
        message.header.sequence = std::uint64_t(i);
        message.payload = payload;
        QVERIFY((*producer)->push(message).ok());
    }
}

int readMessages(const std::string& path)
{
    Result<Channel> channel = Channel::open(path, fileOptions(path, OpenMode::Attach));
    if (!channel.ok()) return -1;
    if (!channel->claimRecord(Role::Consumer).ok()) return -1;
    RecordWriter stats(&channel->record(channel->recordIndex()));
    auto consumer = makeConsumer(*channel, stats, {});
    if (!consumer.ok()) return -1;
    std::vector<std::byte> buffer(256);
    int delivered = 0;
    for (;;) {
        MessageHeader header{};
        Result<PopStatus> status = (*consumer)->pop(header, buffer, monotonicNs() + 50'000'000);
        if (!status.ok() || *status != PopStatus::Delivered) break;
        if (header.sequence != std::uint64_t(delivered + 1) || buffer[0] != std::byte{0x5A}) return -2;
        ++delivered;
    }
    return delivered;
}

} // namespace

class tst_FileTransport : public QObject {
    Q_OBJECT
private slots:
    void messagesOutliveTheProducer_data();
    void messagesOutliveTheProducer();
    void lockOfDeadProcessIsRebuilt();
    void otherBootIsRecovered();
    void spscRecoveryFollowsTheStamps();
    void shortFileIsAnError();
    void symlinkIsRefused();
};

void tst_FileTransport::messagesOutliveTheProducer_data()
{
    QTest::addColumn<SyncKind>("sync");
    QTest::newRow("spsc") << SyncKind::Spsc;
    QTest::newRow("mpmc") << SyncKind::Mpmc;
    QTest::newRow("mutex") << SyncKind::Mutex;
    QTest::newRow("semaphore") << SyncKind::Semaphore;
}

void tst_FileTransport::messagesOutliveTheProducer()
{
    QFETCH(SyncKind, sync);
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/channel.shm").toStdString();
    writeMessages(path, sync, 5);
    QVERIFY(QFile::exists(QString::fromStdString(path))); // a file channel is never removed
    QCOMPARE(readMessages(path), 5);                       // read by a process started later
    QCOMPARE(readMessages(path), 0);                       // and consumed exactly once
}

// A process dies holding the ring's mutex; with nobody attached, the next attacher rebuilds the
// lock instead of hanging on it.
void tst_FileTransport::lockOfDeadProcessIsRebuilt()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/channel.shm").toStdString();
    writeMessages(path, SyncKind::Semaphore, 3);
    const pid_t child = ::fork();
    if (child == 0) {
        Result<Channel> channel = Channel::open(path, fileOptions(path, OpenMode::Attach));
        if (!channel.ok()) ::_exit(3);
        // Take the semaphore-mutex and die inside the critical section.
        sem_t* mutex = reinterpret_cast<sem_t*>(channel->ring().sem_mutex);
        sem_wait(mutex);
        ::raise(SIGKILL);
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    QVERIFY(WIFSIGNALED(status));
    Result<SnapshotReader> reader = SnapshotReader::openFile(path, std::chrono::milliseconds(100));
    QVERIFY(reader.ok());
    QVERIFY(reader->info().needsRecovery);
    QCOMPARE(readMessages(path), 3);
}

void tst_FileTransport::otherBootIsRecovered()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/channel.shm").toStdString();
    writeMessages(path, SyncKind::Mpmc, 2);
    {
        const int fd = ::open(path.c_str(), O_RDWR);
        QVERIFY(fd >= 0);
        auto* header = static_cast<SegmentHeader*>(::mmap(nullptr, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
        header->boot_id_hash ^= 0xFFFF; // as if written before a reboot
        ::munmap(header, 4096);
        ::close(fd);
    }
    QCOMPARE(readMessages(path), 2);
    Result<SnapshotReader> reader = SnapshotReader::openFile(path, std::chrono::milliseconds(100));
    QVERIFY(reader.ok());
    QVERIFY(reader->info().needsRecovery); // nobody attached now, so the next attacher recovers
}

// spsc: a producer died having stamped two slots beyond the last head it stored, and a torn write
// left the stamp of a later position in a slot. Recovery moves head past the stamped slots and
// rewrites every stamp from the positions: all four messages are read once, and the torn stamp is
// not taken for the message after the next one.
void tst_FileTransport::spscRecoveryFollowsTheStamps()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/channel.shm").toStdString();
    writeMessages(path, SyncKind::Spsc, 4);
    {
        const int fd = ::open(path.c_str(), O_RDWR);
        QVERIFY(fd >= 0);
        struct stat status {};
        QCOMPARE(::fstat(fd, &status), 0);
        void* mapped = ::mmap(nullptr, static_cast<std::size_t>(status.st_size), PROT_READ | PROT_WRITE,
                              MAP_SHARED, fd, 0);
        QVERIFY(mapped != MAP_FAILED);
        auto* base = static_cast<std::byte*>(mapped);
        const auto* header = reinterpret_cast<const SegmentHeader*>(base);
        auto* ring = reinterpret_cast<RingControl*>(base + header->ring_offset);
        QCOMPARE(ring->producer.position.load(), std::uint64_t{4});
        ring->producer.position.store(2);
        const std::uint32_t torn = spscStamp(5);
        std::memcpy(base + header->slots_offset + 5 * header->slot_stride + offsetof(MessageHeader, stamp), &torn,
                    sizeof torn);
        ::munmap(mapped, static_cast<std::size_t>(status.st_size));
        ::close(fd);
    }
    QCOMPARE(readMessages(path), 4);
    writeMessages(path, SyncKind::Spsc, 1); // position 4; the torn stamp said position 5
    QCOMPARE(readMessages(path), 1);
    QCOMPARE(readMessages(path), 0);
}

void tst_FileTransport::shortFileIsAnError()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/channel.shm").toStdString();
    writeMessages(path, SyncKind::Spsc, 1);
    QCOMPARE(::truncate(path.c_str(), 1000), 0);
    Result<Channel> channel = Channel::open(path, fileOptions(path, OpenMode::Attach));
    QVERIFY(!channel.ok());
    QCOMPARE(channel.error().exitStatus(), 1);
    QVERIFY2(channel.error().message.find("bytes") != std::string::npos, channel.error().message.c_str());
}

void tst_FileTransport::symlinkIsRefused()
{
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/channel.shm").toStdString();
    const std::string link = (dir.path() + "/link.shm").toStdString();
    writeMessages(path, SyncKind::Spsc, 1);
    QCOMPARE(::symlink(path.c_str(), link.c_str()), 0);
    Result<Channel> channel = Channel::open(link, fileOptions(link, OpenMode::Attach));
    QVERIFY(!channel.ok());
    QVERIFY2(channel.error().message.find("symbolic link") != std::string::npos, channel.error().message.c_str());
}

QTEST_GUILESS_MAIN(tst_FileTransport)
#include "tst_file_transport.moc"
