#include "shmscope/stats.hpp"

#include <bit>

namespace shmscope {

std::uint32_t log2Bucket(std::uint64_t value)
{
    if (value < 2) return 0;
    const auto bucket = static_cast<std::uint32_t>(63 - std::countl_zero(value));
    return bucket < kHistogramBuckets ? bucket : kHistogramBuckets - 1;
}

void RecordWriter::recordWait(std::uint64_t waitNs)
{
    ++pendingWait_[log2Bucket(waitNs)];
    ++pendingEvents_;
}

void RecordWriter::recordLatency(std::uint64_t latencyNs)
{
    ++pendingLatency_[log2Bucket(latencyNs)];
    ++pendingEvents_;
}

void RecordWriter::tick(std::uint64_t nowNs)
{
    if (pendingEvents_ >= kHistogramBatch || nowNs - lastPublishNs_ >= kHistogramPublishNs)
        publish(nowNs);
}

void RecordWriter::flush(std::uint64_t nowNs) { publish(nowNs); }

void RecordWriter::publish(std::uint64_t nowNs)
{
    lastPublishNs_ = nowNs;
    if (record_ == nullptr) return;
    if (pendingEvents_ != 0) {
        for (std::uint32_t i = 0; i < kHistogramBuckets; ++i) {
            if (pendingWait_[i] != 0) {
                AtomicU64& bucket = record_->wait_hist[i];
                bucket.store(bucket.load(std::memory_order_relaxed) + pendingWait_[i],
                             std::memory_order_relaxed);
                pendingWait_[i] = 0;
            }
            if (pendingLatency_[i] != 0) {
                AtomicU64& bucket = record_->latency_hist[i];
                bucket.store(bucket.load(std::memory_order_relaxed) + pendingLatency_[i],
                             std::memory_order_relaxed);
                pendingLatency_[i] = 0;
            }
        }
        pendingEvents_ = 0;
    }
    if (nowNs - lastHeartbeatNs_ >= kHeartbeatNs) {
        lastHeartbeatNs_ = nowNs;
        record_->heartbeat_ns.store(nowNs, std::memory_order_relaxed);
    }
}

void LatencyHistogram::record(std::uint64_t valueNs)
{
    std::uint32_t index = 0;
    if (valueNs >= kSubBuckets) {
        const auto power = static_cast<std::uint32_t>(63 - std::countl_zero(valueNs));
        const auto sub = static_cast<std::uint32_t>((valueNs >> (power - 3)) & (kSubBuckets - 1));
        index = power * kSubBuckets + sub;
    } else {
        index = static_cast<std::uint32_t>(valueNs);
    }
    ++buckets_[index];
    ++count_;
    if (valueNs > max_) max_ = valueNs;
}

std::uint64_t LatencyHistogram::quantile(double q) const
{
    if (count_ == 0) return 0;
    auto rank = static_cast<std::uint64_t>(q * static_cast<double>(count_));
    if (rank == 0) rank = 1;
    std::uint64_t seen = 0;
    for (std::uint32_t index = 0; index < buckets_.size(); ++index) {
        seen += buckets_[index];
        if (seen < rank) continue;
        if (index < kSubBuckets) return index;
        const std::uint32_t power = index / kSubBuckets;
        const std::uint64_t sub = index % kSubBuckets;
        const std::uint64_t upper = (std::uint64_t{1} << power) + ((sub + 1) << (power - 3)) - 1;
        return upper < max_ ? upper : max_;
    }
    return max_;
}

} // namespace shmscope
