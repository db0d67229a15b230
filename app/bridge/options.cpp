#include "options.hpp"

#include "shmscope/cli/flags.hpp"

#include <cmath>

namespace shmscope::bridge {
namespace {

using cli::usageError;

constexpr double kMaxSeconds = 10.0 * 365 * 24 * 3600; // "unbounded" in practice
constexpr double kMinHeartbeatSeconds = 0.01;
constexpr double kMaxHeartbeatSeconds = 600.0;
constexpr std::uint64_t kMaxHighWater = 1'000'000;


void addChannelFlags(cli::FlagParser& parser, BridgeOptions& o) {
    parser.addSwitch("--create", [&o] { o.openMode = OpenMode::Create; });
    parser.addSwitch("--create-only", [&o] { o.openMode = OpenMode::CreateOnly; });
    parser.addSwitch("--keep", [&o] { o.keep = true; });
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

Result<std::chrono::milliseconds> parseMillisecondsFlag(std::string_view flag,
                                                        std::string_view v, double min,
                                                        double max) {
    auto seconds = cli::parseSecondsFlag(flag, v, min, max);
    if (!seconds)
        return seconds.error();
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000.0)));
}

Status setEndpoint(BridgeOptions& o, std::string_view flag, std::string_view v, bool bind) {
    if (v.empty())
        return usageError(flag, "must not be empty");
    if (v.find("://") == std::string_view::npos)
        return usageError(flag, cli::concat("'", v, "' is not a ZeroMQ endpoint (tcp://HOST:PORT)"));
    o.endpoint = v;
    o.bind = bind;
    return {};
}

void addLinkFlags(cli::FlagParser& parser, BridgeOptions& o) {
    parser.addValue("--channel", [&o](std::string_view v) -> Status {
        if (Status valid = cli::validateChannelFlag("--channel", v); !valid)
            return valid;
        o.channel = v;
        return {};
    });
    parser.addValue("--connect", [&o](std::string_view v) {
        return setEndpoint(o, "--connect", v, false);
    });
    parser.addValue("--bind", [&o](std::string_view v) { return setEndpoint(o, "--bind", v, true); });
    parser.addValue("--pattern", [&o](std::string_view v) -> Status {
        if (v == "queue")
            o.pattern = Pattern::Queue;
        else if (v == "broadcast")
            o.pattern = Pattern::Broadcast;
        else
            return usageError("--pattern", cli::concat("'", v, "' is not one of queue, broadcast"));
        return {};
    });
    parser.addValue("--count", cli::store(o.count, cli::parseCountFlag, "--count", 1, UINT64_MAX));
    parser.addSwitch("--exit-on-end", [&o] { o.exitOnEnd = true; });
    parser.addValue("--attach-timeout", [&o](std::string_view v) -> Status {
        auto timeout = parseMillisecondsFlag("--attach-timeout", v, 0.0, kMaxSeconds);
        if (!timeout)
            return timeout.error();
        o.attachTimeout = *timeout;
        return {};
    });
    parser.addValue("--heartbeat", [&o](std::string_view v) -> Status {
        auto interval =
            parseMillisecondsFlag("--heartbeat", v, kMinHeartbeatSeconds, kMaxHeartbeatSeconds);
        if (!interval)
            return interval.error();
        o.heartbeat = *interval;
        return {};
    });
    parser.addValue("--high-water", cli::store(o.highWater, cli::parseCountFlag, "--high-water",
                                               1, kMaxHighWater));
    parser.addSwitch("--json", [&o] { o.json = true; });
}

// Flags that only one direction takes.
Status checkDirection(const cli::FlagParser& parser, const BridgeOptions& o) {
    static constexpr const char* kReceiveOnly[] = {
        "--create", "--create-only", "--keep", "--sync", "--delivery", "--slots",
        "--slot-size", "--backpressure", "--checksum", "--exit-on-end"};
    static constexpr const char* kSendOnly[] = {"--count"};
    if (o.direction == Direction::Send) {
        for (const char* flag : kReceiveOnly)
            if (parser.seen(flag))
                return usageError(flag, "only with receive");
    } else {
        for (const char* flag : kSendOnly)
            if (parser.seen(flag))
                return usageError(flag, "only with send");
    }
    return {};
}

Status checkWhole(const cli::FlagParser& parser, const BridgeOptions& o) {
    if (o.channel.empty())
        return usageError("--channel", "required");
    if (o.endpoint.empty())
        return usageError("--connect", "required (or --bind)");
    if (parser.seen("--connect") && parser.seen("--bind"))
        return usageError("--bind", "cannot be combined with --connect");
    if (Status direction = checkDirection(parser, o); !direction)
        return direction;
    if (o.direction == Direction::Receive) {
        if (Status limits = validateLimits(o.params); !limits)
            return limits;
        const bool judgeCombination = o.openMode != OpenMode::Attach ||
                                      (o.given.sync && o.given.backpressure && o.given.delivery);
        if (judgeCombination) {
            if (Status combination = validateCombination(o.params, false, false); !combination)
                return combination;
        }
    }
    return {};
}

} // namespace

Result<BridgeOptions> parseBridgeOptions(std::span<const char* const> args) {
    BridgeOptions options;
    if (args.empty())
        return usageError("send|receive", "required as the first argument");
    const std::string_view word = args[0];
    if (word == "send")
        options.direction = Direction::Send;
    else if (word == "receive")
        options.direction = Direction::Receive;
    else
        return usageError("send|receive", cli::concat("'", word, "' is not one of send, receive"));
    cli::FlagParser parser;
    addChannelFlags(parser, options);
    addLinkFlags(parser, options);
    if (Status parsed = parser.parse(args.subspan(1)); !parsed)
        return parsed.error();
    if (Status whole = checkWhole(parser, options); !whole)
        return whole.error();
    return options;
}

} // namespace shmscope::bridge
