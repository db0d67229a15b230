// GNU-style command-line flags for the shmscope executables (CLI.md): `--name value` and
// `--name=value`, no positional arguments, every mistake an ErrorCode::Usage error naming the flag.
#pragma once

#include "shmscope/result.hpp"

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

// Value parsers that name the flag in their error.
Result<std::uint64_t> parseSizeFlag(std::string_view flag, std::string_view text, std::uint64_t min,
                                    std::uint64_t max);
Result<std::uint64_t> parseCountFlag(std::string_view flag, std::string_view text,
                                     std::uint64_t min, std::uint64_t max);
Result<double> parseSecondsFlag(std::string_view flag, std::string_view text, double min,
                                double max);
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

// Prints "program: message" to stderr (one line) and returns the exit status for the error.
int reportError(std::string_view program, const Error& error);

// Prints "program: message" to stderr (one line); for warnings and notices.
void printLine(std::string_view program, std::string_view message);

} // namespace shmscope::cli
