#include "tuner.hpp"

#include "runner.hpp"
#include "shmscope/params.hpp"
#include "transport.hpp"
#include "worker_run.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <sys/statvfs.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

using Clock = std::chrono::steady_clock;

// The first guess of a ring: slots of one message (rounded up to 64, at most this, larger
// messages chunked) and about kFirstRingBytes of them, between kFirstMinSlots and kFirstMaxSlots.
constexpr std::uint64_t kMaxFirstSlotBytes = 16 * MiB;
constexpr std::uint64_t kFirstRingBytes = 4 * MiB;
constexpr std::uint32_t kFirstMinSlots = 8;
constexpr std::uint32_t kFirstMaxSlots = 256;
// Chunk sizes tried for messages larger than these.
constexpr std::array<std::uint64_t, 4> kChunkSlotBytes = {64 * KiB, 256 * KiB, 1 * MiB, 4 * MiB};
// Rings larger than this, or than a quarter of /dev/shm's free space, are not tried.
constexpr std::uint64_t kMaxRingBytes = 1 * GiB;
// The (sync, wait) pairs of the coarse grid whose geometry is explored.
constexpr std::size_t kGeometryPairs = 2;
// A row meets --rate when its producers reach this share of it.
constexpr double kRateMet = 0.95;
// Latency comes from histograms with 8 sub-buckets per power of two (12.5 %): a confirmation
// of p99 cannot be closer than two of them.
constexpr double kLatencyResolution = 0.25;
// The measurement windows scale with the budget: budget / kWindowsPerBudget seconds, clamped.
constexpr double kWindowsPerBudget = 600;
constexpr double kMinWindowS = 0.1;
constexpr double kMaxWindowS = 0.3;
constexpr std::uint32_t kWindows = 3;
// Until a point has been timed, one is assumed to take this long (workers start, generate their
// payload pools, measure, drain).
constexpr double kFirstPointS = 3;
// Points vary; the next one is assumed to take this much longer than the longest so far.
constexpr double kPointMargin = 1.2;

std::uint64_t roundUp64(std::uint64_t bytes) { return (bytes + 63) / 64 * 64; }

std::uint32_t clampSlots(std::uint64_t slots) {
    return static_cast<std::uint32_t>(std::clamp<std::uint64_t>(
        std::bit_floor(std::max<std::uint64_t>(slots, 1)), kMinSlots, kMaxSlots));
}

std::string rateText(std::uint64_t rateHz) { return rateHz == 0 ? "max" : std::to_string(rateHz); }

class Search {
public:
    Search(const BenchOptions& options, TuneListener& listener)
        : options_(options), tune_(options.tune), listener_(listener), started_(Clock::now()) {
        firstSlotBytes_ = std::min(roundUp64(tune_.msgSize), kMaxFirstSlotBytes);
        firstSlots_ = clampSlots(kFirstRingBytes / firstSlotBytes_);
        firstSlots_ = std::clamp(firstSlots_, kFirstMinSlots, kFirstMaxSlots);
        struct statvfs shm {};
        ringCap_ = kMaxRingBytes;
        if (::statvfs("/dev/shm", &shm) == 0)
            ringCap_ = std::min<std::uint64_t>(ringCap_, shm.f_bavail * shm.f_frsize / 4);
        windowS_ = std::clamp(tune_.budgetS / kWindowsPerBudget, kMinWindowS, kMaxWindowS);
    }

    TuneOutcome run() {
        coarse();
        geometry();
        codecs();
        refine();
        TuneOutcome outcome;
        outcome.recommendation = recommend(rows_, tune_.objective);
        if (outcome.recommendation && !Runner::interrupted() && haveTime(1))
            outcome.confirmation = confirm(rows_[outcome.recommendation->pick]);
        if (outcome.recommendation)
            outcome.workerArgs =
                workerArgs(tune_, options_.payload, rows_[outcome.recommendation->pick].config,
                           std::string(kTunedChannel));
        outcome.front = paretoFront(rows_);
        outcome.rows = std::move(rows_);
        outcome.elapsedS = elapsedS();
        outcome.interrupted = Runner::interrupted();
        return outcome;
    }

private:
    [[nodiscard]] double elapsedS() const {
        return std::chrono::duration<double>(Clock::now() - started_).count();
    }

