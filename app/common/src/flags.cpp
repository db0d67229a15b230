#include "shmscope/cli/flags.hpp"

#include "shmscope/params.hpp"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <unistd.h>

#ifndef SHMSCOPE_VERSION
#define SHMSCOPE_VERSION "0.0.0"
#endif

namespace shmscope::cli {

Error usageError(std::string_view flag, std::string_view why) {
    std::string message(flag);
    message += ": ";
    message += why;
    // The message quotes what the user typed: keep it one line whatever that was.
    for (char& c : message)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = '?';
    return makeError(ErrorCode::Usage, std::move(message));
}

void FlagParser::addValue(std::string name, ValueHandler handler) {
    flags_.push_back(Flag{std::move(name), true, std::move(handler), {}});
}

void FlagParser::addSwitch(std::string name, SwitchHandler handler) {
    flags_.push_back(Flag{std::move(name), false, {}, std::move(handler)});
}

const FlagParser::Flag* FlagParser::find(std::string_view name) const {
    auto it = std::find_if(flags_.begin(), flags_.end(),
                           [name](const Flag& flag) { return flag.name == name; });
    return it == flags_.end() ? nullptr : &*it;
}

bool FlagParser::seen(std::string_view name) const {
    return std::find(seen_.begin(), seen_.end(), name) != seen_.end();
}

Status FlagParser::parse(std::span<const char* const> args) const {
    seen_.clear();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (arg.size() < 3 || !arg.starts_with("--")) {
            return makeError(ErrorCode::Usage,
                             concat("unexpected argument '", arg, "' (flags start with --)"));
        }
        const std::size_t equals = arg.find('=');
        const std::string_view name = arg.substr(0, equals);
        const Flag* flag = find(name);
        if (flag == nullptr)
            return usageError(name, "unknown flag (see --help)");
        seen_.emplace_back(name);
        if (!flag->takesValue) {
            if (equals != std::string_view::npos)
                return usageError(name, "takes no value");
            flag->onSwitch();
            continue;
        }
        std::string_view value;
        if (equals != std::string_view::npos) {
            value = arg.substr(equals + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return usageError(name, "missing value");
        }
        if (value.empty())
            return usageError(name, "empty value");
        if (Status applied = flag->onValue(value); !applied)
            return applied;
    }
    return {};
}

bool wantsHelp(std::span<const char* const> args) {
    return std::any_of(args.begin(), args.end(),
                       [](const char* arg) { return std::string_view(arg) == "--help"; });
}

bool wantsVersion(std::span<const char* const> args) {
    return std::any_of(args.begin(), args.end(),
                       [](const char* arg) { return std::string_view(arg) == "--version"; });
}

std::string versionLine(std::string_view program) {
    return std::string(program) + " " SHMSCOPE_VERSION;
}

Result<std::uint64_t> parseSizeFlag(std::string_view flag, std::string_view text, std::uint64_t min,
                                    std::uint64_t max) {
    const std::optional<std::uint64_t> bytes = parseSize(text);
    if (!bytes) {
        return usageError(flag, concat("'", text,
                                       "' is not a size (digits with an optional K, M, G, T, "
                                       "KiB, MiB, GiB or TiB)"));
    }
    if (*bytes < min || *bytes > max) {
        return usageError(flag,
                          concat(text, " is outside ", formatBytes(min), " … ", formatBytes(max)));
    }
    return *bytes;
}

Result<std::uint64_t> parseCountFlag(std::string_view flag, std::string_view text,
                                     std::uint64_t min, std::uint64_t max) {
    std::uint64_t value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec == std::errc::result_out_of_range)
        return usageError(flag, concat("'", text, "' is too large"));
    if (ec != std::errc() || ptr != end)
        return usageError(flag, concat("'", text, "' is not an unsigned integer"));
    if (value < min || value > max) {
        return usageError(
            flag, concat(text, " is outside ", std::to_string(min), " … ", std::to_string(max)));
    }
    return value;
}

Result<std::uint64_t> parseSlotCountFlag(std::string_view flag, std::string_view text) {
    Result<std::uint64_t> slots = parseCountFlag(flag, text, kMinSlots, kMaxSlots);
    if (slots && !std::has_single_bit(*slots))
        return usageError(flag, "must be a power of two");
    return slots;
}

Result<std::uint64_t> parseSlotBytesFlag(std::string_view flag, std::string_view text) {
    Result<std::uint64_t> bytes = parseSizeFlag(flag, text, kMinSlotBytes, kMaxSlotBytes);
    if (bytes && *bytes % kCacheLine != 0)
        return usageError(flag, "must be a multiple of 64");
    return bytes;
}

Result<double> parseSecondsFlag(std::string_view flag, std::string_view text, double min,
                                double max) {
    const std::optional<double> seconds = parseSeconds(text);
    if (!seconds)
        return usageError(flag, concat("'", text, "' is not a number of seconds"));
    if (*seconds < min || *seconds > max) {
        char range[96];
        std::snprintf(range, sizeof range, " is outside %g … %g seconds", min, max);
        return usageError(flag, concat(text, range));
    }
    return *seconds;
}

Status validateChannelFlag(std::string_view flag, std::string_view name) {
    Status valid = validateChannelName(name);
    if (valid)
        return valid;
    std::string_view why = valid.error().message;
    constexpr std::string_view kCoreLabel = "--channel: ";
    if (why.starts_with(kCoreLabel))
        why.remove_prefix(kCoreLabel.size());
    return usageError(flag, why);
}

Result<std::uint32_t> parseModeFlag(std::string_view flag, std::string_view text) {
    std::uint32_t mode = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, mode, 8);
    if (ec != std::errc() || ptr != end || mode > 0777) {
        return usageError(flag, concat("'", text, "' is not an octal mode 0 … 0777"));
    }
    return mode;
}

void printLine(std::string_view program, std::string_view message) {
    std::string line(program);
    line += ": ";
    line += message;
    line += '\n';
    std::fflush(stdout);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

std::span<const char* const> argumentsOf(int argc, char** argv) {
    return {argv + 1, static_cast<std::size_t>(argc > 0 ? argc - 1 : 0)};
}

std::optional<int> answerHelpOrVersion(std::span<const char* const> args, std::string_view program,
                                       std::string_view help) {
    if (wantsHelp(args)) {
        std::fwrite(help.data(), 1, help.size(), stdout);
        return 0;
    }
    if (wantsVersion(args)) {
        std::puts(versionLine(program).c_str());
        return 0;
    }
    return std::nullopt;
}

Result<std::chrono::milliseconds> parseMillisecondsFlag(std::string_view flag,
                                                        std::string_view text, double minSeconds,
                                                        double maxSeconds) {
    auto seconds = parseSecondsFlag(flag, text, minSeconds, maxSeconds);
    if (!seconds)
        return seconds.error();
    return std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(*seconds * 1000.0)));
}

int reportError(std::string_view program, const Error& error) {
    printLine(program, error.message);
    return error.exitStatus();
}

} // namespace shmscope::cli
