// A clock read per message costs as much as moving a small message. The worker loops read
// CLOCK_MONOTONIC on one message in kClockEvery, and on every message that may have taken a
// while: a large one, one that had to wait (the ring counted a block), one sent or received at a
// set rate, one carrying a commit stamp. Statistics ticks, heartbeats and the summary's times use
// the latest reading.
#pragma once

#include "shmscope/stats.hpp"
#include "shmscope/wait.hpp"

#include <cstdint>

namespace shmscope::worker {

class CoarseClock {
public:
    static constexpr std::uint32_t kClockEvery = 64;
    static constexpr std::uint64_t kLargeMessageBytes = 64 * 1024;

    explicit CoarseClock(const RecordWriter& stats) : stats_(stats), blocked_(blockedCount()) {}

    // The time after a message of `bytes`; `mustRead` forces a reading.
    std::uint64_t after(std::uint64_t bytes, bool mustRead) {
        const std::uint64_t blocked = blockedCount();
        if (mustRead || bytes >= kLargeMessageBytes || blocked != blocked_ || ++unread_ >= kClockEvery) {
            blocked_ = blocked;
            unread_ = 0;
            nowNs_ = monotonicNs();
        }
        return nowNs_;
    }
    // A reading now (idle loops, pauses, the end).
    std::uint64_t read() {
        unread_ = 0;
        nowNs_ = monotonicNs();
        return nowNs_;
    }
    [[nodiscard]] std::uint64_t latest() const { return nowNs_; }

private:
    [[nodiscard]] std::uint64_t blockedCount() const { return stats_.get(Counter::Blocked); }

    const RecordWriter& stats_;
    std::uint64_t blocked_;
    std::uint32_t unread_ = 0;
    std::uint64_t nowNs_ = monotonicNs();
};

} // namespace shmscope::worker
