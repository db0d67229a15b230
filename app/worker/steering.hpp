// Pacing (--rate, by absolute deadlines) and the control object's requests (rate, message size,
// pause, single steps, hold time), applied between messages and acknowledged in the stats record.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/control.hpp"
#include "shmscope/stats.hpp"

#include <atomic>
#include <cstdint>

namespace shmscope::worker {

// Spaces messages 1/rate apart on an absolute schedule (clock_nanosleep TIMER_ABSTIME), so that
// the time spent per message does not drift the rate.
class Pacer {
public:
    explicit Pacer(std::uint64_t rateHz) { setRate(rateHz); }

    // Starts a new schedule from now (a rate change, or the end of a pause).
    void setRate(std::uint64_t rateHz);
    void restart();
    [[nodiscard]] std::uint64_t rateHz() const { return rateHz_; }

    // Sleeps until the next message is due, in slices of at most 100 ms. Returns false when the
    // stop flag was raised, or when a slice ended early so the caller can poll control again.
    bool waitTurn(const std::atomic<bool>& stop);

private:
    std::uint64_t rateHz_ = 0;
    std::uint64_t periodNs_ = 0;
    std::uint64_t nextNs_ = 0;
};

class Steering {
public:
    // `holdMs` is the atomic the endpoint reads (EndpointOptions::holdMs). `maxMessageBytes`
    // caps requested message sizes (the slot size until chunking exists).
    Steering(Channel& channel, RecordWriter& stats, std::atomic<std::uint32_t>& holdMs,
             Pacer& pacer, std::uint64_t messageBytes, std::uint64_t maxMessageBytes);

    // Applies a new control generation if there is one (one acquire load otherwise).
    void poll();

    // True when a message may go now: not paused, or paused with a step token. When paused it
    // sleeps a short slice first and returns false, so the caller re-checks its end conditions.
    bool mayProceed();

    [[nodiscard]] std::uint64_t messageBytes() const { return messageBytes_; }
    [[nodiscard]] bool paused() const { return paused_; }

private:
    void publishSettings();

    Channel& channel_;
    RecordWriter& stats_;
    std::atomic<std::uint32_t>& holdMs_;
    Pacer& pacer_;
    ControlReader reader_;
    std::uint64_t messageBytes_;
    std::uint64_t maxMessageBytes_;
    bool paused_ = false;
    bool showingPaused_ = false;
};

} // namespace shmscope::worker
