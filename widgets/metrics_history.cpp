#include "metrics_history.hpp"

#include "metrics.hpp"

#include <QIODevice>
#include <QStringList>
#include <QTextStream>
#include <cmath>
#include <set>

namespace shmscope::widgets {
namespace {

double perSecond(std::uint64_t olderNs, std::uint64_t newerNs, std::uint64_t older,
                 std::uint64_t newer) {
    return metrics::ratePerSecond({olderNs, older}, {newerNs, newer}).value_or(kNoValue);
}

double addKnown(double sum, double value) { return std::isnan(value) ? sum : sum + value; }

QString csvNumber(double value) {
    return std::isnan(value) ? QString() : QString::number(value, 'g', 12);
}

} // namespace

MetricsHistory::MetricsHistory(std::uint64_t rateWindowNs, double retentionSeconds)
    : rateWindowNs_(rateWindowNs), retentionSeconds_(retentionSeconds) {}

double MetricsHistory::secondsAt(std::uint64_t monotonicNs) const {
    if (!hasOrigin_)
        return 0.0;
    return (static_cast<double>(monotonicNs) - static_cast<double>(originNs_)) / 1e9;
}

ProcessRates MetricsHistory::ratesOf(const Track& track, std::size_t start) const {
    const ProcessSample& newest = track.points.back();
    ProcessRates rates;
    rates.record = newest.record;
    rates.incarnation = newest.incarnation;
    rates.pid = newest.pid;
    rates.role = newest.role;
    rates.series = track.series;
    if (start + 1 >= track.points.size())
        return rates; // one reading: no rate yet
    const ProcessSample& oldest = track.points[start];
    const std::uint64_t t0 = track.takenNs[start];
    const std::uint64_t t1 = track.takenNs.back();
    const Counters& a = oldest.counters;
    const Counters& b = newest.counters;
    rates.messagesPerSecond = perSecond(t0, t1, a.messages, b.messages);
    rates.bytesPerSecond = perSecond(t0, t1, a.bytes, b.bytes);
    rates.acquiresPerSecond = perSecond(t0, t1, a.lockAcquires, b.lockAcquires);
    rates.casRetriesPerSecond = perSecond(t0, t1, a.casRetries, b.casRetries);
    rates.dropsPerSecond = perSecond(t0, t1, a.drops, b.drops);
    if (b.lockAcquires > a.lockAcquires) {
        const double acquires = static_cast<double>(b.lockAcquires - a.lockAcquires);
        rates.contendedShare = static_cast<double>(b.lockContended - a.lockContended) / acquires;
        rates.meanHoldNs = static_cast<double>(b.holdNs - a.holdNs) / acquires;
    }
    return rates;
}

const MetricsFrame& MetricsHistory::append(const ChannelSample& sample) {
    if (!hasOrigin_) {
        hasOrigin_ = true;
        originNs_ = sample.takenNs;
    }
    MetricsFrame frame;
    frame.takenNs = sample.takenNs;
    frame.seconds = secondsAt(sample.takenNs);
    frame.slotCount = sample.ring.slotCount;
    frame.occupiedSlots = sample.ring.occupiedSlots;
    frame.highWaterSlots = sample.ring.highWaterSlots;
    frame.lockHolderPid = sample.ring.lockHolderPid;
    frame.leaks = sample.ring.leaks;

    std::set<std::uint32_t> seen;
    double acquiresInWindow = 0.0;
    double contendedInWindow = 0.0;
    for (const ProcessSample& process : sample.processes) {
        seen.insert(process.record);
        Track& track = tracks_[process.record];
        if (track.points.empty() || !metrics::continuesSeries(track.last, process)) {
            if (!track.points.empty())
                retire(track.last);
            track.series = nextSeries_++;
            track.points.clear();
            track.takenNs.clear();
        }
        track.last = process;
        track.points.push_back(process);
        track.takenNs.push_back(sample.takenNs);
        while (track.takenNs.size() > 2 && sample.takenNs - track.takenNs[1] > rateWindowNs_) {
            track.takenNs.pop_front();
            track.points.pop_front();
        }
        const std::vector<std::uint64_t> stamps(track.takenNs.begin(), track.takenNs.end());
        const std::size_t start = metrics::windowStart(stamps, rateWindowNs_);
        const ProcessRates rates = ratesOf(track, start);
        frame.processes.push_back(rates);

        if (process.role == ProcessRole::Producer) {
            frame.producedPerSecond = addKnown(frame.producedPerSecond, rates.messagesPerSecond);
            frame.producedBytesPerSecond =
                addKnown(frame.producedBytesPerSecond, rates.bytesPerSecond);
            frame.producedMessages += process.counters.messages;
        } else if (process.role == ProcessRole::Consumer) {
            frame.consumedPerSecond = addKnown(frame.consumedPerSecond, rates.messagesPerSecond);
            frame.consumedBytesPerSecond =
                addKnown(frame.consumedBytesPerSecond, rates.bytesPerSecond);
            frame.consumedMessages += process.counters.messages;
            frame.consumedBytes += process.counters.bytes;
        }
        frame.acquiresPerSecond = addKnown(frame.acquiresPerSecond, rates.acquiresPerSecond);
        frame.casRetriesPerSecond = addKnown(frame.casRetriesPerSecond, rates.casRetriesPerSecond);
        frame.droppedPerSecond = addKnown(frame.droppedPerSecond, rates.dropsPerSecond);
        if (start + 1 < track.points.size()) {
            const ProcessSample& oldest = track.points[start];
            if (process.role == ProcessRole::Consumer)
                metrics::accumulate(
                    frame.latencyWindow,
                    metrics::difference(process.latencyHistogram, oldest.latencyHistogram));
            metrics::accumulate(frame.waitWindow,
                                metrics::difference(process.waitHistogram, oldest.waitHistogram));
            acquiresInWindow +=
                static_cast<double>(process.counters.lockAcquires - oldest.counters.lockAcquires);
            contendedInWindow +=
                static_cast<double>(process.counters.lockContended - oldest.counters.lockContended);
        }
    }
    for (auto it = tracks_.begin(); it != tracks_.end();) {
        if (seen.count(it->first) != 0) {
            ++it;
        } else {
            retire(it->second.last);
            it = tracks_.erase(it);
        }
    }
    frame.producedMessages += retiredProduced_;
    frame.consumedMessages += retiredConsumed_;
    frame.consumedBytes += retiredConsumedBytes_;
    if (acquiresInWindow > 0.0)
        frame.contendedShare = contendedInWindow / acquiresInWindow;
    frame.latencyP50Ns = metrics::percentile(frame.latencyWindow, 0.50).value_or(kNoValue);
    frame.latencyP99Ns = metrics::percentile(frame.latencyWindow, 0.99).value_or(kNoValue);
    frame.latencyMaxNs = metrics::maximum(frame.latencyWindow).value_or(kNoValue);

    frames_.push_back(std::move(frame));
    trim();
    return frames_.back();
}

void MetricsHistory::retire(const ProcessSample& last) {
    if (last.role == ProcessRole::Producer) {
        retiredProduced_ += last.counters.messages;
    } else if (last.role == ProcessRole::Consumer) {
        retiredConsumed_ += last.counters.messages;
        retiredConsumedBytes_ += last.counters.bytes;
    }
}

const EventMarker& MetricsHistory::addEvent(std::uint64_t monotonicNs, EventKind kind,
                                            const QString& text) {
    if (!hasOrigin_) {
        hasOrigin_ = true;
        originNs_ = monotonicNs;
    }
    events_.push_back(EventMarker{secondsAt(monotonicNs), kind, text});
    return events_.back();
}

void MetricsHistory::clear() {
    hasOrigin_ = false;
    originNs_ = 0;
    tracks_.clear();
    retiredProduced_ = 0;
    retiredConsumed_ = 0;
    retiredConsumedBytes_ = 0;
    frames_.clear();
    events_.clear();
}

void MetricsHistory::trim() {
    const double oldest = frames_.back().seconds - retentionSeconds_;
    while (!frames_.empty() && frames_.front().seconds < oldest)
        frames_.pop_front();
    while (!events_.empty() && events_.front().seconds < oldest)
        events_.pop_front();
}

QStringList MetricsHistory::csvColumns() {
    return {QStringLiteral("time_s"),
            QStringLiteral("produced_msgs_per_s"),
            QStringLiteral("consumed_msgs_per_s"),
            QStringLiteral("produced_bytes_per_s"),
            QStringLiteral("consumed_bytes_per_s"),
            QStringLiteral("produced_msgs"),
            QStringLiteral("consumed_msgs"),
            QStringLiteral("latency_p50_ns"),
            QStringLiteral("latency_p99_ns"),
            QStringLiteral("latency_max_ns"),
            QStringLiteral("slot_count"),
            QStringLiteral("occupied_slots"),
            QStringLiteral("high_water_slots"),
            QStringLiteral("lock_acquires_per_s"),
            QStringLiteral("contended_share"),
            QStringLiteral("cas_retries_per_s")};
}

bool MetricsHistory::writeCsv(QIODevice& device) const {
    QTextStream out(&device);
    out << csvColumns().join(QLatin1Char(',')) << '\n';
    for (const MetricsFrame& f : frames_) {
        const QStringList row = {csvNumber(f.seconds),
                                 csvNumber(f.producedPerSecond),
                                 csvNumber(f.consumedPerSecond),
                                 csvNumber(f.producedBytesPerSecond),
                                 csvNumber(f.consumedBytesPerSecond),
                                 QString::number(f.producedMessages),
                                 QString::number(f.consumedMessages),
                                 csvNumber(f.latencyP50Ns),
                                 csvNumber(f.latencyP99Ns),
                                 csvNumber(f.latencyMaxNs),
                                 QString::number(f.slotCount),
                                 QString::number(f.occupiedSlots),
                                 QString::number(f.highWaterSlots),
                                 csvNumber(f.acquiresPerSecond),
                                 csvNumber(f.contendedShare),
                                 csvNumber(f.casRetriesPerSecond)};
        out << row.join(QLatin1Char(',')) << '\n';
    }
    out.flush();
    return out.status() == QTextStream::Ok;
}

} // namespace shmscope::widgets
