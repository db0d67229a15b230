// shmscope-worker's command line (docs/CLI.md): every flag, its default and its static limits.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/codec.hpp"
#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"
#include "shmscope/payload.hpp"
#include "shmscope/result.hpp"
#include "shmscope/wait.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace shmscope::worker {

inline constexpr std::string_view kProgram = "shmscope-worker";

// Where a consumer starts reading (--from); Default: docs/CLI.md's default for the channel's
// delivery and transport, known only once attached.
enum class StartFrom { Default, Oldest, Latest };

struct WorkerOptions {
    Role role = Role::None;
    std::string channel;

    // Channel lifecycle and parameters (used when creating, compared when given and attaching).
    OpenMode openMode = OpenMode::Attach;
    bool keep = false;
    ChannelParams params;
    GivenParams given;
    bool allowOtherOwner = false;
    std::string path; // --transport file: the data file (control at path + ".ctl")
    bool msync = false;

    // Process settings.
    WaitPolicy wait;
    std::uint64_t messageBytes = 4 * KiB;
    std::uint64_t rateHz = 0;           // 0 = as fast as possible
    std::optional<std::uint64_t> count; // messages to send or receive
    std::optional<double> durationSeconds;
    PayloadKind payload = PayloadKind::Random;
    CompressMode compress = CompressMode::None;
    int zstdLevel = kDefaultZstdLevel;
    bool zeroCopy = false;
    StartFrom from = StartFrom::Default;
    std::uint32_t waitConsumers = 0;
    std::uint64_t maxMessageBytes = 1 * GiB;
    std::chrono::milliseconds attachTimeout{5000};
    std::uint64_t stallTimeoutNs = 2'000'000'000;
    std::uint32_t holdLockMs = 0;
    bool json = false;
};

// Parses argv (without argv[0]). Every problem is an ErrorCode::Usage error naming the flag;
// a combination docs/PROTOCOL.md rejects is one as well.
Result<WorkerOptions> parseWorkerOptions(std::span<const char* const> args);

// --zero-copy needs a ring with loans and views: spsc, mpmc or mutex under queue delivery.
Status checkZeroCopy(const ChannelParams& params);

// The --help text.
std::string_view workerHelp();

} // namespace shmscope::worker
