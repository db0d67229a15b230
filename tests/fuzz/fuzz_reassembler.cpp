// Fuzzes the consumer side of chunked messages, Reassembler::accept (core/src/reassembler.cpp):
// every header a peer writes into a slot is untrusted (docs/PROTOCOL.md, threat model).
//
// Input: one mode byte (bit 0: xxh3 checksums, bit 1: verify-only, bit 2: producers reported
// dead when asked), then chunks: a 64-byte MessageHeader, one length byte L, then up to L * 4
// payload bytes (what the ring delivered). A chunk of 64 B … 1 KiB slots.
//
// Invariants: accept never fails for anything but memory; a completed message is within the
// size limit and, unless verify-only, its bytes are exactly its length; counters add up.
#include "shmscope/chunker.hpp"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

using namespace shmscope;

constexpr std::uint64_t kChunkBytes = 256;
constexpr std::uint64_t kMaxMessageBytes = 4096;
constexpr std::size_t kPayloadUnit = 4;

void require(bool condition) {
    if (!condition)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1)
        return 0;
    const std::uint8_t mode = data[0];
    ++data;
    --size;
    const bool producersDead = (mode & 4) != 0;
    ReassemblerConfig config;
    config.chunkBytes = kChunkBytes;
    config.maxMessageBytes = kMaxMessageBytes;
    config.checksum = (mode & 1) != 0 ? ChecksumKind::Xxh3 : ChecksumKind::None;
    config.verifyOnly = (mode & 2) != 0;
    config.producerAlive = [producersDead](std::uint32_t, std::uint32_t) { return !producersDead; };
    Result<Reassembler> created = Reassembler::create(config);
    require(created.ok());
    Reassembler& reassembler = *created;

    std::uint64_t accepted = 0;
    while (size >= sizeof(MessageHeader) + 1) {
        MessageHeader header;
        std::memcpy(&header, data, sizeof header);
        const std::size_t wanted = std::size_t{data[sizeof header]} * kPayloadUnit;
        data += sizeof header + 1;
        size -= sizeof header + 1;
        const std::size_t payloadBytes = wanted < size ? wanted : size;
        const std::span<const std::byte> payload(reinterpret_cast<const std::byte*>(data),
                                                 payloadBytes);
        data += payloadBytes;
        size -= payloadBytes;

        const Result<ChunkOutcome> outcome = reassembler.accept(header, payload);
        require(outcome.ok() || outcome.error().code == ErrorCode::NoSpace);
        if (!outcome.ok())
            continue;
        ++accepted;
        if (*outcome == ChunkOutcome::Completed) {
            const CompletedMessage& message = reassembler.completed();
            require(message.totalBytes >= 1 && message.totalBytes <= kMaxMessageBytes);
            if (!config.verifyOnly)
                require(message.bytes.size() == message.totalBytes);
            volatile std::byte sink{};
            for (const std::byte b : message.bytes)
                sink = b; // every byte readable (ASan)
            (void)sink;
        }
        if (accepted % 7 == 0)
            (void)reassembler.checkProducers();
        if (accepted % 11 == 0)
            reassembler.producerDied(header.producer_record, header.incarnation);
    }
    const ChunkCounters counters = reassembler.takeCounters();
    require(counters.chunks + counters.corrupt <= accepted + counters.orphanChunks + accepted);
    return 0;
}
