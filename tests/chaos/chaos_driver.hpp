// Drives real shmscope-worker processes, one producer and one or more consumers, through kills:
// SIGKILL at random moments and at the named crash points of docs/PROTOCOL.md, each victim
// restarted, with the channel's invariants checked after every kill through a read-only snapshot.
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
#include <vector>

namespace shmscope::test {

// Waiting longer than the stall timeout (2 s) plus this is a hang.
inline constexpr int kHangSlackMs = 3000;
inline constexpr int kStallTimeoutMs = 2000;
inline constexpr int kRecoveryMs = kStallTimeoutMs + kHangSlackMs;

// What a chaos run exercises: a queue strategy with one consumer, or the broadcast ring with
// several consumers that each see every message.
struct ChaosSetup {
    QString name;             // the strategy as reported: "spsc", "broadcast", …
    QStringList channelFlags; // what selects it: --sync, --delivery, --backpressure
    int consumers = 1;        // consumer processes running at once
    bool broadcast = false;   // --delivery broadcast
    bool blocking = true;     // --backpressure block: the producer waits for live consumers
    QString messageSize;      // --msg-size of the producer
    // --rate of the consumer at each index ("" for unpaced), e.g. one slow reader to be lapped.
    QStringList consumerRates;
};

// "role:point" → kills survived, e.g. "producer:mid-copy", "consumer:random".
using KillCounts = std::map<QString, int>;

class ChaosDriver {
public:
    ChaosDriver(ChaosSetup setup, std::uint32_t seed);
    ~ChaosDriver();

    // Starts the consumers and the producer; false (with why()) when one is not ready in time.
    bool start();
    // One round for `role` ("producer" or "consumer"; with several consumers, one drawn at
    // random): SIGKILL its current process at a random moment, start a victim armed with `point`
    // (SHMSCOPE_CRASH_POINT=point:N, N random) and wait for its SIGKILL, start a successor and
    // check the invariants. False with why() on a violation.
    bool killRound(const QString& role, const QString& point);
    // Ends all cleanly and checks the consumers' final summaries; false with why() on a violation.
    bool finish();

    [[nodiscard]] const KillCounts& kills() const { return kills_; }
    [[nodiscard]] QString why() const { return why_; }
    // A counter over the whole channel (live, dead and departed records).
    [[nodiscard]] std::uint64_t total(Counter counter) const;
    // Kills after which exactly one slot is left claimed by the dead (mpmc: a half-written or a
    // half-read slot), so lost_to_crash must grow by one.
    [[nodiscard]] int claimKills() const { return claimKills_; }
    [[nodiscard]] int randomKills() const { return randomKills_; }
    // Rounds whose crash point the workload did not reach in time (killed at random instead).
    [[nodiscard]] int unreachedPoints() const { return unreached_; }

private:
    QStringList arguments(const QString& role, int consumer) const;
    std::unique_ptr<WorkerProcess> launch(const QString& role, int consumer,
                                          const QString& crashPoint = {});
    std::unique_ptr<WorkerProcess>& process(const QString& role, int consumer);
    bool fail(const QString& text);
    bool checkChannel(const QString& after);
    bool checkProgress(const QString& after);
    bool checkProducerPassesDead(const QString& after);

    ChaosSetup setup_;
    ChannelGuard guard_;
    std::mt19937 random_;
    std::unique_ptr<SnapshotReader> reader_;
    std::unique_ptr<WorkerProcess> producer_;
    std::vector<std::unique_ptr<WorkerProcess>> consumers_;
    KillCounts kills_;
    int claimKills_ = 0;
    int randomKills_ = 0;
    int unreached_ = 0;
    QString why_;
};

} // namespace shmscope::test
