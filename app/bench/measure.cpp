#include "measure.hpp"

#include "pool.hpp"
#include "statistics.hpp"

#include <algorithm>
#include <cmath>

namespace shmscope::bench {
namespace {

constexpr double kWarmupFraction = 0.25;
constexpr std::uint64_t kMaxWarmupNs = 50'000'000;
constexpr double kStreamRateHz = 10'000;
// The latency stream runs at most at this fraction of the measured throughput: never saturated.
constexpr double kStreamLoadFraction = 0.25;
constexpr double kStreamSamplesWanted = 1000;
constexpr std::uint64_t kMinStreamNs = 100'000'000;
constexpr std::uint64_t kMaxStreamNs = 200'000'000;
constexpr std::uint64_t kPingNs = 30'000'000;
constexpr unsigned kTimeoutBaseS = 30;

std::uint64_t nanos(double seconds) { return static_cast<std::uint64_t>(seconds * 1e9); }

// The first samples of a latency run warm caches and page tables: dropped.
constexpr std::size_t kLatencyWarmupSamples = 16;
constexpr std::size_t kMinStreamMessages = 4;

// Drops the warm-up samples and sorts the rest.
std::span<std::uint64_t> settled(std::span<std::uint64_t> samples) {
    samples = samples.subspan(std::min(kLatencyWarmupSamples, samples.size() / 4));
    std::sort(samples.begin(), samples.end());
    return samples;
}

Latency summarise(std::span<const std::uint64_t> samples) {
    return {percentile(samples, 0.5), percentile(samples, 0.99), percentile(samples, 0.999),
            samples.empty() ? 0 : samples.back()};
}

} // namespace

Engine::Engine(const BenchOptions& options, const std::vector<PlannedRow>& plan)
    : options_(options) {
    std::uint64_t poolBytes = 0;
    for (const PlannedRow& planned : plan)
        poolBytes = std::max(poolBytes, workingSetBytes(planned));
    pool_ = AlignedBuffer(poolBytes);
    fillPool(pool_.span(), options.payload);
}

LinkConfig Engine::linkConfig(const PlannedRow& planned) const {
    LinkConfig config;
    config.messageBytes = planned.msgSize;
    config.slots = planned.spec.slots.value_or(options_.slots);
    config.slotBytes = planned.spec.slotBytes.value_or(
        options_.slotBytes.value_or(std::min(roundUp64(planned.msgSize), kMaxDefaultSlotBytes)));
    config.waitGiven = planned.spec.wait.has_value();
    config.wait.kind = planned.spec.wait.value_or(WaitKind::Adaptive);
    config.xxh3 = planned.spec.xxh3;
    config.compress = planned.spec.codec.value_or(options_.compress);
    config.name = uniqueLinkName();
    return config;
}

// The bytes in flight: the ring's slots (or the same depth of messages for other transports).
// The producer's pool and the memcpy ceiling use this size, so every row touches as much memory.
std::uint64_t Engine::workingSetBytes(const PlannedRow& planned) const {
    const LinkConfig config = linkConfig(planned);
    const std::uint64_t ring =
        config.slots * std::min(config.slotBytes, roundUp64(planned.msgSize));
    return std::max(ring, roundUp64(planned.msgSize));
}

Workload Engine::workload(const PlannedRow& planned) const {
    Workload work;
    work.pool = pool_.span().first(workingSetBytes(planned));
    work.messageBytes = planned.msgSize;
    work.xxh3 = planned.spec.xxh3;
    work.measureNs = nanos(options_.seconds);
    work.warmupNs = std::min(kMaxWarmupNs, nanos(options_.seconds * kWarmupFraction));
    return work;
}

RowInProgress Engine::begin(const PlannedRow& planned) const {
    RowInProgress progress;
    progress.row.transport = planned.spec.id;
    progress.row.msgSize = planned.msgSize;
    const std::string codec = planned.spec.codec.value_or(options_.compress);
    const bool ring =
        planned.spec.base.starts_with("shm-") || planned.spec.base.starts_with("file-");
    if (codec != "none" && !ring && planned.spec.base != "memcpy") // the ceiling never compresses
        progress.row.skipped = "compression " + codec + " applies to the shm and file rows";
    return progress;
}

void Engine::repetition(const PlannedRow& planned, RowInProgress& progress) {
    Row& row = progress.row;
    const Workload work = workload(planned);
    const unsigned timeoutS =
        kTimeoutBaseS + static_cast<unsigned>(4 * (work.measureNs + work.warmupNs) / 1'000'000'000);
    const bool ceiling = planned.spec.base == "memcpy";
    std::string failure;
    if (ceiling) {
        failure =
            runner_.runAlone([&](RunReport& r) { return copyCeiling(work, r.producer); }, timeoutS);
    } else {
        Result<std::unique_ptr<Link>> link = makeLink(planned.spec, linkConfig(planned));
        if (!link) {
            row.skipped = link.error().message;
            return;
        }
        failure = runner_.runPair(
            [&](RunReport& r) { return produceStream(**link, work, r.producer); },
            [&](RunReport& r) { return consumeStream(**link, work, r.consumer); }, timeoutS);
        (*link)->cleanup();
    }
    if (!failure.empty()) {
        if (!Runner::interrupted())
            row.skipped = failure;
        return;
    }
    const RunReport& report = runner_.report();
    const SideReport& received = ceiling ? report.producer : report.consumer;
    if (received.messages == 0) {
        row.skipped = "no message arrived within the measured " + std::to_string(options_.seconds) +
                      " s (raise --seconds)";
        return;
    }
    const double seconds = static_cast<double>(received.elapsedNs) / 1e9;
    progress.rates.push_back(seconds > 0 ? static_cast<double>(received.messages) / seconds : 0);
    const auto perMessage = [](const SideReport& side) {
        return side.messages > 0
                   ? static_cast<double>(side.cpuNs) / static_cast<double>(side.messages)
                   : 0;
    };
    progress.producerCpu.push_back(perMessage(report.producer));
    progress.consumerCpu.push_back(ceiling ? 0 : perMessage(report.consumer));
}

void Engine::finish(const PlannedRow& planned, RowInProgress& progress, bool withLatency) {
    Row& row = progress.row;
    if (row.skipped || progress.rates.empty())
        return;
    row.msgsPerS = median(progress.rates);
    row.bytesPerS = row.msgsPerS * static_cast<double>(planned.msgSize);
    row.spread = relativeSpread(progress.rates);
    row.cpuNsPerMsgProducer = median(progress.producerCpu);
    row.cpuNsPerMsgConsumer = median(progress.consumerCpu);
    if (withLatency && planned.spec.base != "memcpy")
        measureLatency(planned, row);
}

void Engine::measureLatency(const PlannedRow& planned, Row& row) {
    if (planned.msgSize < sizeof(std::uint64_t) || row.msgsPerS <= 0)
        return; // no room for the timestamp
    Workload work = workload(planned);
    work.streamRateHz = std::min(kStreamRateHz, row.msgsPerS * kStreamLoadFraction);
    work.streamNs =
        std::clamp(nanos(kStreamSamplesWanted / work.streamRateHz), kMinStreamNs, kMaxStreamNs);
    if (work.streamRateHz * static_cast<double>(work.streamNs) / 1e9 < kMinStreamMessages)
        work.streamRateHz = 0; // too slow for an unsaturated stream in time: ping-pong only
    work.pingNs = kPingNs;
    const unsigned timeoutS =
        kTimeoutBaseS + static_cast<unsigned>(4 * (work.streamNs + work.pingNs) / 1'000'000'000);
    Result<std::unique_ptr<Link>> forward = makeLink(planned.spec, linkConfig(planned));
    Result<std::unique_ptr<Link>> back = makeLink(planned.spec, linkConfig(planned));
    if (!forward || !back)
        return;
    const std::string failure = runner_.runPair(
        [&](RunReport& r) { return produceLatency(**forward, **back, work, r); },
        [&](RunReport& r) { return consumeLatency(**forward, **back, work, r); }, timeoutS);
    (*forward)->cleanup();
    (*back)->cleanup();
    if (!failure.empty())
        return;
    RunReport& report = runner_.report();
    const std::span<std::uint64_t> stream = settled({report.stream, report.streamCount});
    const std::span<std::uint64_t> ping = settled({report.ping, report.pingCount});
    if (!stream.empty()) {
        row.stream = summarise(stream);
        row.streamSamples.assign(stream.begin(), stream.end());
    }
    if (!ping.empty())
        row.pingPong = summarise(ping);
}

} // namespace shmscope::bench
