#include "options.hpp"

#include "shmscope/cli/flags.hpp"

#include <cmath>

namespace shmscope::worker {
namespace {

using cli::usageError;

constexpr double kMaxSeconds = 10.0 * 365 * 24 * 3600; // "unbounded" in practice
constexpr std::uint32_t kMaxWaitConsumers = kMaxRecords - 1;
constexpr std::uint64_t kMaxWaitPhaseNs = 60'000'000'000; // --spin-ns, --yield-ns: one minute

void addChannelFlags(cli::FlagParser& parser, WorkerOptions& o) {
    parser.addValue("--sync", [&o](std::string_view v) -> Status {
        auto sync = cli::parseKeywordFlag<SyncKind>(
            "--sync", v, parseSync, "spsc, mpmc, mutex, semaphore, boost-mutex, none");
        if (!sync)
            return sync.error();
        o.params.sync = *sync;
        o.given.sync = true;
        return {};
    });
    parser.addValue("--delivery", [&o](std::string_view v) -> Status {
        auto delivery =
            cli::parseKeywordFlag<Delivery>("--delivery", v, parseDelivery, "queue, broadcast");
        if (!delivery)
            return delivery.error();
        o.params.delivery = *delivery;
        o.given.delivery = true;
        return {};
    });
    parser.addValue("--slots", [&o](std::string_view v) -> Status {
        auto slots = cli::parseSlotCountFlag("--slots", v);
        if (!slots)
            return slots.error();
        o.params.slotCount = static_cast<std::uint32_t>(*slots);
        o.given.slotCount = true;
        return {};
    });
    parser.addValue("--slot-size", [&o](std::string_view v) -> Status {
        auto bytes = cli::parseSlotBytesFlag("--slot-size", v);
        if (!bytes)
            return bytes.error();
        o.params.slotPayloadBytes = *bytes;
        o.given.slotPayloadBytes = true;
        return {};
    });
    parser.addValue("--backpressure", [&o](std::string_view v) -> Status {
        auto policy = cli::parseKeywordFlag<Backpressure>("--backpressure", v, parseBackpressure,
                                                          "block, drop-newest, drop-oldest");
        if (!policy)
            return policy.error();
        o.params.backpressure = *policy;
        o.given.backpressure = true;
        return {};
    });
    parser.addValue("--transport", [&o](std::string_view v) -> Status {
        auto transport =
            cli::parseKeywordFlag<TransportKind>("--transport", v, parseTransport, "shm, file");
        if (!transport)
            return transport.error();
        o.params.transport = *transport;
        o.given.transport = true;
        return {};
    });
    parser.addValue("--mode", [&o](std::string_view v) -> Status {
        auto mode = cli::parseModeFlag("--mode", v);
        if (!mode)
            return mode.error();
        o.params.mode = *mode;
        o.given.mode = true;
        return {};
    });
    parser.addSwitch("--hugepages", [&o] {
        o.params.hugepages = true;
        o.given.hugepages = true;
    });
    parser.addValue("--checksum", [&o](std::string_view v) -> Status {
        auto kind =
            cli::parseKeywordFlag<ChecksumKind>("--checksum", v, parseChecksum, "xxh3, none");
        if (!kind)
            return kind.error();
        o.params.checksum = *kind;
        o.given.checksum = true;
        return {};
    });
}

Result<std::chrono::milliseconds> parseTimeoutFlag(std::string_view flag, std::string_view v) {
    auto seconds = cli::parseSecondsFlag(flag, v, 0.0, kMaxSeconds);
    if (!seconds)
        return seconds.error();
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000.0)));
}

