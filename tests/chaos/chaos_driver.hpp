// Drives a producer/consumer pair of real shmscope-worker processes through kills: SIGKILL at
// random moments and at the named crash points of PROTOCOL.md, each victim restarted, with the
// channel's invariants checked after every kill through a read-only snapshot.
#pragma once

#include "shmscope/snapshot.hpp"
#include "test_channel.hpp"
#include "worker_process.hpp"

#include <QString>
#include <QStringList>
#include <map>
#include <memory>
#include <random>
#include <string>

namespace shmscope::test {

// Waiting longer than the stall timeout (2 s) plus this is a hang.
inline constexpr int kHangSlackMs = 3000;
inline constexpr int kStallTimeoutMs = 2000;
inline constexpr int kRecoveryMs = kStallTimeoutMs + kHangSlackMs;

// "role:point" → kills survived, e.g. "producer:mid-copy", "consumer:random".
using KillCounts = std::map<QString, int>;

class ChaosDriver {
public:
    ChaosDriver(QString sync, std::uint32_t seed);
    ~ChaosDriver();

    // Starts the consumer and the producer; false (with why()) when either is not ready in time.
    bool start();
    // One round for `role` ("producer" or "consumer"): SIGKILL its current process at a random
    // moment, start a victim armed with `point` (SHMSCOPE_CRASH_POINT=point:N, N random) and wait
    // for its SIGKILL, start a successor and check the invariants. False with why() on a violation.
    bool killRound(const QString& role, const QString& point);
    // Ends both cleanly and checks the consumer's final summary; false with why() on a violation.
    bool finish();

    [[nodiscard]] const KillCounts& kills() const { return kills_; }
    [[nodiscard]] QString why() const { return why_; }
    // lost_to_crash over the whole channel (live, dead and departed records).
    [[nodiscard]] std::uint64_t lostToCrash() const;
    // Kills after which exactly one slot is left claimed by the dead (mpmc: a half-written or a
    // half-read slot), so lost_to_crash must grow by one.
    [[nodiscard]] int claimKills() const { return claimKills_; }
    [[nodiscard]] int randomKills() const { return randomKills_; }

private:
    QStringList arguments(const QString& role) const;
    std::unique_ptr<WorkerProcess> launch(const QString& role, const QString& crashPoint = {});
    std::unique_ptr<WorkerProcess>& current(const QString& role);
    bool fail(const QString& text);
    bool checkChannel(const QString& after);
    bool checkProgress(const QString& after);

    QString sync_;
    ChannelGuard guard_;
    std::mt19937 random_;
    std::unique_ptr<SnapshotReader> reader_;
    std::unique_ptr<WorkerProcess> producer_;
    std::unique_ptr<WorkerProcess> consumer_;
    KillCounts kills_;
    int claimKills_ = 0;
    int randomKills_ = 0;
    QString why_;
};

} // namespace shmscope::test
