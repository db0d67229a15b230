// Segment lifecycle and validation: creation, attach, parameter checks, corrupt headers,
// last-one-out removal, liveness through OFD locks, read-only snapshots.
#include "shmscope/channel.hpp"
#include "shmscope/snapshot.hpp"
#include "shmscope/stats.hpp"
#include "test_channel.hpp"

#include <QTest>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace shmscope;
using test::ChannelGuard;

namespace {

OpenOptions createOptions(SyncKind sync = SyncKind::Spsc, std::uint32_t slotCount = 8,
                          std::uint64_t slotBytes = 4096)
{
    OpenOptions options;
    options.mode = OpenMode::Create;
    options.params.sync = sync;
    options.params.slotCount = slotCount;
    options.params.slotPayloadBytes = slotBytes;
    options.attachTimeout = std::chrono::milliseconds(200);
    return options;
}

OpenOptions attachOptions()
{
    OpenOptions options;
    options.attachTimeout = std::chrono::milliseconds(200);
    return options;
}

std::string dataPath(const std::string& name) { return "/dev/shm/shmscope." + name; }

// Runs `edit` on the raw bytes of a channel's data object.
template <typename Edit> void scribble(const std::string& name, Edit edit)
{
    const int fd = ::open(dataPath(name).c_str(), O_RDWR);
    QVERIFY(fd >= 0);
    struct stat st {};
    ::fstat(fd, &st);
    void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    QVERIFY(map != MAP_FAILED);
    edit(static_cast<SegmentHeader*>(map), fd);
    ::munmap(map, static_cast<std::size_t>(st.st_size));
    ::close(fd);
}

QByteArray fileBytes(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) return {};
    return file.readAll();
}

} // namespace

class tst_Segment : public QObject {
    Q_OBJECT
private slots:
    void createThenAttach();
    void exactModeAndSize();
    void createOnlyRefusesExisting();
    void attachTimesOutWhenAbsent();
    void mismatchNamesBothValues();
    void corruptHeaderIsAnError_data();
    void corruptHeaderIsAnError();
    void lastOneOutRemoves();
    void keepLeavesChannel();
    void noSpaceNamesBytes();
    void deadProcessIsSeenDead();
    void recordsAreReusedAndFolded();
    void snapshotLeavesBytesUnchanged();
    void gcRemovesUnusedOnly();
    void symlinkIsRefused();
};

void tst_Segment::createThenAttach()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    Result<Channel> creator = Channel::open(guard.name(), createOptions(SyncKind::Mpmc, 16));
    QVERIFY2(creator.ok(), creator.ok() ? "" : creator.error().message.c_str());
    QVERIFY(creator->created());
    Result<Channel> attacher = Channel::open(guard.name(), attachOptions());
    QVERIFY2(attacher.ok(), attacher.ok() ? "" : attacher.error().message.c_str());
    QVERIFY(!attacher->created());
    QCOMPARE(attacher->params().sync, SyncKind::Mpmc);
    QCOMPARE(attacher->params().slotCount, 16u);
    QCOMPARE(attacher->params().slotPayloadBytes, quint64(4096));
}

void tst_Segment::exactModeAndSize()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    OpenOptions options = createOptions();
    options.params.mode = 0640;
    const mode_t oldMask = ::umask(077);
    Result<Channel> channel = Channel::open(guard.name(), options);
    ::umask(oldMask);
    QVERIFY(channel.ok());
    struct stat st {};
    QCOMPARE(::stat(dataPath(guard.name()).c_str(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0640)); // exact mode despite the umask
    QCOMPARE(quint64(st.st_size), channel->header().segment_bytes);
    QCOMPARE(::stat((dataPath(guard.name()) + ".ctl").c_str(), &st), 0);
    QCOMPARE(st.st_mode & 0777, mode_t(0640));
}

void tst_Segment::createOnlyRefusesExisting()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    Result<Channel> first = Channel::open(guard.name(), createOptions());
    QVERIFY(first.ok());
    OpenOptions options = createOptions();
    options.mode = OpenMode::CreateOnly;
    Result<Channel> second = Channel::open(guard.name(), options);
    QVERIFY(!second.ok());
    QCOMPARE(second.error().code, ErrorCode::Exists);
}

void tst_Segment::attachTimesOutWhenAbsent()
{
    Result<Channel> channel = Channel::open(test::uniqueChannelName("absent"), attachOptions());
    QVERIFY(!channel.ok());
    QCOMPARE(channel.error().code, ErrorCode::NotFound);
    QCOMPARE(channel.error().exitStatus(), 1);
}

