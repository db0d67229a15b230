// The flags that name, create or attach a channel, shared by shmscope-worker and
// shmscope-bridge receive (docs/CLI.md): each parses and checks its value as both document it.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/params.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace shmscope::cli {

// A value handler that parses with `parse(flag, value, args...)` (a parse*Flag function of
// flags.hpp), stores the result into `target` and marks `given` (a GivenParams member).
template <typename Target, typename Parse, typename... Args>
FlagParser::ValueHandler storeGiven(Target& target, bool& given, Parse parse, std::string_view flag,
                                    Args... args) {
    return [&target, &given, parse, flag, args...](std::string_view text) -> Status {
        auto value = parse(flag, text, args...);
        if (!value)
            return value.error();
        target = static_cast<Target>(*value);
        given = true;
        return {};
    };
}

// The same for a keyword parameter: `parse` is one of params.hpp's parse* functions, `allowed`
// the keywords a refusal lists.
template <typename T>
FlagParser::ValueHandler storeGivenKeyword(T& target, bool& given, std::string_view flag,
                                           std::optional<T> (*parse)(std::string_view),
                                           std::string_view allowed) {
    return storeGiven(target, given, parseKeywordFlag<T, std::optional<T> (*)(std::string_view)>,
                      flag, parse, allowed);
}

// --channel NAME (validateChannelName).
void addChannelNameFlag(FlagParser& parser, std::string& channel);

// --create, --create-only and --keep.
void addLifecycleFlags(FlagParser& parser, OpenMode& mode, bool& keep);

// --sync, --delivery, --slots, --slot-size, --backpressure and --checksum: each sets its value in
// `params` and marks it in `given`.
void addRingFlags(FlagParser& parser, ChannelParams& params, GivenParams& given);

// Whether the given parameters decide the strategy combination (validateCombination): when
// creating, the given values with defaults for the rest make the channel, so they must combine;
// when attaching, omitted values come from the channel, which combine by construction, so only
// when sync, backpressure and delivery were all given.
bool combinationDecided(OpenMode mode, const GivenParams& given);

} // namespace shmscope::cli
