#include "options.hpp"

#include "tune_options.hpp"

#include "shmscope/cli/flags.hpp"
#include "shmscope/params.hpp"

#include <algorithm>
#include <array>

namespace shmscope::bench {
namespace {

using cli::usageError;

constexpr std::array<std::string_view, 19> kTransportIds = {
    "memcpy",        "limit-ring",         "limit-line",
    "shm-spsc",           "shm-mpmc",
    "shm-mutex",     "shm-semaphore",      "shm-boost-mutex",
    "shm-broadcast", "shm-spsc-zero-copy", "file-spsc",
    "pipe",          "pipe-large",         "unix",
    "tcp",           "boost-mq",           "zmq-ipc",
    "iceoryx",       "iceoryx-loan"};

constexpr std::array<std::uint64_t, 5> kDefaultSizes = {64, 4 * KiB, 64 * KiB, 1 * MiB, 16 * MiB};
constexpr std::uint32_t kMaxReps = 1000;
constexpr double kMinSeconds = 0.001;
constexpr double kMaxSeconds = 3600.0;

std::vector<std::string_view> splitList(std::string_view text) {
    std::vector<std::string_view> items;
    while (true) {
        const std::size_t comma = text.find(',');
        items.push_back(text.substr(0, comma));
        if (comma == std::string_view::npos)
            return items;
        text.remove_prefix(comma + 1);
    }
}

bool takesChecksum(std::string_view base) {
    return base.starts_with("shm-") || base.starts_with("file-");
}

std::vector<TransportSpec> defaultTransports() {
    std::vector<TransportSpec> specs;
    for (std::string_view id : kTransportIds)
        specs.push_back(*parseTransportSpec(id));
    specs.push_back(*parseTransportSpec("shm-spsc+xxh3"));
    specs.push_back(*parseTransportSpec("shm-spsc@spin"));
    return specs;
}

Status parseTransports(std::string_view value, BenchOptions& o) {
    o.transports.clear();
    for (std::string_view item : splitList(value)) {
        Result<TransportSpec> spec = parseTransportSpec(item);
        if (!spec)
            return spec.error();
        o.transports.push_back(*spec);
    }
    return {};
}

Status parseSizes(std::string_view value, BenchOptions& o) {
    o.sizes.clear();
    for (std::string_view item : splitList(value)) {
        Result<std::uint64_t> size =
            cli::parseSizeFlag("--sizes", item, kMinMessageBytes, kMaxMessageBytes);
        if (!size)
            return size.error();
        o.sizes.push_back(*size);
    }
    return {};
}

Status parseFormat(std::string_view value, BenchOptions& o) {
    if (value == "md")
        o.format = OutputFormat::Markdown;
    else if (value == "csv")
        o.format = OutputFormat::Csv;
    else if (value == "json")
        o.format = OutputFormat::Json;
    else if (value == "jsonl")
        o.format = OutputFormat::JsonLines;
    else
        return usageError("--format",
                          cli::concat("'", value, "' is not one of md, csv, json, jsonl"));
    return {};
}

Status parseSweep(std::string_view value, BenchOptions& o) {
    if (value == "slots")
        o.sweep = SweepKind::Slots;
    else if (value == "codec")
        o.sweep = SweepKind::Codec;
    else if (value == "wait")
        o.sweep = SweepKind::Wait;
    else
        return usageError("--sweep", cli::concat("'", value, "' is not one of slots, codec, wait"));
    return {};
}

Status parsePayload(std::string_view value, BenchOptions& o) {
    for (PayloadKind kind :
         {PayloadKind::Random, PayloadKind::Text, PayloadKind::Zeros, PayloadKind::Sensor}) {
        if (value == payloadName(kind)) {
            o.payload = kind;
            return {};
        }
    }
    return usageError("--payload",
                      cli::concat("'", value, "' is not one of random, text, zeros, sensor"));
}

void addFlags(cli::FlagParser& parser, BenchOptions& o) {
    parser.addValue("--transports", [&o](std::string_view v) { return parseTransports(v, o); });
    parser.addValue("--sizes", [&o](std::string_view v) { return parseSizes(v, o); });
    parser.addValue("--reps", cli::store(o.reps, cli::parseCountFlag, "--reps", 1, kMaxReps));
    parser.addValue("--seconds", cli::store(o.seconds, cli::parseSecondsFlag, "--seconds",
                                            kMinSeconds, kMaxSeconds));
    parser.addValue("--sweep", [&o](std::string_view v) { return parseSweep(v, o); });
    parser.addValue("--slots", cli::store(o.slots, cli::parseSlotCountFlag, "--slots"));
    parser.addValue("--slot-size", cli::store(o.slotBytes, cli::parseSlotBytesFlag, "--slot-size"));
    parser.addValue("--compress", [&o](std::string_view v) -> Status {
        if (v != "none" && v != "lz4" && v != "zstd" && v != "auto")
            return usageError("--compress",
                              cli::concat("'", v, "' is not one of none, lz4, zstd, auto"));
        o.compress = std::string(v);
        return {};
    });
    parser.addValue("--payload", [&o](std::string_view v) { return parsePayload(v, o); });
    parser.addValue("--format", [&o](std::string_view v) { return parseFormat(v, o); });
    parser.addValue("--out", [&o](std::string_view v) -> Status {
        if (v.empty())
            return usageError("--out", "needs a file name or -");
        o.out = std::string(v);
        return {};
    });
    parser.addValue("--plot", [&o](std::string_view v) -> Status {
        if (v.empty())
            return usageError("--plot", "needs a file name prefix");
        o.plotPrefix = std::string(v);
        return {};
    });
}

} // namespace

std::span<const std::string_view> transportIds() { return kTransportIds; }

std::string_view payloadName(PayloadKind kind) {
    switch (kind) {
    case PayloadKind::Random:
        return "random";
    case PayloadKind::Text:
        return "text";
    case PayloadKind::Zeros:
        return "zeros";
    case PayloadKind::Sensor:
        return "sensor";
    }
    return "random";
}

Result<TransportSpec> parseTransportSpec(std::string_view text) {
    TransportSpec spec;
    spec.id = std::string(text);
    std::string_view rest = text;
    if (rest.ends_with("+xxh3")) {
        spec.xxh3 = true;
        rest.remove_suffix(5);
    }
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        const std::string_view waitText = rest.substr(at + 1);
        spec.wait = parseWait(waitText);
        if (!spec.wait)
            return usageError("--transports",
                              cli::concat("'", text, "': wait '", waitText,
                                          "' is not one of spin, yield, sleep, adaptive"));
        rest = rest.substr(0, at);
    }
    if (std::find(kTransportIds.begin(), kTransportIds.end(), rest) == kTransportIds.end())
        return usageError("--transports",
                          cli::concat("'", text, "' is not a transport id (see --help)"));
    spec.base = std::string(rest);
    if (spec.xxh3 && !takesChecksum(spec.base))
        return usageError("--transports",
                          cli::concat("'", text, "': +xxh3 applies to shm-* and file-* rows"));
    if (spec.wait && (spec.base == "memcpy" || spec.base.starts_with("limit-")))
        return usageError("--transports", cli::concat("'", text, "': ", spec.base, " does not wait (it spins)"));
    return spec;
}

Result<BenchOptions> parseOptions(std::span<const char* const> args) {
    BenchOptions options;
    cli::FlagParser parser;
    addFlags(parser, options);
    addTuneFlags(parser, options.tune);
    if (Status ok = parser.parse(args); !ok)
        return ok.error();
    if (Status ok = checkTuneFlags(parser, options); !ok)
        return ok.error();
    options.transportsGiven = parser.seen("--transports");
    if (!options.transportsGiven)
        options.transports = defaultTransports();
    options.sizesGiven = parser.seen("--sizes");
    if (!options.sizesGiven)
        options.sizes.assign(kDefaultSizes.begin(), kDefaultSizes.end());
    if (options.sweep != SweepKind::None && parser.seen("--transports"))
        return cli::usageError("--sweep", "chooses its own transports; drop --transports");
    return options;
}

} // namespace shmscope::bench
