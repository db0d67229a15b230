#include "options.hpp"

#include "shmscope/cli/channel_flags.hpp"
#include "shmscope/cli/flags.hpp"

namespace shmscope::bridge {
namespace {

using cli::usageError;

constexpr double kMinHeartbeatSeconds = 0.01;
constexpr double kMaxHeartbeatSeconds = 600.0;
constexpr std::uint64_t kMaxHighWater = 1'000'000;

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
    cli::addChannelNameFlag(parser, o.channel);
    parser.addValue("--connect",
                    [&o](std::string_view v) { return setEndpoint(o, "--connect", v, false); });
    parser.addValue("--bind",
                    [&o](std::string_view v) { return setEndpoint(o, "--bind", v, true); });
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
    parser.addValue("--attach-timeout", cli::store(o.attachTimeout, cli::parseMillisecondsFlag,
                                                   "--attach-timeout", 0.0, cli::kMaxFlagSeconds));
    parser.addValue("--heartbeat",
                    cli::store(o.heartbeat, cli::parseMillisecondsFlag, "--heartbeat",
                               kMinHeartbeatSeconds, kMaxHeartbeatSeconds));
    parser.addValue("--high-water",
                    cli::store(o.highWater, cli::parseCountFlag, "--high-water", 1, kMaxHighWater));
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
        if (cli::combinationDecided(o.openMode, o.given)) {
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
    // receive's channel flags, as shmscope-worker's (checkDirection refuses them with send).
    cli::addLifecycleFlags(parser, options.openMode, options.keep);
    cli::addRingFlags(parser, options.params, options.given);
    addLinkFlags(parser, options);
    if (Status parsed = parser.parse(args.subspan(1)); !parsed)
        return parsed.error();
    if (Status whole = checkWhole(parser, options); !whole)
        return whole.error();
    return options;
}

} // namespace shmscope::bridge
