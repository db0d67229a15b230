// The consumer side of chunked messages (chunker.hpp). The rule throughout: copy the header, check
// it against what this consumer knows (chunk geometry, --max-msg-size, the producer's partial
// message), and only then touch memory at an offset derived from the validated index.
#include "shmscope/chunker.hpp"
#include "shmscope/params.hpp"

#include <algorithm>
#include <cstring>
#include <new>
#include <string>

namespace shmscope {
namespace {

constexpr std::uint32_t kKnownMessageFlags =
    kMsgCompressed | kMsgLastChunk | kMsgAbandoned | kMsgRelayed;

// Uncompressed bytes chunk `index` carries; the header's count and index are already checked.
std::uint64_t sliceBytes(std::uint64_t total, std::uint64_t chunkBytes, std::uint32_t index) {
    return std::min(chunkBytes, total - std::uint64_t{index} * chunkBytes);
}

// Everything a chunk header must satisfy on its own, before any context is consulted.
bool wellShaped(const MessageHeader& header, std::span<const std::byte> payload,
                const ReassemblerConfig& config) {
    if ((header.flags & ~kKnownMessageFlags) != 0)
        return false;
    if (header.chunk_count == 0 || header.total_length == 0 ||
        header.total_length > config.maxMessageBytes)
        return false;
    const std::uint64_t count = header.total_length <= config.chunkBytes
                                    ? 1 // the common small message: no division
                                    : (header.total_length + config.chunkBytes - 1) / config.chunkBytes;
    if (count != header.chunk_count || header.chunk_index >= header.chunk_count)
        return false;
    const bool last = header.chunk_index + 1 == header.chunk_count;
    if (last != ((header.flags & kMsgLastChunk) != 0))
        return false;
    if (header.payload_length > config.chunkBytes || header.payload_length > payload.size())
        return false;
    const std::uint64_t slice =
        sliceBytes(header.total_length, config.chunkBytes, header.chunk_index);
    if ((header.flags & kMsgCompressed) != 0) // stored compressed only when it shrank
        return header.payload_length > kCompressedPrefixBytes && header.payload_length < slice;
    return header.payload_length == slice;
}

} // namespace

struct Reassembler::Context {
    bool open = false; // a message is partly assembled
    std::uint32_t incarnation = 0;
    std::uint64_t sequence = 0;
    std::uint64_t totalBytes = 0;
    std::uint32_t chunkCount = 0;
    std::uint32_t nextIndex = 0;
    std::uint64_t firstCommitNs = 0;
    bool gapPossible = false; // the ring skipped slots since this message began (slotsSkipped)
    bool relayed = false;     // kMsgRelayed: the record names the origin, not a local process
    StreamingChecksum checksum;
    std::unique_ptr<std::byte[]> buffer; // store mode: grows up to maxMessageBytes, reused
    std::uint64_t capacity = 0;
};

Result<Reassembler> Reassembler::create(ReassemblerConfig config) {
    if (config.chunkBytes < kMinSlotBytes || config.chunkBytes > kMaxSlotBytes ||
        config.chunkBytes % kCacheLine != 0)
        return makeError(ErrorCode::Usage,
                         "chunk size " + std::to_string(config.chunkBytes) +
                             " is not a slot size (multiple of 64, 64 B … 1 GiB)");
    if (config.maxMessageBytes < kMinMessageBytes || config.maxMessageBytes > kMaxMessageBytes)
        return makeError(ErrorCode::Usage, "--max-msg-size " +
                                               std::to_string(config.maxMessageBytes) +
                                               " is outside 1 B … 64 GiB");
    return Reassembler(std::move(config));
}

Reassembler::Reassembler(ReassemblerConfig config)
    : config_(std::move(config)), codec_(std::make_unique<ChunkCodec>()) {}

Reassembler::~Reassembler() = default;
Reassembler::Reassembler(Reassembler&&) noexcept = default;
Reassembler& Reassembler::operator=(Reassembler&&) noexcept = default;

Result<ChunkOutcome> Reassembler::accept(const MessageHeader& received,
                                         std::span<const std::byte> payload) {
    const MessageHeader header = received; // one copy: every check below sees the same values
    completed_ = {};
    if (header.producer_record >= kMaxRecords)
        return reject(nullptr);
    std::unique_ptr<Context>& slot = contexts_[header.producer_record];
    if (!slot)
        slot = std::make_unique<Context>();
    Context& context = *slot;
    const bool sameMessage = context.open && context.incarnation == header.incarnation &&
                             context.sequence == header.sequence;

    if ((header.flags & kMsgAbandoned) != 0) {
        if (sameMessage) {
            ++counters_.incomplete;
            discard(context);
        }
        return ChunkOutcome::Discarded;
    }
    if (!wellShaped(header, payload, config_))
        return reject(&context);
    const std::span<const std::byte> stored = payload.first(header.payload_length);
    if (config_.checksum == ChecksumKind::Xxh3 && checksum64(stored) != header.chunk_checksum)
        return reject(&context);

    if (context.open && context.incarnation != header.incarnation) {
        // A record hosts one incarnation at a time: a newer one means the older producer died.
        ++counters_.incomplete;
        discard(context);
    }
    if (header.chunk_count == 1 && (header.flags & kMsgCompressed) == 0 && !context.open) {
        // A whole message in one raw chunk while nothing of its producer is open: what
        // acceptValid() would do, without opening a context (it would be closed again at once).
        if (config_.checksum == ChecksumKind::Xxh3 && header.message_checksum != header.chunk_checksum)
            return reject(&context);
        ++counters_.chunks;
        completed_.header = header;
        completed_.firstCommitNs = header.commit_ns;
        completed_.totalBytes = header.total_length;
        if (!config_.verifyOnly)
            completed_.bytes = stored;
        return ChunkOutcome::Completed;
    }
    if (header.chunk_index == 0) {
        if (context.open) {
            ++counters_.interrupted;
            discard(context);
        }
        context.open = true;
        context.incarnation = header.incarnation;
        context.sequence = header.sequence;
        context.totalBytes = header.total_length;
        context.chunkCount = header.chunk_count;
        context.nextIndex = 0;
        context.firstCommitNs = header.commit_ns;
        context.gapPossible = false;
        context.relayed = (header.flags & kMsgRelayed) != 0;
        context.checksum.reset();
    } else if (!context.open) {
        ++counters_.orphanChunks;
        return ChunkOutcome::Discarded;
    } else if (context.gapPossible && skippedAhead(context, header)) {
        // The ring skipped slots (drop-oldest overrun, a slot lost to a crash) and counted them:
        // the partial message is cut off, and this chunk belongs to a message whose start is gone.
        ++counters_.interrupted;
        discard(context);
        ++counters_.orphanChunks;
        return ChunkOutcome::Discarded;
    } else if (!sameMessage || context.totalBytes != header.total_length ||
               context.chunkCount != header.chunk_count ||
               context.nextIndex != header.chunk_index) {
        return reject(&context); // a gap, a duplicate, or a message that changed its shape
    }
    return acceptValid(context, header, stored);
}

void Reassembler::slotsSkipped() {
    for (std::unique_ptr<Context>& context : contexts_) {
        if (context && context->open)
            context->gapPossible = true;
    }
}

bool Reassembler::skippedAhead(const Context& context, const MessageHeader& header) {
    if (context.incarnation != header.incarnation)
        return false;
    if (header.sequence > context.sequence)
        return true; // a later message of the same producer
    return header.sequence == context.sequence && header.chunk_index > context.nextIndex &&
           header.total_length == context.totalBytes && header.chunk_count == context.chunkCount;
}

Result<ChunkOutcome> Reassembler::acceptValid(Context& context, const MessageHeader& header,
                                              std::span<const std::byte> stored) {
    const bool compressed = (header.flags & kMsgCompressed) != 0;
    const bool last = header.chunk_index + 1 == header.chunk_count;
    const std::uint64_t offset = std::uint64_t{header.chunk_index} * config_.chunkBytes;
    const auto slice = static_cast<std::size_t>(
        sliceBytes(header.total_length, config_.chunkBytes, header.chunk_index));
    const bool singleRaw = header.chunk_count == 1 && !compressed;

    // Where the uncompressed chunk lands: the message buffer, the scratch chunk (verify-only), or
    // nowhere (raw chunks are checked in place; a raw single chunk is its own message).
    std::span<std::byte> destination;
    if (!config_.verifyOnly && !singleRaw) {
        if (header.chunk_index == 0) {
            if (Status grown = ensureCapacity(context, header.total_length); !grown) {
                discard(context);
                return grown.error();
            }
        }
        destination = {context.buffer.get() + offset, slice}; // offset + slice <= total <= capacity
    } else if (compressed) {
        if (!scratch_)
            scratch_.reset(new (std::nothrow) std::byte[config_.chunkBytes]);
        if (!scratch_) {
            discard(context);
            return makeError(ErrorCode::NoSpace, "no memory for a decompression buffer");
        }
        destination = {scratch_.get(), slice};
    }

    std::span<const std::byte> uncompressed = stored;
    if (compressed) {
        std::uint64_t codecNs = 0;
        const Status decoded = codec_->decode(stored, destination, codecNs);
        counters_.codecNs += codecNs;
        if (!decoded)
            return reject(&context);
        counters_.bytesCompressed += stored.size();
        counters_.bytesUncompressed += slice;
        uncompressed = destination;
    } else if (!destination.empty()) {
        std::memcpy(destination.data(), stored.data(), slice);
    }

    if (config_.checksum == ChecksumKind::Xxh3) {
        if (singleRaw) {
            // The chunk checksum already covered exactly these bytes.
            if (header.message_checksum != header.chunk_checksum)
                return reject(&context);
        } else {
            // The message checksum is xxh3 over the chunks' own checksums of their uncompressed
            // bytes (chunker.cpp): for a raw chunk that is the chunk checksum just verified.
            const std::uint64_t sliceChecksum = compressed ? checksum64(uncompressed) : header.chunk_checksum;
            context.checksum.update(std::as_bytes(std::span(&sliceChecksum, 1)));
            if (last && context.checksum.digest() != header.message_checksum)
                return reject(&context);
        }
    }
    ++counters_.chunks;
    context.nextIndex = header.chunk_index + 1;
    if (!last)
        return ChunkOutcome::Accepted;

    context.open = false;
    if (header.chunk_count > 1)
        ++counters_.reassembled;
    completed_.header = header;
    completed_.firstCommitNs = context.firstCommitNs;
    completed_.totalBytes = header.total_length;
    if (!config_.verifyOnly)
        completed_.bytes =
            singleRaw ? stored
                      : std::span<const std::byte>(context.buffer.get(),
                                                   static_cast<std::size_t>(header.total_length));
    return ChunkOutcome::Completed;
}

ChunkOutcome Reassembler::reject(Context* context) {
    ++counters_.corrupt;
    if (context != nullptr && context->open)
        discard(*context);
    return ChunkOutcome::Corrupt;
}

void Reassembler::discard(Context& context) {
    context.open = false;
    context.nextIndex = 0;
}

Status Reassembler::ensureCapacity(Context& context, std::uint64_t bytes) {
    if (bytes <= context.capacity)
        return {};
    // Grow geometrically so that slowly growing sizes do not reallocate every message, never
    // beyond the limit (bytes <= maxMessageBytes was checked with the header).
    const std::uint64_t wanted =
        std::min(std::max(bytes, context.capacity * 2), config_.maxMessageBytes);
    context.buffer.reset();
    context.capacity = 0;
    context.buffer.reset(new (std::nothrow) std::byte[wanted]);
    if (!context.buffer)
        return makeError(ErrorCode::NoSpace,
                         "no memory to reassemble a " + formatBytes(bytes) + " message");
    context.capacity = wanted;
    return {};
}

void Reassembler::producerDied(std::uint32_t record, std::uint32_t incarnation) {
    if (record >= kMaxRecords || !contexts_[record])
        return;
    Context& context = *contexts_[record];
    if (context.open && context.incarnation == incarnation) {
        ++counters_.incomplete;
        discard(context);
    }
}

std::size_t Reassembler::checkProducers() {
    if (!config_.producerAlive)
        return 0;
    std::size_t discarded = 0;
    for (std::uint32_t record = 0; record < kMaxRecords; ++record) {
        Context* context = contexts_[record].get();
        if (context == nullptr || !context->open || context->relayed)
            continue; // a relayed message's origin is no record of this channel
        if (!config_.producerAlive(record, context->incarnation)) {
            ++counters_.incomplete;
            discard(*context);
            ++discarded;
        }
    }
    return discarded;
}

std::size_t Reassembler::partialMessages() const {
    return static_cast<std::size_t>(
        std::count_if(contexts_.begin(), contexts_.end(),
                      [](const auto& context) { return context && context->open; }));
}

ChunkCounters Reassembler::takeCounters() {
    const ChunkCounters taken = counters_;
    counters_ = {};
    return taken;
}

} // namespace shmscope