void tst_Segment::mismatchNamesBothValues()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    Result<Channel> creator = Channel::open(guard.name(), createOptions(SyncKind::Spsc, 8));
    QVERIFY(creator.ok());
    OpenOptions options = createOptions(SyncKind::Spsc, 16);
    options.given.slotCount = true;
    Result<Channel> attacher = Channel::open(guard.name(), options);
    QVERIFY(!attacher.ok());
    QCOMPARE(attacher.error().code, ErrorCode::Mismatch);
    const std::string& message = attacher.error().message;
    QVERIFY2(message.find("--slots") != std::string::npos && message.find('8') != std::string::npos &&
                 message.find("16") != std::string::npos,
             message.c_str());
}

void tst_Segment::corruptHeaderIsAnError_data()
{
    QTest::addColumn<int>("damage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("bad magic") << 0 << "bad magic";
    QTest::newRow("newer major version") << 1 << "layout v3.0";
    QTest::newRow("size in header") << 2 << "bytes";
    QTest::newRow("offsets outside") << 3 << "offsets";
    QTest::newRow("slot count") << 4 << "out of range";
    QTest::newRow("truncated object") << 5 << "bytes";
    QTest::newRow("unknown strategy") << 6 << "unknown strategy";
}

void tst_Segment::corruptHeaderIsAnError()
{
    QFETCH(int, damage);
    QFETCH(QString, expected);
    ChannelGuard guard(test::uniqueChannelName("seg"));
    {
        OpenOptions options = createOptions();
        options.keep = true;
        QVERIFY(Channel::open(guard.name(), options).ok());
    }
    scribble(guard.name(), [&](SegmentHeader* h, int fd) {
        switch (damage) {
        case 0: std::memcpy(h->magic, "NOTSHMSC", 8); break;
        case 1: h->version_major = 3; h->version_minor = 0; break;
        case 2: h->segment_bytes += 4096; break;
        case 3: h->slots_offset = ~std::uint64_t{0} - 4096; break;
        case 4: h->slot_count = 12; break;
        case 5: QCOMPARE(::ftruncate(fd, 4096), 0); break;
        case 6: h->sync = 77; break;
        }
    });
    Result<Channel> channel = Channel::open(guard.name(), attachOptions());
    QVERIFY(!channel.ok());
    QVERIFY2(channel.error().message.find(expected.toStdString()) != std::string::npos,
             channel.error().message.c_str());
    QCOMPARE(channel.error().exitStatus(), 1);
    Result<SnapshotReader> reader = SnapshotReader::openChannel(guard.name(), std::chrono::milliseconds(100));
    QVERIFY(!reader.ok());
}

void tst_Segment::lastOneOutRemoves()
{
    const std::string name = test::uniqueChannelName("seg");
    ChannelGuard guard(name);
    {
        Result<Channel> creator = Channel::open(name, createOptions());
        QVERIFY(creator.ok());
        {
            Result<Channel> attacher = Channel::open(name, attachOptions());
            QVERIFY(attacher.ok());
        }
        QVERIFY(test::channelExists(name)); // the creator is still attached
    }
    QVERIFY(!test::channelExists(name));
}

void tst_Segment::keepLeavesChannel()
{
    const std::string name = test::uniqueChannelName("seg");
    ChannelGuard guard(name);
    {
        OpenOptions options = createOptions();
        options.keep = true;
        QVERIFY(Channel::open(name, options).ok());
    }
    QVERIFY(test::channelExists(name));
    QVERIFY(removeChannel(name).ok());
    QVERIFY(!test::channelExists(name));
}

void tst_Segment::noSpaceNamesBytes()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    Result<Channel> channel = Channel::open(guard.name(), createOptions(SyncKind::Spsc, 1u << 20, GiB));
    QVERIFY(!channel.ok());
    QCOMPARE(channel.error().code, ErrorCode::NoSpace);
    QVERIFY2(channel.error().message.find("needs") != std::string::npos &&
                 channel.error().message.find("free") != std::string::npos,
             channel.error().message.c_str());
    QVERIFY(!test::channelExists(guard.name()));
}

