#include "frame.hpp"

#include "shmscope/params.hpp"

#include <cstring>

namespace shmscope::bridge {

void writeChunkHeader(std::span<std::byte> out, const FramePrefix& prefix,
                      const MessageHeader& header) {
    std::memcpy(out.data(), &prefix, sizeof prefix);
    std::memcpy(out.data() + kFramePrefixBytes, &header, sizeof header);
}

void writeEndFrame(std::span<std::byte> out, std::uint64_t stream, std::uint64_t linkSequence) {
    FramePrefix prefix;
    prefix.kind = static_cast<std::uint8_t>(FrameKind::End);
    prefix.stream = stream;
    prefix.link_sequence = linkSequence;
    std::memcpy(out.data(), &prefix, sizeof prefix);
}

ParsedFrame parseFrame(std::span<const std::byte> frame, std::uint64_t slotBytes) {
    if (frame.size() < kFramePrefixBytes)
        return BadFrame{"a frame of " + std::to_string(frame.size()) +
                        " bytes is shorter than its 32-byte prefix"};
    FramePrefix prefix;
    std::memcpy(&prefix, frame.data(), sizeof prefix);
    if (prefix.version != kFrameVersion)
        return BadFrame{"frame version " + std::to_string(prefix.version) +
                        "; this build speaks version " + std::to_string(kFrameVersion)};
    if (prefix.kind == static_cast<std::uint8_t>(FrameKind::End)) {
        if (frame.size() != kFramePrefixBytes)
            return BadFrame{"an end frame of " + std::to_string(frame.size()) +
                            " bytes (expected 32)"};
        return EndFrame{prefix};
    }
    if (prefix.kind != static_cast<std::uint8_t>(FrameKind::Chunk))
        return BadFrame{"unknown frame kind " + std::to_string(prefix.kind)};
    if (frame.size() < kChunkFrameHeaderBytes)
        return BadFrame{"a chunk frame of " + std::to_string(frame.size()) +
                        " bytes is shorter than its 96-byte header"};
    ChunkFrame chunk{prefix, {}, {}};
    std::memcpy(&chunk.header, frame.data() + kFramePrefixBytes, sizeof chunk.header);
    const std::uint64_t payloadBytes = frame.size() - kChunkFrameHeaderBytes;
    if (payloadBytes != chunk.header.payload_length)
        return BadFrame{"a chunk frame carries " + std::to_string(payloadBytes) +
                        " payload bytes but its header says " +
                        std::to_string(chunk.header.payload_length)};
    if (chunk.header.producer_record >= kMaxRecords)
        return BadFrame{"producer record " + std::to_string(chunk.header.producer_record) +
                        " is not below " + std::to_string(kMaxRecords)};
    if (prefix.slot_bytes != slotBytes)
        return BadFrame{"chunks cut for " + formatBytes(prefix.slot_bytes) +
                        " slots do not fit this channel's " + formatBytes(slotBytes) +
                        " slots (both channels need the same --slot-size)"};
    chunk.payload = frame.subspan(kChunkFrameHeaderBytes, payloadBytes);
    return chunk;
}

} // namespace shmscope::bridge
