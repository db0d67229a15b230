#include "exposition.hpp"

#include "shmscope/params.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <optional>

namespace shmscope::stat {
namespace {

constexpr double kSecondsPerNs = 1e-9;
// Histogram bounds: le = 2^k ns for k in [kFirstBoundLog2, kLastBoundLog2] (128 ns … 34.4 s),
// then +Inf. The table's log2 bucket b holds [2^b, 2^(b+1)) ns, so le = 2^k counts buckets < k.
constexpr std::uint32_t kFirstBoundLog2 = 7;
constexpr std::uint32_t kLastBoundLog2 = 35;
static_assert(kLastBoundLog2 < kHistogramBuckets);

enum class Type { Counter, Gauge, Histogram, Info };

// One counter of the statistics table as a counter family; `seconds` counters hold nanoseconds.
struct CounterFamily {
    Counter counter;
    std::string_view name; // without _total
    std::string_view unit;
    std::string_view help;
};

constexpr std::array kCounterFamilies{
    CounterFamily{Counter::Messages, "shmscope_messages", "",
                  "Messages committed (producer) or delivered whole (consumer)."},
    CounterFamily{Counter::Bytes, "shmscope_payload_bytes", "bytes",
                  "Payload bytes of those messages, uncompressed."},
    CounterFamily{Counter::Chunks, "shmscope_chunks", "",
                  "Chunks written (producer) or valid chunks accepted (consumer)."},
    CounterFamily{Counter::Reassembled, "shmscope_reassembled_messages", "",
                  "Multi-chunk messages reassembled (consumer)."},
    CounterFamily{Counter::LockAcquires, "shmscope_lock_acquires", "",
                  "Acquisitions of the ring's lock or semaphore (mutex, semaphore, boost-mutex)."},
    CounterFamily{Counter::LockContended, "shmscope_lock_contended", "",
                  "Lock acquisitions that had to wait."},
    CounterFamily{Counter::LockRecoveries, "shmscope_lock_recoveries", "",
                  "Robust-mutex repairs after a lock holder died (EOWNERDEAD)."},
    CounterFamily{Counter::CasRetries, "shmscope_cas_retries", "",
                  "Failed compare-exchanges and positions already taken (mpmc)."},
    CounterFamily{Counter::Blocked, "shmscope_blocked", "",
                  "Times the process had to wait for a free slot or for data."},
    CounterFamily{Counter::WaitNs, "shmscope_wait_seconds", "seconds",
                  "Time blocked on a slot, data or a lock."},
    CounterFamily{Counter::HoldNs, "shmscope_lock_hold_seconds", "seconds",
                  "Time inside critical sections."},
    CounterFamily{Counter::Drops, "shmscope_dropped_messages", "",
                  "Messages dropped by a producer (drop-newest, drop-oldest, refused runs) or "
                  "skipped by a queue consumer started with --from latest."},
    CounterFamily{Counter::Overrun, "shmscope_overrun_messages", "",
                  "Broadcast consumer: messages overwritten before or while it read them."},
    CounterFamily{Counter::Gaps, "shmscope_gap_messages", "",
                  "Consumer: sequence numbers never seen."},
    CounterFamily{Counter::Reordered, "shmscope_reordered_messages", "",
                  "Consumer: sequence numbers not above one already seen from that producer."},
    CounterFamily{Counter::Corrupt, "shmscope_corrupt_messages", "",
                  "Consumer: headers, chunks or checksums that failed validation."},
    CounterFamily{Counter::LostToCrash, "shmscope_lost_to_crash_slots", "",
                  "Slots a dead process left claimed, skipped (mpmc)."},
    CounterFamily{Counter::Incomplete, "shmscope_incomplete_messages", "",
                  "Chunked messages whose producer died or abandoned them."},
    CounterFamily{Counter::BytesUncompressed, "shmscope_codec_uncompressed_bytes", "bytes",
                  "The codec's uncompressed side: its input (producer) or output (consumer)."},
    CounterFamily{Counter::BytesCompressed, "shmscope_codec_compressed_bytes", "bytes",
                  "The codec's compressed side: its output (producer) or input (consumer)."},
    CounterFamily{Counter::CodecNs, "shmscope_codec_seconds", "seconds",
                  "Time compressing or decompressing."},
};
// permits_held is a gauge, reported as shmscope_leaked_slots; every other counter is a family.
constexpr bool everyCounterOnce() {
    for (std::uint32_t c = 0; c < kCounterCount; ++c) {
        std::size_t found = 0;
        for (const CounterFamily& family : kCounterFamilies)
            found += static_cast<std::uint32_t>(family.counter) == c ? 1 : 0;
        if (found != (static_cast<Counter>(c) == Counter::PermitsHeld ? 0u : 1u))
            return false;
    }
    return true;
}
static_assert(everyCounterOnce(), "a counter of the statistics table without its family, or "
                                  "with two (docs/METRICS.md lists them)");

std::string formatDouble(double value) {
    std::array<char, 32> text{};
    const auto [end, ec] = std::to_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc{} ? std::string(text.data(), end) : std::string("0");
}

std::string formatSeconds(std::uint64_t nanoseconds) {
    return formatDouble(static_cast<double>(nanoseconds) * kSecondsPerNs);
}

std::string labelValue(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

// `name="value",...` without braces, so that a histogram can append le.
class Labels {
public:
    Labels& add(std::string_view name, std::string_view value) {
        if (!text_.empty())
            text_ += ',';
        text_ += name;
        text_ += "=\"";
        text_ += labelValue(value);
        text_ += '"';
        return *this;
    }
    [[nodiscard]] std::string braced() const { return "{" + text_ + "}"; }
    [[nodiscard]] std::string bracedWith(std::string_view name, std::string_view value) const {
        Labels more = *this;
        return more.add(name, value).braced();
    }

private:
    std::string text_;
};

Labels channelLabels(const ChannelSample& sample) {
    return Labels().add("channel", sample.info.name);
}

Labels recordLabels(const ChannelSample& sample, const RecordSnapshot& record) {
    return channelLabels(sample)
        .add("record", std::to_string(record.index))
        .add("role", roleName(record.role));
}

// The departed totals: records that were reused, producers' and consumers' together.
Labels departedLabels(const ChannelSample& sample) {
    return channelLabels(sample).add("record", "departed").add("role", "none");
}

class Writer {
public:
    explicit Writer(ExpositionFormat format)
        : openMetrics_(format == ExpositionFormat::OpenMetrics) {}

    // HELP, TYPE and (OpenMetrics) UNIT of family `name`: the metadata name is the sample name
    // in the classic format (`_total`, `_info` included) and the bare family in OpenMetrics.
    void family(std::string_view name, Type type, std::string_view unit, std::string_view help) {
        std::string metadataName(name);
        if (!openMetrics_ && type == Type::Counter)
            metadataName += "_total";
        if (!openMetrics_ && type == Type::Info)
            metadataName += "_info";
        family_ = name;
        out_ += "# HELP " + metadataName + ' ';
        out_ += help;
        out_ += "\n# TYPE " + metadataName + ' ';
        out_ += typeName(type);
        out_ += '\n';
        if (openMetrics_ && !unit.empty()) {
            out_ += "# UNIT " + metadataName + ' ';
            out_ += unit;
            out_ += '\n';
        }
    }

    // A sample of the current family: `suffix` is "_total", "_bucket", "_info", … or "".
    void sample(std::string_view suffix, const std::string& labels, const std::string& value) {
        out_ += family_;
        out_ += suffix;
        out_ += labels;
        out_ += ' ';
        out_ += value;
        out_ += '\n';
    }

    // Cumulative buckets from a log2 histogram, then _sum and _count when `sumNs` is given
    // (OpenMetrics allows _count only beside _sum).
    void histogram(const Labels& labels, const std::array<std::uint64_t, kHistogramBuckets>& log2,
                   std::optional<std::uint64_t> sumNs) {
        std::uint64_t below = 0;
        std::uint32_t bucket = 0;
        for (std::uint32_t k = kFirstBoundLog2; k <= kLastBoundLog2; ++k) {
            for (; bucket < k; ++bucket)
                below += log2[bucket];
            const double bound = static_cast<double>(std::uint64_t{1} << k) * kSecondsPerNs;
            sample("_bucket", labels.bracedWith("le", formatDouble(bound)), std::to_string(below));
        }
        for (; bucket < kHistogramBuckets; ++bucket)
            below += log2[bucket];
        sample("_bucket", labels.bracedWith("le", "+Inf"), std::to_string(below));
        if (sumNs) {
            sample("_sum", labels.braced(), formatSeconds(*sumNs));
            sample("_count", labels.braced(), std::to_string(below));
        }
    }

    std::string finish() {
        if (openMetrics_)
            out_ += "# EOF\n";
        return std::move(out_);
    }

private:
    [[nodiscard]] std::string_view typeName(Type type) const {
        switch (type) {
        case Type::Counter:
            return "counter";
        case Type::Gauge:
            return "gauge";
        case Type::Histogram:
            return "histogram";
        case Type::Info:
            return openMetrics_ ? "info" : "gauge";
        }
        return "unknown";
    }

    bool openMetrics_;
    std::string family_;
    std::string out_;
};

void writeCounters(Writer& out, const std::vector<ChannelSample>& samples) {
    for (const CounterFamily& family : kCounterFamilies) {
        out.family(family.name, Type::Counter, family.unit, family.help);
        const bool seconds = family.unit == "seconds";
        const auto value = [&](const RecordSnapshot& record) {
            const std::uint64_t raw = record.counter(family.counter);
            return seconds ? formatSeconds(raw) : std::to_string(raw);
        };
        for (const ChannelSample& sample : samples) {
            for (const RecordSnapshot& record : sample.snapshot.records)
                out.sample("_total", recordLabels(sample, record).braced(), value(record));
            out.sample("_total", departedLabels(sample).braced(), value(sample.snapshot.departed));
        }
    }
}

void writeHistograms(Writer& out, const std::vector<ChannelSample>& samples) {
    out.family("shmscope_wait_duration_seconds", Type::Histogram, "seconds",
               "Blocking waits for a slot, data or a lock (log2 buckets; _sum is "
               "shmscope_wait_seconds_total).");
    for (const ChannelSample& sample : samples) {
        for (const RecordSnapshot& record : sample.snapshot.records)
            out.histogram(recordLabels(sample, record), record.waitHistogram,
                          record.counter(Counter::WaitNs));
        const RecordSnapshot& departed = sample.snapshot.departed;
        out.histogram(departedLabels(sample), departed.waitHistogram,
                      departed.counter(Counter::WaitNs));
    }
    out.family("shmscope_delivery_latency_seconds", Type::Histogram, "seconds",
               "Consumer: commit to complete delivery of each message (log2 buckets).");
    for (const ChannelSample& sample : samples) {
        for (const RecordSnapshot& record : sample.snapshot.records)
            if (record.role == Role::Consumer)
                out.histogram(recordLabels(sample, record), record.latencyHistogram, std::nullopt);
        out.histogram(departedLabels(sample), sample.snapshot.departed.latencyHistogram,
                      std::nullopt);
    }
}

void writeRecordGauges(Writer& out, const std::vector<ChannelSample>& samples) {
    out.family("shmscope_record", Type::Info, "",
               "A statistics record's process: its pid (a new series on every restart) and program.");
    for (const ChannelSample& sample : samples)
        for (const RecordSnapshot& record : sample.snapshot.records)
            out.sample("_info",
                       recordLabels(sample, record)
                           .add("pid", std::to_string(record.pid))
                           .add("program", programName(record.program))
                           .braced(),
                       "1");
    out.family("shmscope_record_alive", Type::Gauge, "",
               "1 while the record's process is alive (its record lock is held), else 0.");
    for (const ChannelSample& sample : samples)
        for (const RecordSnapshot& record : sample.snapshot.records)
            out.sample("", recordLabels(sample, record).braced(), record.alive ? "1" : "0");
}

using ChannelValue = std::uint64_t (*)(const ChannelSample&);

void writeChannelGauge(Writer& out, const std::vector<ChannelSample>& samples,
                       std::string_view name, std::string_view unit, std::string_view help,
                       ChannelValue value) {
    out.family(name, Type::Gauge, unit, help);
    for (const ChannelSample& sample : samples)
        out.sample("", channelLabels(sample).braced(), std::to_string(value(sample)));
}

void writeChannelGauges(Writer& out, const std::vector<ChannelSample>& samples) {
    out.family("shmscope_channel", Type::Info, "",
               "A channel's parameters: synchronisation, delivery, backpressure, checksum.");
    for (const ChannelSample& sample : samples) {
        const ChannelParams& params = sample.info.params;
        out.sample("_info",
                   channelLabels(sample)
                       .add("sync", syncName(params.sync))
                       .add("delivery", deliveryName(params.delivery))
                       .add("backpressure", backpressureName(params.backpressure))
                       .add("checksum", checksumName(params.checksum))
                       .braced(),
                   "1");
    }
    writeChannelGauge(
        out, samples, "shmscope_ring_slots", "", "Slots in the ring.",
        [](const ChannelSample& s) -> std::uint64_t { return s.info.params.slotCount; });
    writeChannelGauge(
        out, samples, "shmscope_slot_payload_bytes", "bytes", "Payload bytes per slot.",
        [](const ChannelSample& s) -> std::uint64_t { return s.info.params.slotPayloadBytes; });
    writeChannelGauge(out, samples, "shmscope_ring_occupied_slots", "",
                      "Slots ready or in use (for broadcast: behind the slowest reader).",
                      [](const ChannelSample& s) { return s.snapshot.ring.occupiedSlots; });
    writeChannelGauge(out, samples, "shmscope_ring_high_water_slots", "",
                      "Highest occupancy a producer saw.",
                      [](const ChannelSample& s) { return s.snapshot.ring.highWaterSlots; });
    writeChannelGauge(out, samples, "shmscope_leaked_slots", "",
                      "Semaphore slots taken by processes that died before passing them on.",
                      [](const ChannelSample& s) {
                          std::uint64_t slots = 0;
                          for (const PermitLeak& leak : s.snapshot.permitLeaks())
                              slots += leak.leakedSlots;
                          return slots;
                      });
    writeChannelGauge(out, samples, "shmscope_live_processes", "",
                      "Attached processes that are alive.", [](const ChannelSample& s) {
                          return static_cast<std::uint64_t>(
                              std::count_if(s.snapshot.records.begin(), s.snapshot.records.end(),
                                            [](const RecordSnapshot& r) { return r.alive; }));
                      });
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// One media range of an Accept header: does it name OpenMetrics with a q above zero?
bool acceptsOpenMetrics(std::string_view range) {
    const std::string text = lower(range);
    std::string_view rest = text;
    const std::string_view type = trim(rest.substr(0, rest.find(';')));
    if (type != "application/openmetrics-text")
        return false;
    while (rest.find(';') != std::string_view::npos) {
        rest.remove_prefix(rest.find(';') + 1);
        const std::string_view parameter = trim(rest.substr(0, rest.find(';')));
        if (parameter.starts_with("q=")) {
            double q = 1;
            const std::string_view value = parameter.substr(2);
            const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
            if (ec != std::errc{} || q <= 0)
                return false;
        }
    }
    return true;
}

} // namespace

ExpositionFormat negotiateFormat(std::string_view acceptHeader) {
    while (!acceptHeader.empty()) {
        const std::size_t comma = acceptHeader.find(',');
        if (acceptsOpenMetrics(acceptHeader.substr(0, comma)))
            return ExpositionFormat::OpenMetrics;
        if (comma == std::string_view::npos)
            break;
        acceptHeader.remove_prefix(comma + 1);
    }
    return ExpositionFormat::Prometheus;
}

std::string_view contentType(ExpositionFormat format) {
    return format == ExpositionFormat::OpenMetrics
               ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
               : "text/plain; version=0.0.4; charset=utf-8";
}

std::string exposition(const std::vector<ChannelSample>& samples, ExpositionFormat format) {
    Writer out(format);
    writeCounters(out, samples);
    writeHistograms(out, samples);
    writeRecordGauges(out, samples);
    writeChannelGauges(out, samples);
    return out.finish();
}

} // namespace shmscope::stat
