#include "steering.hpp"

#include "shmscope/wait.hpp"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <limits>

namespace shmscope::worker {
namespace {

constexpr std::uint64_t kSliceNs = kWaitSliceNs;     // longest sleep between checks
constexpr std::uint64_t kPausedSliceNs = 10'000'000; // how often a paused worker looks again
constexpr std::uint64_t kMaxLagNs = 1'000'000'000;   // behind by more: restart, do not burst

timespec toTimespec(std::uint64_t ns) {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
    ts.tv_nsec = static_cast<long>(ns % 1'000'000'000);
    return ts;
}

void sleepUntil(std::uint64_t deadlineNs) {
    const timespec until = toTimespec(deadlineNs);
    clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, nullptr); // EINTR: caller re-checks
}

} // namespace

void Pacer::setRate(std::uint64_t rateHz) {
    rateHz_ = rateHz;
    periodNs_ = rateHz == 0 ? 0 : std::max<std::uint64_t>(1, 1'000'000'000 / rateHz);
    restart();
}

void Pacer::restart() { nextNs_ = monotonicNs(); }

bool Pacer::waitTurn(const std::atomic<bool>& stop) {
    if (periodNs_ == 0)
        return !stop.load(std::memory_order_relaxed);
    std::uint64_t now = monotonicNs();
    if (now > nextNs_ + kMaxLagNs)
        nextNs_ = now; // long stall (pause, full ring): no burst
    while (now < nextNs_) {
        if (stop.load(std::memory_order_relaxed))
            return false;
        const std::uint64_t until = std::min(nextNs_, now + kSliceNs);
        sleepUntil(until);
        now = monotonicNs();
        if (now < nextNs_)
            return false; // a slice or a signal ended the sleep: poll again
    }
    nextNs_ += periodNs_;
    return !stop.load(std::memory_order_relaxed);
}

Steering::Steering(Channel& channel, RecordWriter& stats, std::atomic<std::uint32_t>& holdMs,
                   Pacer& pacer, std::uint64_t messageBytes, std::uint64_t maxMessageBytes)
    : channel_(channel), stats_(stats), holdMs_(holdMs), pacer_(pacer),
      reader_(&channel.controlHeader(), &channel.controlEntry(channel.recordIndex())),
      messageBytes_(messageBytes), maxMessageBytes_(maxMessageBytes) {
    publishSettings();
}

void Steering::publishSettings() {
    StatsRecord* record = stats_.record();
    if (record == nullptr)
        return;
    const std::uint64_t saturated =
        std::min<std::uint64_t>(messageBytes_, std::numeric_limits<std::uint32_t>::max());
    record->message_bytes.store(static_cast<std::uint32_t>(saturated), std::memory_order_relaxed);
    record->rate_hz.store(pacer_.rateHz(), std::memory_order_relaxed);
}

void Steering::poll() {
    const std::optional<ControlValues> values = reader_.poll();
    if (!values)
        return;
    if (values->rateHz)
        pacer_.setRate(*values->rateHz);
    if (values->messageBytes)
        messageBytes_ = std::clamp<std::uint64_t>(*values->messageBytes, 1, maxMessageBytes_);
    if (values->holdMs)
        holdMs_.store(*values->holdMs, std::memory_order_relaxed);
    paused_ = values->paused;
    publishSettings();
    if (StatsRecord* record = stats_.record())
        record->applied_generation.store(values->generation, std::memory_order_release);
}

bool Steering::mayProceed() {
    const bool paused = paused_ || reader_.pauseAll();
    if (!paused) {
        if (showingPaused_) {
            showingPaused_ = false;
            stats_.setActivity(Activity::Running);
            pacer_.restart();
        }
        return true;
    }
    if (reader_.takeStepToken())
        return true;
    if (!showingPaused_) {
        showingPaused_ = true;
        stats_.setActivity(Activity::Paused);
    }
    sleepUntil(monotonicNs() + kPausedSliceNs);
    return false;
}

} // namespace shmscope::worker
