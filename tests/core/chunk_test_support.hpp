// Helpers shared by the chunking tests: payload pools, chunkers and reassemblers with the test's
// slot size, and chunks copied out as they would sit in slots.
#pragma once

#include "shmscope/chunker.hpp"
#include "shmscope/params.hpp"
#include "shmscope/payload.hpp"

#include <QTest>
#include <map>
#include <vector>

namespace chunk_test {

using namespace shmscope;

inline constexpr std::uint64_t kSlotBytes = 64 * KiB;

inline PayloadPool& poolFor(PayloadKind kind) {
    static std::map<PayloadKind, PayloadPool> pools;
    auto found = pools.find(kind);
    if (found == pools.end()) {
        Result<PayloadPool> pool = PayloadPool::create(kind, 7, 4 * MiB);
        if (!pool)
            qFatal("%s", pool.error().message.c_str());
        found = pools.emplace(kind, std::move(*pool)).first;
    }
    return found->second;
}

inline MessageHeader identity(std::uint32_t record, std::uint32_t incarnation,
                              std::uint64_t sequence) {
    MessageHeader header{};
    header.producer_record = record;
    header.incarnation = incarnation;
    header.sequence = sequence;
    return header;
}

inline Chunker makeChunker(CompressMode mode, std::uint64_t slotBytes = kSlotBytes) {
    ChunkerConfig config;
    config.chunkBytes = slotBytes;
    config.compress = mode;
    Result<Chunker> chunker = Chunker::create(config);
    if (!chunker)
        qFatal("%s", chunker.error().message.c_str());
    return std::move(*chunker);
}

inline Reassembler makeReassembler(bool verifyOnly, std::uint64_t slotBytes = kSlotBytes,
                                   std::uint64_t maxMessageBytes = 1 * GiB) {
    ReassemblerConfig config;
    config.chunkBytes = slotBytes;
    config.maxMessageBytes = maxMessageBytes;
    config.verifyOnly = verifyOnly;
    Result<Reassembler> reassembler = Reassembler::create(std::move(config));
    if (!reassembler)
        qFatal("%s", reassembler.error().message.c_str());
    return std::move(*reassembler);
}

// A chunk as it would sit in a slot: header plus a private copy of the stored bytes.
struct SlotCopy {
    MessageHeader header{};
    std::vector<std::byte> payload;
};

inline std::vector<SlotCopy> chunksOf(Chunker& chunker, const MessageHeader& who,
                                      std::uint64_t bytes, ChunkSource source) {
    std::vector<SlotCopy> chunks;
    if (!chunker.begin(who, bytes, std::move(source)))
        qFatal("begin failed");
    while (!chunker.done()) {
        Result<Chunk> chunk = chunker.next();
        if (!chunk)
            qFatal("%s", chunk.error().message.c_str());
        chunks.push_back({chunk->header, {chunk->payload.begin(), chunk->payload.end()}});
    }
    return chunks;
}

// A valid 4-chunk text message, compressed or not, for the hostile-header cases.
inline std::vector<SlotCopy> fourChunks(CompressMode mode) {
    Chunker chunker = makeChunker(mode);
    return chunksOf(chunker, identity(3, 1, 10), 3 * kSlotBytes + 100,
                    poolFor(PayloadKind::Text).messageSource(3 * kSlotBytes + 100));
}

inline void resum(SlotCopy& chunk) {
    chunk.header.chunk_checksum = checksum64(
        std::span(chunk.payload)
            .first(std::min<std::size_t>(chunk.header.payload_length, chunk.payload.size())));
}

} // namespace chunk_test
