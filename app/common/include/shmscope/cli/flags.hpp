// GNU-style command-line flags for the shmscope executables (docs/CLI.md): `--name value` and
// `--name=value`, no positional arguments, every mistake an ErrorCode::Usage error naming the flag.
#pragma once

#include "shmscope/result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shmscope::cli {

// Joins string pieces by appending (no temporaries prepended to, which GCC 12's -Wrestrict
// misreads).
template <typename... Parts> std::string concat(const Parts&... parts) {
    std::string out;
    (out.append(std::string_view(parts)), ...);
    return out;
}

// "--flag: why" as a usage error (exit 2).
Error usageError(std::string_view flag, std::string_view why);

class FlagParser {
public:
    using ValueHandler = std::function<Status(std::string_view value)>;
    using SwitchHandler = std::function<void()>;

    // `name` includes the leading dashes ("--slots").
    void addValue(std::string name, ValueHandler handler);
    void addSwitch(std::string name, SwitchHandler handler);

    // Applies every flag in order; the first problem is returned as a usage error. A flag given
    // twice is applied twice (the last value wins), as GNU tools do.
    [[nodiscard]] Status parse(std::span<const char* const> args) const;

    // Every flag seen by the last parse(), for "was it given" questions.
    [[nodiscard]] bool seen(std::string_view name) const;

private:
    struct Flag {
        std::string name;
        bool takesValue = false;
        ValueHandler onValue;
        SwitchHandler onSwitch;
    };
    const Flag* find(std::string_view name) const;

    std::vector<Flag> flags_;
    mutable std::vector<std::string> seen_;
};

// True when any argument is exactly `--help` / `--version` (checked before anything else, so that
// `--help` works next to flags that would otherwise be refused).
bool wantsHelp(std::span<const char* const> args);
bool wantsVersion(std::span<const char* const> args);

// The version line: "shmscope-worker 0.1.0".
std::string versionLine(std::string_view program);

// argv without argv[0].
std::span<const char* const> argumentsOf(int argc, char** argv);

// --help or --version anywhere in `args` (wantsHelp first): prints `help` or the version line
// on stdout and returns the exit status 0; otherwise std::nullopt and nothing printed.
std::optional<int> answerHelpOrVersion(std::span<const char* const> args, std::string_view program,
                                       std::string_view help);

// A practically unbounded number of seconds for time flags (ten years).
inline constexpr double kMaxFlagSeconds = 10.0 * 365 * 24 * 3600;

// Value parsers that name the flag in their error.
Result<std::uint64_t> parseSizeFlag(std::string_view flag, std::string_view text, std::uint64_t min,
                                    std::uint64_t max);
Result<std::uint64_t> parseCountFlag(std::string_view flag, std::string_view text,
                                     std::uint64_t min, std::uint64_t max);
Result<double> parseSecondsFlag(std::string_view flag, std::string_view text, double min,
                                double max);
// Seconds (minSeconds … maxSeconds) as whole milliseconds, rounded to the nearest.
Result<std::chrono::milliseconds> parseMillisecondsFlag(std::string_view flag,
                                                        std::string_view text, double minSeconds,
                                                        double maxSeconds);
// A ring's slot count: kMinSlots … kMaxSlots and a power of two.
Result<std::uint64_t> parseSlotCountFlag(std::string_view flag, std::string_view text);
// A slot's payload size: kMinSlotBytes … kMaxSlotBytes and a multiple of the 64-byte cache line.
Result<std::uint64_t> parseSlotBytesFlag(std::string_view flag, std::string_view text);
// A channel name given with `flag` (validateChannelName, its message re-labelled with `flag`).
Status validateChannelFlag(std::string_view flag, std::string_view name);

// Octal permission bits, e.g. "0660" or "660", at most 0777.
Result<std::uint32_t> parseModeFlag(std::string_view flag, std::string_view text);

// Maps a keyword through `parse` (one of params.hpp's parse* functions) or says which were allowed.
template <typename T, typename Parse>
Result<T> parseKeywordFlag(std::string_view flag, std::string_view text, Parse parse,
                           std::string_view allowed) {
    if (std::optional<T> value = parse(text))
        return *value;
    return usageError(flag, concat("'", text, "' is not one of ", allowed));
}

// A value handler for FlagParser::addValue that parses with `parse(flag, value, limits...)` (one of
// the parse*Flag functions above) and stores the result into `target`, converted to its type; a
// value `parse` refuses leaves `target` as it was and returns the usage error:
//   parser.addValue("--reps", cli::store(o.reps, cli::parseCountFlag, "--reps", 1, kMaxReps));
template <typename Target, typename Parse, typename... Limits>
FlagParser::ValueHandler store(Target& target, Parse parse, std::string_view flag,
                               Limits... limits) {
    return [&target, parse, flag, limits...](std::string_view text) -> Status {
        auto value = parse(flag, text, limits...);
        if (!value)
            return value.error();
        target = static_cast<Target>(*value);
        return {};
    };
}

// Prints "program: message" to stderr (one line) and returns the exit status for the error.
int reportError(std::string_view program, const Error& error);

// Prints "program: message" to stderr (one line); for warnings and notices.
void printLine(std::string_view program, std::string_view message);

} // namespace shmscope::cli
