#include "shmscope/chunker.hpp"

#include "shmscope/copy.hpp"
#include "shmscope/params.hpp"

#include <cstring>
#include <new>
#include <string>

namespace shmscope {

void ChunkCounters::addTo(RecordWriter& stats) const {
    const auto addIf = [&stats](Counter counter, std::uint64_t amount) {
        if (amount != 0)
            stats.add(counter, amount);
    };
    addIf(Counter::Chunks, chunks);
    addIf(Counter::Reassembled, reassembled);
    addIf(Counter::Corrupt, corrupt);
    addIf(Counter::Incomplete, incomplete);
    addIf(Counter::BytesUncompressed, bytesUncompressed);
    addIf(Counter::BytesCompressed, bytesCompressed);
    addIf(Counter::CodecNs, codecNs);
}

Result<Chunker> Chunker::create(const ChunkerConfig& config) {
    if (config.chunkBytes < kMinSlotBytes || config.chunkBytes > kMaxSlotBytes ||
        config.chunkBytes % kCacheLine != 0)
        return makeError(ErrorCode::Usage,
                         "chunk size " + std::to_string(config.chunkBytes) +
                             " is not a slot size (multiple of 64, 64 B … 1 GiB)");
    if (config.compress != CompressMode::None &&
        (config.zstdLevel < kMinZstdLevel || config.zstdLevel > kMaxZstdLevel))
        return makeError(ErrorCode::Usage,
                         "--zstd-level " + std::to_string(config.zstdLevel) + " is outside 1 … 19");
    return Chunker(config);
}

Chunker::Chunker(const ChunkerConfig& config)
    : config_(config), messageChecksum_(std::make_unique<StreamingChecksum>()) {
    if (config_.compress != CompressMode::None)
        codec_ = std::make_unique<ChunkCodec>(config_.zstdLevel);
}

Status Chunker::begin(const MessageHeader& identity, std::uint64_t totalBytes, ChunkSource source) {
    if (totalBytes < kMinMessageBytes || totalBytes > kMaxMessageBytes)
        return makeError(ErrorCode::Usage,
                         "message size " + std::to_string(totalBytes) + " is outside 1 B … 64 GiB");
    if (!source)
        return makeError(ErrorCode::Usage, "a message needs a source of bytes");
    identity_ = identity;
    totalBytes_ = totalBytes;
    // At most 2^30 chunks: 64 GiB in 64-byte chunks.
    chunkCount_ = totalBytes <= config_.chunkBytes
                      ? 1u // the common small message: no divide
                      : static_cast<std::uint32_t>((totalBytes + config_.chunkBytes - 1) / config_.chunkBytes);
    nextIndex_ = 0;
    source_ = std::move(source);
    // A single raw chunk's message checksum is its chunk checksum: no streaming state to reset.
    if (config_.checksum == ChecksumKind::Xxh3 && (chunkCount_ > 1 || config_.compress != CompressMode::None))
        messageChecksum_->reset();
    return {};
}

std::span<std::byte> Chunker::staging() {
    if (!staging_)
        staging_.reset(new (std::nothrow) std::byte[config_.chunkBytes]);
    if (!staging_)
        return {};
    return {staging_.get(), static_cast<std::size_t>(config_.chunkBytes)};
}

Result<std::span<const std::byte>> Chunker::produce(MessageHeader& header,
                                                    std::span<std::byte> output, bool copyRaw) {
    if (done())
        return makeError(ErrorCode::Usage, "no message in progress");
    const std::uint64_t offset = std::uint64_t{nextIndex_} * config_.chunkBytes;
    const auto bytes = static_cast<std::size_t>(std::min(config_.chunkBytes, totalBytes_ - offset));
    const std::span<const std::byte> input = source_(offset, bytes);
    if (input.size() != bytes)
        return makeError(ErrorCode::Usage, "the payload source returned " +
                                               std::to_string(input.size()) + " bytes, not " +
                                               std::to_string(bytes));

    bool useCodec = false;
    CodecKind codecKind = CodecKind::Lz4;
    switch (config_.compress) {
    case CompressMode::None:
        break;
    case CompressMode::Lz4:
        useCodec = true;
        break;
    case CompressMode::Zstd:
        useCodec = true;
        codecKind = CodecKind::Zstd;
        break;
    case CompressMode::Auto:
        useCodec = autoPolicy_.shouldCompress(bytes);
        codecKind = config_.autoCodec;
        break;
    }

    std::span<const std::byte> payload = input;
    bool compressed = false;
    if (useCodec) {
        if (output.size() < bytes)
            return makeError(ErrorCode::System, "no memory for a chunk");
        const EncodedChunk encoded = codec_->encode(codecKind, input, output);
        payload = output.first(encoded.storedBytes);
        compressed = encoded.compressed;
        counters_.bytesUncompressed += bytes;
        counters_.bytesCompressed += encoded.storedBytes;
        counters_.codecNs += encoded.codecNs;
        if (config_.compress == CompressMode::Auto)
            autoPolicy_.recordCodec(bytes, encoded.storedBytes, encoded.codecNs);
    } else if (copyRaw) {
        if (output.size() < bytes)
            return makeError(ErrorCode::Usage, "slot smaller than a chunk");
        copyBytes(output.data(), input.data(), bytes);
        payload = output.first(bytes);
    }

    header = identity_;
    header.chunk_index = nextIndex_;
    header.chunk_count = chunkCount_;
    header.total_length = totalBytes_;
    header.payload_length = static_cast<std::uint32_t>(payload.size());
    header.flags = compressed ? kMsgCompressed : 0u;
    header.commit_ns = 0;
    header.chunk_checksum = 0;
    header.message_checksum = 0;
    const bool last = nextIndex_ + 1 == chunkCount_;
    if (last)
        header.flags |= kMsgLastChunk;
    if (config_.checksum == ChecksumKind::Xxh3) {
        header.chunk_checksum = checksum64(payload);
        if (chunkCount_ == 1 && !compressed) {
            header.message_checksum = header.chunk_checksum; // same bytes, same xxh3
        } else {
            // The message checksum is xxh3 over the chunks' checksums of their uncompressed
            // bytes, so that a raw chunk is read once, not twice: its chunk checksum already
            // covers exactly those bytes. Only compressed chunks need a pass over their input.
            const std::uint64_t sliceChecksum = compressed ? checksum64(input) : header.chunk_checksum;
            messageChecksum_->update(std::as_bytes(std::span(&sliceChecksum, 1)));
            if (last)
                header.message_checksum = messageChecksum_->digest();
        }
    }
    ++nextIndex_;
    ++counters_.chunks;
    return payload;
}

Result<MessageHeader> Chunker::single(const MessageHeader& identity, std::span<const std::byte> payload) {
    if (!singleFits(payload.size()))
        return makeError(ErrorCode::Usage, "a single chunk of " + std::to_string(payload.size()) +
                                               " bytes, uncompressed, in chunks of " +
                                               std::to_string(config_.chunkBytes));
    MessageHeader header = identity;
    header.chunk_index = 0;
    header.chunk_count = 1;
    header.total_length = payload.size();
    header.payload_length = static_cast<std::uint32_t>(payload.size());
    header.flags = kMsgLastChunk;
    header.commit_ns = 0;
    header.chunk_checksum = config_.checksum == ChecksumKind::Xxh3 ? checksum64(payload) : 0;
    header.message_checksum = header.chunk_checksum; // one raw chunk: the same bytes
    nextIndex_ = chunkCount_ = 0; // no message in progress
    ++counters_.chunks;
    return header;
}

Result<Chunk> Chunker::next() {
    Chunk chunk;
    const bool needsStaging = config_.compress != CompressMode::None;
    Result<std::span<const std::byte>> payload =
        produce(chunk.header, needsStaging ? staging() : std::span<std::byte>{}, false);
    if (!payload)
        return payload.error();
    chunk.payload = *payload;
    return chunk;
}

Result<MessageHeader> Chunker::nextInto(std::span<std::byte> slot) {
    MessageHeader header{};
    Result<std::span<const std::byte>> payload = produce(header, slot, true);
    if (!payload)
        return payload.error();
    return header;
}

MessageHeader Chunker::abandon() {
    MessageHeader header = identity_;
    header.chunk_index = nextIndex_;
    header.chunk_count = chunkCount_;
    header.total_length = totalBytes_;
    header.payload_length = 0;
    header.flags = kMsgAbandoned;
    header.commit_ns = 0;
    header.chunk_checksum = 0;
    header.message_checksum = 0;
    nextIndex_ = chunkCount_;
    return header;
}

void Chunker::recordTransport(std::uint64_t bytes, std::uint64_t transportNs) {
    if (config_.compress == CompressMode::Auto)
        autoPolicy_.recordTransport(bytes, transportNs);
}

ChunkCounters Chunker::takeCounters() {
    const ChunkCounters taken = counters_;
    counters_ = {};
    return taken;
}

} // namespace shmscope