    // Room for `points` more points (one is always allowed, so that a tune has a row).
    [[nodiscard]] bool haveTime(int points) const {
        if (Runner::interrupted())
            return false;
        return rows_.empty() || elapsedS() + points * pointS_ * kPointMargin <= tune_.budgetS;
    }

    [[nodiscard]] std::vector<std::string> strategies() const {
        if (tune_.broadcast)
            return {"spsc"};
        std::vector<std::string> all;
        if (tune_.producers == 1 && tune_.consumers == 1)
            all.push_back("spsc");
        for (const char* sync : {"mpmc", "mutex", "semaphore", "boost-mutex"})
            all.push_back(sync);
        return all;
    }

    [[nodiscard]] std::vector<std::string> waits() const {
        std::vector<std::string> all = {"adaptive"};
        // Spinning costs a CPU per process: pointless over the budget, and the workers turn it
        // into adaptive themselves when there are more processes than CPUs.
        const double processes = tune_.producers + tune_.consumers;
        const long cpus = ::sysconf(_SC_NPROCESSORS_ONLN);
        if (processes <= static_cast<double>(cpus) &&
            (!tune_.cpuBudget || processes <= *tune_.cpuBudget))
            all.push_back("spin");
        all.push_back("sleep");
        return all;
    }

    // Whether the workers can run this point at all (and it fits in memory).
    [[nodiscard]] bool runnable(const TuneConfig& c) const {
        const std::uint64_t ringBytes = static_cast<std::uint64_t>(c.slots) * (c.slotBytes + 64);
        const std::uint64_t rings = tune_.broadcast ? tune_.consumers : 1;
        if (ringBytes * rings > ringCap_ || c.slots < kMinSlots || c.slots > kMaxSlots)
            return false;
        const bool chunked = c.slotBytes < tune_.msgSize;
        if (chunked && !tune_.broadcast && tune_.consumers > 1) {
            // Several consumers: a chunked message's slots are reserved together (docs/CLI.md).
            if (c.sync != "mpmc" && c.sync != "mutex")
                return false;
            if (static_cast<std::uint64_t>(c.slots) * c.slotBytes < tune_.msgSize)
                return false;
        }
        return true;
    }

    [[nodiscard]] bool tried(const TuneConfig& c) const {
        return std::any_of(rows_.begin(), rows_.end(),
                           [&c](const TuneRow& row) { return row.config == c; });
    }

    // The best measured row: an eligible one when there is one, else any that ran.
    [[nodiscard]] std::optional<std::size_t> bestSoFar() const {
        if (auto best = bestOnObjective(rows_, tune_.objective))
            return best;
        std::vector<TuneRow> ran = rows_;
        for (TuneRow& row : ran)
            row.excluded.reset();
        return bestOnObjective(ran, tune_.objective);
    }

