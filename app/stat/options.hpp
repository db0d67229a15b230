// shmscope-stat's command line (docs/CLI.md).
#pragma once

#include "shmscope/result.hpp"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace shmscope::stat {

inline constexpr std::string_view kProgram = "shmscope-stat";

enum class Command { Watch, List, Gc, Remove, Serve };

struct StatOptions {
    Command command = Command::Watch;
    std::string channel; // --channel (watch, serve) or --rm NAME
    bool once = false;
    bool json = false;
    std::uint32_t intervalMs = 1000;
    std::string serveHost; // --serve ADDRESS:PORT
    std::uint16_t servePort = 0;
};

inline constexpr std::uint32_t kMinIntervalMs = 10;
inline constexpr std::uint32_t kMaxIntervalMs = 3'600'000;

Result<StatOptions> parseStatOptions(std::span<const char* const> args);
std::string_view statHelp();

} // namespace shmscope::stat
