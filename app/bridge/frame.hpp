// The frames shmscope-bridge sends between hosts (docs/BRIDGE.md): one ZeroMQ message per chunk,
// a 32-byte prefix with a version byte, then the chunk's 64-byte message header as it was in the
// slot and its payload. Little-endian, as the slot itself (x86-64 only, like the channel).
#pragma once

#include "shmscope/layout.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <variant>

namespace shmscope::bridge {

inline constexpr std::uint8_t kFrameVersion = 2; // 2: the message header of layout 2.0
inline constexpr std::size_t kFramePrefixBytes = 32;
inline constexpr std::size_t kChunkFrameHeaderBytes = kFramePrefixBytes + kMessageHeaderBytes;

enum class FrameKind : std::uint8_t {
    Chunk = 1, // one chunk of a message: prefix, MessageHeader, payload
    End = 2,   // the sender's stream ended (its producers closed); prefix only
};

// The fixed start of every frame.
struct FramePrefix {
    std::uint8_t version = kFrameVersion;
    std::uint8_t kind = 0;           // FrameKind
    std::uint16_t reserved16 = 0;    // zero
    std::uint32_t reserved32 = 0;    // zero
    std::uint64_t stream = 0;        // random per sender run: tells a restarted sender apart
    std::uint64_t link_sequence = 0; // frame number within the stream, from 1
    std::uint64_t slot_bytes = 0;    // chunk: the origin channel's slot_payload_bytes; end: 0
};
static_assert(sizeof(FramePrefix) == kFramePrefixBytes);

// Writes a chunk frame's first kChunkFrameHeaderBytes bytes into `out` (at least that long); the
// payload goes right after them.
void writeChunkHeader(std::span<std::byte> out, const FramePrefix& prefix,
                      const MessageHeader& header);
// An end frame: exactly kFramePrefixBytes bytes.
void writeEndFrame(std::span<std::byte> out, std::uint64_t stream, std::uint64_t linkSequence);

struct ChunkFrame {
    FramePrefix prefix;
    MessageHeader header{};
    std::span<const std::byte> payload; // exactly header.payload_length bytes, in the frame
};
struct EndFrame {
    FramePrefix prefix;
};
struct BadFrame {
    std::string why; // one line: what did not parse
};
using ParsedFrame = std::variant<ChunkFrame, EndFrame, BadFrame>;

// Parses a received frame without trusting any of it: the version, the kind, the exact size and
// the header's bounds. `slotBytes`: this side's slot payload bytes, which the chunk must fit.
ParsedFrame parseFrame(std::span<const std::byte> frame, std::uint64_t slotBytes);

} // namespace shmscope::bridge