    // The rows that ran, best first on the objective.
    [[nodiscard]] std::vector<std::size_t> ranking() const {
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < rows_.size(); ++i)
            if (!rows_[i].skipped)
                order.push_back(i);
        const Objective objective = tune_.objective;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (rows_[a].eligible() != rows_[b].eligible())
                return rows_[a].eligible();
            return better(objectiveValue(rows_[a], objective), objectiveValue(rows_[b], objective),
                          objective);
        });
        return order;
    }

    TuneRow measure(const TuneConfig& config, const std::string& phase) {
        PointSpec spec;
        spec.channel = uniqueLinkName();
        spec.processes = workerArgs(tune_, options_.payload, config, spec.channel);
        spec.producers = tune_.producers;
        spec.windowS = windowS_;
        spec.warmupS = windowS_ / 2;
        spec.windows = kWindows;
        const auto begun = Clock::now();
        const PointResult result = runPoint(spec);
        const double tookS = std::chrono::duration<double>(Clock::now() - begun).count();
        if (!result.failure) {
            pointS_ = timed_ ? std::max(pointS_, tookS) : tookS;
            timed_ = true;
        }
        TuneRow row;
        row.config = config;
        row.phase = phase;
        if (result.failure) {
            row.skipped = result.failure;
            return row;
        }
        row.msgsPerS = result.msgsPerS;
        row.bytesPerS = result.bytesPerS;
        row.spread = result.spread;
        row.cpuSpread = result.cpuSpread;
        row.latP50Ns = result.latP50Ns;
        row.latP99Ns = result.latP99Ns;
        row.cpuNsPerMsg = result.cpuNsPerMsg;
        row.cpus = result.cpus;
        row.excluded = exclusion(result);
        return row;
    }

    [[nodiscard]] std::optional<std::string> exclusion(const PointResult& r) const {
        char text[160];
        if (r.damaged > 0) {
            std::snprintf(text, sizeof text, "%llu messages lost or damaged",
                          static_cast<unsigned long long>(r.damaged));
            return text;
        }
        if (tune_.cpuBudget && r.cpus > *tune_.cpuBudget) {
            std::snprintf(text, sizeof text, "uses %.2f CPUs, over --cpu-budget %g", r.cpus,
                          *tune_.cpuBudget);
            return text;
        }
        const double wanted = static_cast<double>(tune_.rateHz) * tune_.producers;
        if (tune_.rateHz > 0 && r.msgsPerS < kRateMet * wanted) {
            std::snprintf(text, sizeof text, "%.0f msg/s, short of --rate (%.0f msg/s in all)",
                          r.msgsPerS, wanted);
            return text;
        }
        return std::nullopt;
    }

    // Measures `config` unless it was tried, cannot run, or there is no time left for it and
    // the confirmation. Returns whether it ran.
    bool tryPoint(const TuneConfig& config, const std::string& phase) {
        if (tried(config) || !runnable(config) || !haveTime(2))
            return false;
        listener_.starting(rows_.size() + 1, elapsedS(), phase, config);
        TuneRow row = measure(config, phase);
        if (Runner::interrupted() && row.skipped)
            return false; // cut short: not a result
        rows_.push_back(std::move(row));
        listener_.finished(rows_.size() - 1, rows_.back(), elapsedS());
        return true;
    }

    void coarse() {
        for (const std::string& wait : waits())
            for (const std::string& sync : strategies())
                tryPoint({sync, wait, firstSlotBytes_, firstSlots_, "none"}, "coarse");
    }

    // Slot counts around the first guess, and chunk sizes with a ring of about the same bytes.
    [[nodiscard]] std::vector<std::pair<std::uint64_t, std::uint32_t>> geometries() const {
        std::vector<std::pair<std::uint64_t, std::uint32_t>> all;
        for (std::uint32_t slots : {firstSlots_ / 16, firstSlots_ / 4, firstSlots_ * 4})
            all.emplace_back(firstSlotBytes_, clampSlots(slots));
        const std::uint64_t ringBytes = firstSlotBytes_ * firstSlots_;
        for (std::uint64_t chunk : kChunkSlotBytes)
            if (chunk < firstSlotBytes_)
                all.emplace_back(chunk, clampSlots(ringBytes / chunk));
        return all;
    }

    void geometry() {
        std::vector<std::pair<std::string, std::string>> pairs;
        for (std::size_t i : ranking()) {
            std::pair<std::string, std::string> pair{rows_[i].config.sync, rows_[i].config.wait};
            if (std::find(pairs.begin(), pairs.end(), pair) == pairs.end())
                pairs.push_back(pair);
            if (pairs.size() == kGeometryPairs)
                break;
        }
        for (const auto& [sync, wait] : pairs)
            for (const auto& [slotBytes, slots] : geometries())
                tryPoint({sync, wait, slotBytes, slots, "none"}, "geometry");
    }

    void codecs() {
        const std::optional<std::size_t> best = bestSoFar();
        if (!best)
            return;
        for (const char* codec : {"lz4", "zstd"}) {
            TuneConfig config = rows_[*best].config;
            config.compress = codec;
            tryPoint(config, "codec");
        }
    }

    // Hill climbs: from the best row, its neighbours (half and twice the slots, the other waits,
    // the other strategies) until none of them is better; then, while the budget lasts, again
    // from the best row of a (sync, wait) pair no climb has started from.
    void refine() {
        std::vector<std::pair<std::string, std::string>> started;
        while (haveTime(2)) {
            std::optional<std::size_t> start;
            for (std::size_t i : ranking()) {
                const std::pair<std::string, std::string> pair{rows_[i].config.sync,
                                                               rows_[i].config.wait};
                if (std::find(started.begin(), started.end(), pair) == started.end()) {
                    started.push_back(pair);
                    start = i;
                    break;
                }
            }
            if (!start)
                return;
            climb(*start);
        }
    }

    void climb(std::size_t centre) {
        while (haveTime(2)) {
            const TuneConfig config = rows_[centre].config;
            std::vector<TuneConfig> neighbours;
            for (std::uint32_t slots : {config.slots / 2, config.slots * 2}) {
                TuneConfig c = config;
                c.slots = slots;
                neighbours.push_back(c);
            }
            for (const std::string& wait : waits()) {
                TuneConfig c = config;
                c.wait = wait;
                neighbours.push_back(c);
            }
            for (const std::string& sync : strategies()) {
                TuneConfig c = config;
                c.sync = sync;
                neighbours.push_back(c);
            }
            std::size_t next = centre;
            for (const TuneConfig& c : neighbours) {
                if (!tryPoint(c, "refine"))
                    continue;
                const TuneRow& row = rows_.back();
                const Objective objective = tune_.objective;
                if (row.eligible() && (!rows_[next].eligible() ||
                                       better(objectiveValue(row, objective),
                                              objectiveValue(rows_[next], objective), objective)))
                    next = rows_.size() - 1;
            }
            if (next == centre)
                return;
            centre = next;
        }
    }

    Confirmation confirm(const TuneRow& pick) {
        listener_.starting(rows_.size() + 1, elapsedS(), "confirm", pick.config);
        Confirmation confirmation;
        confirmation.row = measure(pick.config, "confirm");
        const TuneRow& again = confirmation.row;
        // The spread of the objective's own measure: windows' msgs/s or CPU per message; p99
        // has one value per run, so the throughput's spread stands in, with its resolution.
        confirmation.tolerance = tune_.objective == Objective::Cpu
                                     ? std::max(pick.cpuSpread, again.cpuSpread)
                                     : std::max(pick.spread, again.spread);
        if (tune_.objective == Objective::Latency)
            confirmation.tolerance = std::max(confirmation.tolerance, kLatencyResolution);
        const double first = objectiveValue(pick, tune_.objective);
        const double second = objectiveValue(again, tune_.objective);
        confirmation.confirmed = !again.skipped && std::isfinite(first) && first > 0 &&
                                 std::abs(second / first - 1) <= confirmation.tolerance;
        return confirmation;
    }

    const BenchOptions& options_;
    const TuneOptions& tune_;
    TuneListener& listener_;
    Clock::time_point started_;
    std::vector<TuneRow> rows_;
    std::uint64_t firstSlotBytes_ = 64;
    std::uint32_t firstSlots_ = 8;
    std::uint64_t ringCap_ = kMaxRingBytes;
    double windowS_ = kMaxWindowS;
    double pointS_ = kFirstPointS; // the longest point that ran so far
    bool timed_ = false;
};

} // namespace