void tst_Segment::deadProcessIsSeenDead()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    OpenOptions options = createOptions();
    options.keep = true;
    Result<Channel> parent = Channel::open(guard.name(), options);
    QVERIFY(parent.ok());
    int ready[2];
    QCOMPARE(::pipe(ready), 0);
    const pid_t child = ::fork();
    if (child == 0) {
        Result<Channel> channel = Channel::open(guard.name(), attachOptions());
        if (!channel.ok() || !channel->claimRecord(Role::Consumer).ok()) ::_exit(3);
        char byte = 1;
        (void)::write(ready[1], &byte, 1);
        ::pause();
        ::_exit(0);
    }
    char byte = 0;
    QCOMPARE(::read(ready[0], &byte, 1), ssize_t(1));
    Result<SnapshotReader> reader = SnapshotReader::openChannel(guard.name(), std::chrono::milliseconds(100));
    QVERIFY(reader.ok());
    ChannelSnapshot snap = reader->take(false);
    QCOMPARE(snap.records.size(), std::size_t(1));
    QVERIFY(snap.records[0].alive);
    QCOMPARE(snap.records[0].pid, std::uint32_t(child));
    ::kill(child, SIGKILL);
    ::waitpid(child, nullptr, 0);
    snap = reader->take(false);
    QCOMPARE(snap.records.size(), std::size_t(1));
    QVERIFY(!snap.records[0].alive);
    QCOMPARE(snap.records[0].state, RecordState::Active); // dead, not yet repaired
    QCOMPARE(parent->repairDeadRecords(), 1u);
    snap = reader->take(false);
    QCOMPARE(snap.records[0].state, RecordState::Dead);
    ::close(ready[0]);
    ::close(ready[1]);
}

void tst_Segment::recordsAreReusedAndFolded()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    Result<Channel> creator = Channel::open(guard.name(), createOptions());
    QVERIFY(creator.ok());
    std::uint32_t firstIndex = kNoRecord;
    {
        Result<Channel> worker = Channel::open(guard.name(), attachOptions());
        QVERIFY(worker.ok());
        Result<std::uint32_t> index = worker->claimRecord(Role::Producer);
        QVERIFY(index.ok());
        firstIndex = *index;
        RecordWriter writer(&worker->record(*index));
        writer.add(Counter::Messages, 42);
    }
    Result<Channel> next = Channel::open(guard.name(), attachOptions());
    QVERIFY(next.ok());
    Result<std::uint32_t> index = next->claimRecord(Role::Consumer);
    QVERIFY(index.ok());
    QCOMPARE(*index, firstIndex); // the exited record is reused…
    QCOMPARE(next->record(*index).incarnation.load(), 2u);
    QCOMPARE(next->record(*index).counters[0].load(), quint64(0));
    QCOMPARE(next->record(kDepartedRecord).counters[0].load(), quint64(42)); // …its counts folded
}

void tst_Segment::snapshotLeavesBytesUnchanged()
{
    ChannelGuard guard(test::uniqueChannelName("seg"));
    OpenOptions options = createOptions(SyncKind::Mutex);
    options.keep = true;
    {
        Result<Channel> channel = Channel::open(guard.name(), options);
        QVERIFY(channel.ok());
        QVERIFY(channel->claimRecord(Role::Producer).ok());
    }
    const QByteArray before = fileBytes(dataPath(guard.name()));
    QVERIFY(!before.isEmpty());
    {
        Result<SnapshotReader> reader = SnapshotReader::openChannel(guard.name(), std::chrono::milliseconds(100));
        QVERIFY(reader.ok());
        for (int i = 0; i < 10; ++i) (void)reader->take(true);
        (void)listChannels();
    }
    QCOMPARE(fileBytes(dataPath(guard.name())), before);
}

void tst_Segment::gcRemovesUnusedOnly()
{
    const std::string busy = test::uniqueChannelName("gc");
    const std::string idle = test::uniqueChannelName("gc");
    ChannelGuard busyGuard(busy), idleGuard(idle);
    OpenOptions options = createOptions();
    options.keep = true;
    Result<Channel> attached = Channel::open(busy, options);
    QVERIFY(attached.ok());
    QVERIFY(Channel::open(idle, options).ok()); // created, then detached: nobody left
    const std::vector<std::string> removed = collectGarbage("test-gc-");
    QVERIFY(std::find(removed.begin(), removed.end(), idle) != removed.end());
    QVERIFY(std::find(removed.begin(), removed.end(), busy) == removed.end());
    QVERIFY(!test::channelExists(idle));
    QVERIFY(test::channelExists(busy));
}

void tst_Segment::symlinkIsRefused()
{
    const std::string target = test::uniqueChannelName("target");
    const std::string link = test::uniqueChannelName("link");
    ChannelGuard targetGuard(target), linkGuard(link);
    OpenOptions options = createOptions();
    options.keep = true;
    QVERIFY(Channel::open(target, options).ok());
    QCOMPARE(::symlink(dataPath(target).c_str(), dataPath(link).c_str()), 0);
    Result<Channel> channel = Channel::open(link, attachOptions());
    QVERIFY(!channel.ok());
    QVERIFY2(channel.error().message.find("symbolic link") != std::string::npos, channel.error().message.c_str());
    ::unlink(dataPath(link).c_str());
}

QTEST_GUILESS_MAIN(tst_Segment)
#include "tst_segment.moc"
