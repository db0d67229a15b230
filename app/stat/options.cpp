#include "options.hpp"

#include "shmscope/cli/flags.hpp"

namespace shmscope::stat {
namespace {

using cli::usageError;

Status setCommand(StatOptions& o, bool& chosen, Command command, std::string_view flag) {
    if (chosen && o.command != command)
        return usageError(flag, "cannot be combined with --list, --gc, --rm or --serve");
    chosen = true;
    o.command = command;
    return {};
}

Status parseServe(StatOptions& o, std::string_view text) {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0)
        return usageError("--serve", "expected ADDRESS:PORT, e.g. 127.0.0.1:9464");
    auto port = cli::parseCountFlag("--serve", text.substr(colon + 1), 0, 65535);
    if (!port)
        return usageError("--serve", "port must be 0 … 65535 (0: a free port)");
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2); // [::1]:9464
    o.serveHost = host;
    o.servePort = static_cast<std::uint16_t>(*port);
    return {};
}

} // namespace

Result<StatOptions> parseStatOptions(std::span<const char* const> args) {
    StatOptions o;
    bool chosen = false;
    bool pathGiven = false;
    cli::FlagParser parser;
    parser.addValue("--channel", [&o](std::string_view v) -> Status {
        if (Status valid = cli::validateChannelFlag("--channel", v); !valid)
            return valid;
        o.channel = v;
        return {};
    });
    parser.addValue("--path", [&pathGiven](std::string_view) -> Status {
        pathGiven = true;
        return {};
    });
    parser.addSwitch("--once", [&o] { o.once = true; });
    parser.addSwitch("--json", [&o] { o.json = true; });
    parser.addValue("--interval", [&o](std::string_view v) -> Status {
        auto ms = cli::parseCountFlag("--interval", v, kMinIntervalMs, kMaxIntervalMs);
        if (!ms)
            return ms.error();
        o.intervalMs = static_cast<std::uint32_t>(*ms);
        return {};
    });
    Status commandError;
    parser.addSwitch("--list", [&] {
        if (commandError)
            commandError = setCommand(o, chosen, Command::List, "--list");
    });
    parser.addSwitch("--gc", [&] {
        if (commandError)
            commandError = setCommand(o, chosen, Command::Gc, "--gc");
    });
    parser.addValue("--rm", [&](std::string_view v) -> Status {
        if (Status valid = cli::validateChannelFlag("--rm", v); !valid)
            return valid;
        if (Status set = setCommand(o, chosen, Command::Remove, "--rm"); !set)
            return set;
        o.channel = v;
        return {};
    });
    parser.addValue("--serve", [&](std::string_view v) -> Status {
        if (Status set = setCommand(o, chosen, Command::Serve, "--serve"); !set)
            return set;
        return parseServe(o, v);
    });
    if (Status parsed = parser.parse(args); !parsed)
        return parsed.error();
    if (!commandError)
        return commandError.error();
    if (pathGiven)
        return usageError("--path", "file channels: not supported yet");
    if (o.command == Command::Watch && o.channel.empty())
        return usageError("--channel",
                          "required (or --list, --gc, --rm NAME, --serve ADDRESS:PORT)");
    if (o.command == Command::Remove && parser.seen("--channel"))
        return usageError("--rm", "takes the channel name itself; drop --channel");
    return o;
}

} // namespace shmscope::stat