WorkerArgs workerArgs(const TuneOptions& tune, PayloadKind payload, const TuneConfig& config,
                      const std::string& channel) {
    std::vector<std::string> channelArgs = {"--channel", channel, "--create", "--delivery",
                                            tune.broadcast ? "broadcast" : "queue"};
    if (!tune.broadcast)
        channelArgs.insert(channelArgs.end(), {"--sync", config.sync});
    channelArgs.insert(channelArgs.end(),
                       {"--slots", std::to_string(config.slots), "--slot-size",
                        std::to_string(config.slotBytes), "--wait", config.wait});
    std::vector<std::string> producer = {"--role", "producer"};
    producer.insert(producer.end(), channelArgs.begin(), channelArgs.end());
    producer.insert(producer.end(),
                    {"--msg-size", std::to_string(tune.msgSize), "--rate", rateText(tune.rateHz),
                     "--compress", config.compress, "--payload", std::string(payloadName(payload)),
                     "--wait-consumers", std::to_string(tune.consumers)});
    std::vector<std::string> consumer = {"--role", "consumer"};
    consumer.insert(consumer.end(), channelArgs.begin(), channelArgs.end());
    WorkerArgs all(tune.producers, producer);
    all.insert(all.end(), tune.consumers, consumer);
    return all;
}

TuneOutcome tune(const BenchOptions& options, TuneListener& listener) {
    return Search(options, listener).run();
}

} // namespace shmscope::bench
