// The time series every panel, the CSV export and the scripted report read. Fed one ChannelSample
// at a time; derives rates, percentiles, occupancy and contention with the pure functions of
// metrics.hpp. Plots never keep their own truth: they mirror these frames.
#pragma once

#include "samples.hpp"

#include <QString>
#include <cstdint>
#include <deque>
#include <limits>
#include <map>
#include <vector>

class QIODevice;

namespace shmscope::widgets {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

// Rates of one process over the sliding window. `series` changes when its record is reused or a
// counter goes backwards, so a plot draws a new line instead of a bogus spike.
struct ProcessRates {
    std::uint32_t record = 0;
    std::uint32_t incarnation = 0;
    std::uint32_t pid = 0;
    int series = 0;
    ProcessRole role = ProcessRole::Unknown;
    double messagesPerSecond = kNoValue;
    double bytesPerSecond = kNoValue;
    double acquiresPerSecond = kNoValue;
    double casRetriesPerSecond = kNoValue;
    double dropsPerSecond = kNoValue; // messages dropped by backpressure
    double contendedShare = kNoValue; // contended / acquisitions over the window
    double meanHoldNs = kNoValue;     // hold time per acquisition over the window
};

struct MetricsFrame {
    double seconds = 0;           // since the history's origin
    std::uint64_t takenNs = 0;    // the snapshot's CLOCK_MONOTONIC stamp
    double producedPerSecond = 0; // messages, all producers
    double consumedPerSecond = 0; // messages, all consumers
    double producedBytesPerSecond = 0;
    double consumedBytesPerSecond = 0;
    std::uint64_t producedMessages = 0; // totals shown, all producers (departed ones included)
    std::uint64_t consumedMessages = 0;
    std::uint64_t consumedBytes = 0;
    double latencyP50Ns = kNoValue; // end-to-end, over the window
    double latencyP99Ns = kNoValue;
    double latencyMaxNs = kNoValue;
    std::uint32_t slotCount = 0;
    std::uint64_t occupiedSlots = 0;
    std::uint64_t highWaterSlots = 0;
    double acquiresPerSecond = 0;
    double casRetriesPerSecond = 0;
    double droppedPerSecond = 0; // messages dropped by backpressure, all processes
    double contendedShare = kNoValue;
    std::uint32_t lockHolderPid = 0;
    std::vector<SlotLeak> leaks;
    std::vector<ProcessRates> processes;
    Log2Histogram latencyWindow{}; // latency histogram of the window, all consumers
    Log2Histogram waitWindow{};    // wait histogram of the window, all processes
};

enum class EventKind {
    WorkerStarted,
    WorkerStopped,
    WorkerKilled,
    WorkerFailed,
    SettingChanged,
    LockRecovered
};

struct EventMarker {
    double seconds = 0;
    EventKind kind = EventKind::WorkerStarted;
    QString text;
};

class MetricsHistory {
public:
    static constexpr std::uint64_t kDefaultRateWindowNs = 500'000'000;
    static constexpr double kDefaultRetentionSeconds = 600.0;

    explicit MetricsHistory(std::uint64_t rateWindowNs = kDefaultRateWindowNs,
                            double retentionSeconds = kDefaultRetentionSeconds);

    // Derives the next frame from `sample` and keeps it. Samples must come in time order.
    const MetricsFrame& append(const ChannelSample& sample);
    // Records an event at the given CLOCK_MONOTONIC time and returns it.
    const EventMarker& addEvent(std::uint64_t monotonicNs, EventKind kind, const QString& text);
    void clear();

    [[nodiscard]] const std::deque<MetricsFrame>& frames() const { return frames_; }
    [[nodiscard]] const std::deque<EventMarker>& events() const { return events_; }
    [[nodiscard]] bool empty() const { return frames_.empty(); }
    [[nodiscard]] double secondsAt(std::uint64_t monotonicNs) const;

    // One row per frame; raw numbers, units in the column names.
    bool writeCsv(QIODevice& device) const;
    static QStringList csvColumns();

private:
    struct Track {
        ProcessSample last;
        int series = 0;
        std::deque<std::uint64_t> takenNs; // the window's stamps
        std::deque<ProcessSample> points;  // the window's readings
    };

    ProcessRates ratesOf(const Track& track, std::size_t start) const;
    // A series ended (its record was freed or reused): its counts stay in the totals.
    void retire(const ProcessSample& last);
    void trim();

    std::uint64_t rateWindowNs_;
    double retentionSeconds_;
    bool hasOrigin_ = false;
    std::uint64_t originNs_ = 0;
    int nextSeries_ = 1;
    std::map<std::uint32_t, Track> tracks_; // by record index
    std::uint64_t retiredProduced_ = 0;
    std::uint64_t retiredConsumed_ = 0;
    std::uint64_t retiredConsumedBytes_ = 0;
    std::deque<MetricsFrame> frames_;
    std::deque<EventMarker> events_;
};

} // namespace shmscope::widgets
