// The owner's side of a stats record: single-writer counters (relaxed load + store, never a
// read-modify-write) and log2 histograms published in batches. Nothing here fails.
#pragma once

#include "shmscope/layout.hpp"

#include <array>
#include <cstdint>

namespace shmscope {

// log2 bucket of a value: 0 for 0 and 1, else floor(log2(v)), capped at kHistogramBuckets - 1.
// Any thread.
std::uint32_t log2Bucket(std::uint64_t value);

// Writes one stats record. Only the record's owner (the producer or consumer process that
// claimed it, Channel::claimRecord) may write it, and from one thread at a time: the counters
// are single-writer. Detached (default-constructed or null), every call does nothing.
class RecordWriter {
public:
    RecordWriter() = default;
    // `record`: this process's own record (Channel::record(claimRecord's index)).
    explicit RecordWriter(StatsRecord* record) : record_(record) {}

    [[nodiscard]] bool attached() const { return record_ != nullptr; }

    // Adds `amount` to `counter` (relaxed; monitors may see it a little late).
    void add(Counter counter, std::uint64_t amount = 1)
    {
        if (record_ == nullptr) return;
        AtomicU64& slot = record_->counters[static_cast<std::uint32_t>(counter)];
        slot.store(slot.load(std::memory_order_relaxed) + amount, std::memory_order_relaxed);
    }
    // Gauges kept in a counter slot (Counter::PermitsHeld).
    void set(Counter counter, std::uint64_t value)
    {
        if (record_ != nullptr)
            record_->counters[static_cast<std::uint32_t>(counter)].store(value, std::memory_order_relaxed);
    }
    // The counter's value as this process last wrote it (0 detached).
    [[nodiscard]] std::uint64_t get(Counter counter) const
    {
        if (record_ == nullptr) return 0;
        return record_->counters[static_cast<std::uint32_t>(counter)].load(std::memory_order_relaxed);
    }
    // What the process is doing now, for monitors (relaxed).
    void setActivity(Activity activity)
    {
        if (record_ != nullptr)
            record_->activity.store(static_cast<std::uint32_t>(activity), std::memory_order_relaxed);
    }

    // Recorded locally; published every kHistogramBatch events or kHistogramPublishNs.
    void recordWait(std::uint64_t waitNs);
    void recordLatency(std::uint64_t latencyNs);
    // Publishes pending histogram counts and the heartbeat when due (call once per message).
    void tick(std::uint64_t nowNs);
    // Publishes everything now (before exiting).
    void flush(std::uint64_t nowNs);

    [[nodiscard]] StatsRecord* record() const { return record_; } // null when detached

private:
    void publish(std::uint64_t nowNs);

    StatsRecord* record_ = nullptr;
    std::array<std::uint64_t, kHistogramBuckets> pendingWait_{};
    std::array<std::uint64_t, kHistogramBuckets> pendingLatency_{};
    std::uint32_t pendingEvents_ = 0;
    std::uint64_t lastPublishNs_ = 0;
    std::uint64_t lastHeartbeatNs_ = 0;
};

inline constexpr std::uint32_t kHistogramBatch = 64;
inline constexpr std::uint64_t kHistogramPublishNs = 1'000'000;
inline constexpr std::uint64_t kHeartbeatNs = 100'000'000;

// A finer local histogram (8 sub-buckets per power of two, <= 12.5 % error) for the percentiles
// of a worker's summary line. Process-local, not shared; not thread-safe.
class LatencyHistogram {
public:
    void record(std::uint64_t valueNs);
    [[nodiscard]] std::uint64_t count() const { return count_; }
    [[nodiscard]] std::uint64_t max() const { return max_; }
    // Upper bound of the bucket holding quantile q (0 < q <= 1); 0 when empty.
    [[nodiscard]] std::uint64_t quantile(double q) const;

private:
    static constexpr std::uint32_t kSubBuckets = 8;
    std::array<std::uint64_t, 64 * kSubBuckets> buckets_{};
    std::uint64_t count_ = 0;
    std::uint64_t max_ = 0;
};

} // namespace shmscope
