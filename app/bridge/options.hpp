// shmscope-bridge's command line (docs/CLI.md): the direction word, then flags.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"
#include "shmscope/result.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace shmscope::bridge {

inline constexpr std::string_view kProgram = "shmscope-bridge";

enum class Direction {
    Send,    // read the channel as a consumer, forward over ZeroMQ
    Receive, // take frames from ZeroMQ, republish them as a producer
};

// Which ZeroMQ pattern carries the frames: PUSH/PULL (each frame to one receiver) or PUB/SUB
// (every receiver gets every frame). Auto: queue for a queue channel, broadcast for a broadcast
// channel (this side's channel; both sides must agree).
enum class Pattern { Auto, Queue, Broadcast };

struct BridgeOptions {
    Direction direction = Direction::Send;
    std::string channel;
    std::string endpoint; // a ZeroMQ endpoint, tcp://HOST:PORT (tcp://HOST:* binds any free port)
    bool bind = false;    // --bind ENDPOINT, else --connect ENDPOINT
    Pattern pattern = Pattern::Auto;

    // receive: channel lifecycle and parameters, as shmscope-worker's.
    OpenMode openMode = OpenMode::Attach;
    bool keep = false;
    ChannelParams params;
    GivenParams given;

    std::optional<std::uint64_t> count; // send: forward this many messages, then end
    bool exitOnEnd = false;             // receive: end when a sender's stream ends
    std::chrono::milliseconds attachTimeout{5000};
    std::chrono::milliseconds heartbeat{1000}; // ZMQ_HEARTBEAT_IVL; the timeout is 3 of these
    std::uint32_t highWater = 1000;            // ZMQ_SNDHWM / ZMQ_RCVHWM, frames
    bool json = false;
};

// Parses argv (without argv[0]): `send` or `receive`, then flags. Every problem is an
// ErrorCode::Usage error naming the flag.
Result<BridgeOptions> parseBridgeOptions(std::span<const char* const> args);

// The --help text.
std::string_view bridgeHelp();

} // namespace shmscope::bridge
