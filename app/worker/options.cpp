#include "options.hpp"

#include "shmscope/cli/channel_flags.hpp"
#include "shmscope/cli/flags.hpp"

namespace shmscope::worker {
namespace {

using cli::usageError;

constexpr std::uint32_t kMaxWaitConsumers = kMaxRecords - 1;
constexpr std::uint64_t kMaxWaitPhaseNs = 60'000'000'000; // --spin-ns, --yield-ns: one minute

// The ring flags shared with shmscope-bridge receive, and the worker's own transport, mode and
// huge pages.
void addChannelFlags(cli::FlagParser& parser, WorkerOptions& o) {
    cli::addRingFlags(parser, o.params, o.given);
    parser.addValue("--transport",
                    cli::storeGivenKeyword(o.params.transport, o.given.transport, "--transport",
                                           parseTransport, "shm, file"));
    parser.addValue("--mode",
                    cli::storeGiven(o.params.mode, o.given.mode, cli::parseModeFlag, "--mode"));
    parser.addSwitch("--hugepages", [&o] {
        o.params.hugepages = true;
        o.given.hugepages = true;
    });
}

Result<std::chrono::milliseconds> parseTimeoutFlag(std::string_view flag, std::string_view v) {
    return cli::parseMillisecondsFlag(flag, v, 0.0, cli::kMaxFlagSeconds);
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
    cli::addChannelNameFlag(parser, o.channel);
    cli::addLifecycleFlags(parser, o.openMode, o.keep);
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
        auto seconds = cli::parseSecondsFlag("--duration", v, 0.0, cli::kMaxFlagSeconds);
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
    const bool judgeCombination = cli::combinationDecided(o.openMode, o.given);
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