void addProcessFlags(cli::FlagParser& parser, WorkerOptions& o) {
    parser.addValue("--role", [&o](std::string_view v) -> Status {
        if (v == "producer")
            o.role = Role::Producer;
        else if (v == "consumer")
            o.role = Role::Consumer;
        else
            return usageError("--role", cli::concat("'", v, "' is not one of producer, consumer"));
        return {};
    });
    parser.addValue("--channel", [&o](std::string_view v) -> Status {
        if (Status valid = cli::validateChannelFlag("--channel", v); !valid)
            return valid;
        o.channel = v;
        return {};
    });
    parser.addSwitch("--create", [&o] { o.openMode = OpenMode::Create; });
    parser.addSwitch("--create-only", [&o] { o.openMode = OpenMode::CreateOnly; });
    parser.addSwitch("--keep", [&o] { o.keep = true; });
    parser.addSwitch("--allow-other-owner", [&o] { o.allowOtherOwner = true; });
    parser.addValue("--path", [&o](std::string_view v) -> Status {
        if (v.empty())
            return usageError("--path", "must not be empty");
        o.path = v;
        return {};
    });
    parser.addSwitch("--msync", [&o] { o.msync = true; });
    parser.addValue("--wait", [&o](std::string_view v) -> Status {
        auto kind =
            cli::parseKeywordFlag<WaitKind>("--wait", v, parseWait, "spin, yield, sleep, adaptive");
        if (!kind)
            return kind.error();
        o.wait.kind = *kind;
        return {};
    });
    parser.addValue("--spin-ns", cli::store(o.wait.spinNs, cli::parseCountFlag, "--spin-ns", 0,
                                            kMaxWaitPhaseNs));
    parser.addValue("--yield-ns", cli::store(o.wait.yieldNs, cli::parseCountFlag, "--yield-ns", 0,
                                             kMaxWaitPhaseNs));
    parser.addValue("--msg-size", cli::store(o.messageBytes, cli::parseSizeFlag, "--msg-size",
                                             kMinMessageBytes, kMaxMessageBytes));
    parser.addValue("--rate", [&o](std::string_view v) -> Status {
        if (v == "max") {
            o.rateHz = 0;
            return {};
        }
        auto rate = cli::parseCountFlag("--rate", v, 0, kMaxRateHz);
        if (!rate)
            return usageError("--rate", cli::concat("'", v, "' is not max or 0 … 1000000000"));
        o.rateHz = *rate;
        return {};
    });
    parser.addValue("--count", cli::store(o.count, cli::parseCountFlag, "--count", 1, UINT64_MAX));
    parser.addValue("--duration", [&o](std::string_view v) -> Status {
        auto seconds = cli::parseSecondsFlag("--duration", v, 0.0, kMaxSeconds);
        if (!seconds)
            return seconds.error();
        if (*seconds <= 0.0)
            return usageError("--duration", "must be more than 0 seconds");
        o.durationSeconds = *seconds;
        return {};
    });
    parser.addValue("--payload", [&o](std::string_view v) -> Status {
        auto kind = cli::parseKeywordFlag<PayloadKind>("--payload", v, parsePayloadKind,
                                                       "random, text, zeros, sensor");
        if (!kind)
            return kind.error();
        o.payload = *kind;
        return {};
    });
    parser.addValue("--compress", [&o](std::string_view v) -> Status {
        auto mode = cli::parseKeywordFlag<CompressMode>("--compress", v, parseCompressMode,
                                                        "none, lz4, zstd, auto");
        if (!mode)
            return mode.error();
        o.compress = *mode;
        return {};
    });
    parser.addValue("--zstd-level", cli::store(o.zstdLevel, cli::parseCountFlag, "--zstd-level",
                                               kMinZstdLevel, kMaxZstdLevel));
    parser.addSwitch("--zero-copy", [&o] { o.zeroCopy = true; });
    parser.addValue("--from", [&o](std::string_view v) -> Status {
        if (v == "oldest")
            o.from = StartFrom::Oldest;
        else if (v == "latest")
            o.from = StartFrom::Latest;
        else
            return usageError("--from", cli::concat("'", v, "' is not one of oldest, latest"));
        return {};
    });
    parser.addValue("--wait-consumers", cli::store(o.waitConsumers, cli::parseCountFlag,
                                                   "--wait-consumers", 0, kMaxWaitConsumers));
    parser.addValue("--max-msg-size",
                    cli::store(o.maxMessageBytes, cli::parseSizeFlag, "--max-msg-size",
                               kMinSlotBytes, kMaxMessageBytes));
    parser.addValue("--attach-timeout",
                    cli::store(o.attachTimeout, parseTimeoutFlag, "--attach-timeout"));
    parser.addValue("--stall-timeout", [&o](std::string_view v) -> Status {
        auto timeout = parseTimeoutFlag("--stall-timeout", v);
        if (!timeout)
            return timeout.error();
        o.stallTimeoutNs = static_cast<std::uint64_t>(timeout->count()) * 1'000'000;
        return {};
    });
    parser.addValue("--hold-lock-ms",
                    cli::store(o.holdLockMs, cli::parseCountFlag, "--hold-lock-ms", 0, kMaxHoldMs));
    parser.addSwitch("--json", [&o] { o.json = true; });
}

// --transport file needs --path; --path and --msync need the file transport. The channel name
// of a file channel defaults to its path (it only names the channel in messages).
Status checkTransport(WorkerOptions& o) {
    const bool file = o.params.transport == TransportKind::File;
    if (file && o.path.empty())
        return usageError("--path", "required with --transport file");
    if (!file && !o.path.empty())
        return usageError("--path", "only with --transport file");
    if (!file && o.msync)
        return usageError("--msync", "only with --transport file");
    if (file && o.channel.empty())
        o.channel = o.path;
    return {};
}

// The checks that need every flag: required flags and combinations.
Status checkWhole(WorkerOptions& o) {
    if (o.role == Role::None)
        return usageError("--role", "required (producer or consumer)");
    if (Status transport = checkTransport(o); !transport)
        return transport;
    if (o.channel.empty())
        return usageError("--channel", "required");
    if (Status limits = validateLimits(o.params); !limits)
        return limits;
    const bool compress = o.compress != CompressMode::None;
    // Creating: the given values with defaults for the rest make the channel, so they must
    // combine. Attaching: omitted values come from the channel, which combine by construction;
    // judge the combination only when the values that decide it were all given.
    const bool judgeCombination = o.openMode != OpenMode::Attach ||
                                  (o.given.sync && o.given.backpressure && o.given.delivery);
    if (judgeCombination) {
        if (Status combination = validateCombination(o.params, o.zeroCopy, compress); !combination)
            return combination;
    } else if (o.zeroCopy && compress) {
        return usageError("--zero-copy", "cannot be combined with --compress");
    }
    if (o.zeroCopy && judgeCombination) // else checked once attached
        return checkZeroCopy(o.params);
    return {};
}

} // namespace

Status checkZeroCopy(const ChannelParams& params) {
    if (params.delivery == Delivery::Broadcast) // the broadcast ring has no loans or views
        return usageError("--zero-copy", "not supported with --delivery broadcast");
    return validateCombination(params, true, false);
}

Result<WorkerOptions> parseWorkerOptions(std::span<const char* const> args) {
    WorkerOptions options;
    cli::FlagParser parser;
    addChannelFlags(parser, options);
    addProcessFlags(parser, options);
    if (Status parsed = parser.parse(args); !parsed)
        return parsed.error();
    if (Status whole = checkWhole(options); !whole)
        return whole.error();
    return options;
}

} // namespace shmscope::worker
