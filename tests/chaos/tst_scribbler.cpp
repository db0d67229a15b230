// A hostile peer (docs/PROTOCOL.md, threat model): while a producer and a consumer run, a scribbler
// maps the live channel read-write and writes random bytes over the slot descriptors and the
// slots. The workers may lose messages or exit 1 with a one-line reason after the stall timeout;
// they never die of a signal and never hang.
#include "shmscope/layout.hpp"
#include "test_channel.hpp"
#include "worker_process.hpp"

#include <QElapsedTimer>
#include <QTest>
#include <atomic>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace shmscope;
using namespace shmscope::test;

namespace {

constexpr int kRunSeconds = 3;
constexpr int kStallTimeoutSeconds = 2;
constexpr int kSlackMs = 5000;
constexpr int kBurstBytes = 16;
constexpr auto kBurstInterval = std::chrono::milliseconds(2);

// Writes random bytes into a mapped channel until stopped: every other burst into the slot
// descriptors (claim words, seqlocks), the others anywhere from there to the end of the slots.
class Scribbler {
public:
    explicit Scribbler(const std::string& channel, std::uint32_t seed) : random_(seed) {
        const int fd =
            ::open(("/dev/shm/shmscope." + channel).c_str(), O_RDWR | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return;
        struct stat st {};
        if (::fstat(fd, &st) == 0 && st.st_size > static_cast<off_t>(sizeof(SegmentHeader))) {
            void* base = ::mmap(nullptr, static_cast<std::size_t>(st.st_size),
                                PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
            if (base != MAP_FAILED) {
                base_ = static_cast<unsigned char*>(base);
                bytes_ = static_cast<std::size_t>(st.st_size);
                SegmentHeader header;
                std::memcpy(&header, base_, sizeof header);
                begin_ = header.descriptors_offset;
                descriptorsEnd_ = header.slots_offset;
            }
        }
        ::close(fd);
    }
    ~Scribbler() {
        stop();
        if (base_ != nullptr)
            ::munmap(base_, bytes_);
    }
    [[nodiscard]] bool mapped() const {
        return base_ != nullptr && begin_ > 0 && begin_ + kBurstBytes <= descriptorsEnd_ &&
               descriptorsEnd_ < bytes_;
    }

    void start() {
        thread_ = std::thread([this] {
            std::uniform_int_distribution<std::size_t> anywhere(begin_, bytes_ - kBurstBytes);
            std::uniform_int_distribution<std::size_t> descriptors(begin_,
                                                                   descriptorsEnd_ - kBurstBytes);
            std::uniform_int_distribution<int> byte(0, 255);
            while (!stop_.load(std::memory_order_relaxed)) {
                unsigned char* target =
                    base_ + (bursts_ % 2 == 0 ? descriptors(random_) : anywhere(random_));
                for (int i = 0; i < kBurstBytes; ++i)
                    target[i] = static_cast<unsigned char>(byte(random_));
                ++bursts_;
                std::this_thread::sleep_for(kBurstInterval);
            }
        });
    }
    void stop() {
        stop_.store(true);
        if (thread_.joinable())
            thread_.join();
    }
    [[nodiscard]] std::uint64_t bursts() const { return bursts_; }

private:
    std::mt19937 random_;
    unsigned char* base_ = nullptr;
    std::size_t bytes_ = 0;
    std::size_t begin_ = 0;
    std::size_t descriptorsEnd_ = 0;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::uint64_t bursts_ = 0;
};

// Exit 0, or exit 1 with exactly one line; never a signal.
void checkEnding(WorkerProcess& worker, const char* role) {
    QVERIFY2(
        !worker.crashed(),
        qPrintable(QStringLiteral("%1 died of a signal: %2").arg(role, worker.standardError())));
    const int code = worker.exitCode();
    QVERIFY2(code == 0 || code == 1,
             qPrintable(QStringLiteral("%1 exited %2").arg(role).arg(code)));
    if (code == 1) {
        const QString text = worker.standardError().trimmed();
        QVERIFY2(!text.isEmpty() && !text.contains(QLatin1Char('\n')), qPrintable(text));
    }
    qInfo("%s: exit %d %s", role, code, qPrintable(worker.standardError().trimmed()));
}

} // namespace

class tst_Scribbler : public QObject {
    Q_OBJECT
private slots:
    void survivesScribbling_data();
    void survivesScribbling();
};

void tst_Scribbler::survivesScribbling_data() {
    QTest::addColumn<QString>("sync");
    for (const char* sync : {"spsc", "mpmc", "mutex"})
        QTest::newRow(sync) << QString::fromLatin1(sync);
}

void tst_Scribbler::survivesScribbling() {
    QFETCH(QString, sync);
    ChannelGuard guard(uniqueChannelName("scribble"));
    const QStringList channel{QStringLiteral("--channel"),
                              guard.qname(),
                              QStringLiteral("--create"),
                              QStringLiteral("--sync"),
                              sync,
                              QStringLiteral("--slots"),
                              QStringLiteral("8"),
                              QStringLiteral("--slot-size"),
                              QStringLiteral("4KiB"),
                              QStringLiteral("--stall-timeout"),
                              QString::number(kStallTimeoutSeconds),
                              QStringLiteral("--duration"),
                              QString::number(kRunSeconds)};
    WorkerProcess consumer(QStringList{QStringLiteral("--role"), QStringLiteral("consumer")} +
                           channel);
    QVERIFY2(consumer.waitReady(), qPrintable(consumer.standardError()));
    WorkerProcess producer(QStringList{QStringLiteral("--role"), QStringLiteral("producer"),
                                       QStringLiteral("--msg-size"), QStringLiteral("4KiB")} +
                           channel);
    QVERIFY2(producer.waitReady(), qPrintable(producer.standardError()));

    Scribbler scribbler(guard.name(), static_cast<std::uint32_t>(std::random_device{}()));
    QVERIFY(scribbler.mapped());
    scribbler.start();
    QElapsedTimer timer;
    timer.start();
    const int limitMs = kRunSeconds * 1000 + kStallTimeoutSeconds * 1000 + kSlackMs;
    const bool producerEnded = producer.waitExit(limitMs);
    const bool consumerEnded =
        consumer.waitExit(qMax(1, limitMs - static_cast<int>(timer.elapsed())));
    scribbler.stop();
    qInfo("%s: %llu bursts of %d random bytes", qPrintable(sync),
          static_cast<unsigned long long>(scribbler.bursts()), kBurstBytes);
    QVERIFY2(producerEnded, "producer hung under scribbling");
    QVERIFY2(consumerEnded, "consumer hung under scribbling");
    checkEnding(producer, "producer");
    checkEnding(consumer, "consumer");
}

QTEST_GUILESS_MAIN(tst_Scribbler)
#include "tst_scribbler.moc"
