// Chunked messages (docs/PROTOCOL.md): a message of any length (1 B … 64 GiB) travels as slot-sized
// chunks, each with its own MessageHeader. The Chunker splits on the producer side; the Reassembler
// puts messages back together on the consumer side without trusting any header.
//
// Chunk geometry is fixed by the channel: chunk i carries the uncompressed message bytes
// [i * chunkBytes, min(total, (i + 1) * chunkBytes)), chunkBytes = the slot's payload bytes, so
// chunk_count = ceil(total_length / chunkBytes). Both sides derive every offset from the index;
// a header that disagrees is corrupt. A compressed chunk (codec.hpp) decodes to exactly its slice.
#pragma once

#include "shmscope/checksum.hpp"
#include "shmscope/codec.hpp"
#include "shmscope/layout.hpp"
#include "shmscope/result.hpp"
#include "shmscope/stats.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

namespace shmscope {

// What chunking did since the last take; add() it to the process's stats record.
struct ChunkCounters {
    std::uint64_t chunks = 0;            // chunks produced or accepted (valid ones)
    std::uint64_t reassembled = 0;       // consumer: multi-chunk messages completed
    std::uint64_t corrupt = 0;           // consumer: chunks that failed validation
    std::uint64_t incomplete = 0;        // consumer: partial messages of dead/abandoning producers
    std::uint64_t interrupted = 0;       // consumer: partial messages cut off by the next message's
                                         // first chunk (the ring skipped the rest: drop-oldest,
                                         // overrun; the ring counts those) — not in the record
    std::uint64_t orphanChunks = 0;      // consumer: chunks of a message whose start it never saw
                                         // (joined late, or after a discard) — not in the record
    std::uint64_t bytesUncompressed = 0; // codec input (producer) / output (consumer)
    std::uint64_t bytesCompressed = 0; // stored bytes out of (producer) / into (consumer) the codec
    std::uint64_t codecNs = 0;         // time in the codec

    // Adds the counters that have a place in the stats record (Counter::Chunks, Reassembled,
    // Corrupt, Incomplete, BytesUncompressed, BytesCompressed, CodecNs).
    void addTo(RecordWriter& stats) const;
};

// --- producer side ----------------------------------------------------------------------------

// Where a message's bytes come from: a contiguous view of `bytes` bytes (at most one chunk) at
// `offset` in the message, valid until the next call. The source need not hold the whole message:
// PayloadPool::source() serves any length from a wrap-around pool.
using ChunkSource =
    std::function<std::span<const std::byte>(std::uint64_t offset, std::size_t bytes)>;

struct ChunkerConfig {
    std::uint64_t chunkBytes = 0; // the slot's payload bytes (multiple of 64)
    ChecksumKind checksum = ChecksumKind::Xxh3;
    CompressMode compress = CompressMode::None;
    int zstdLevel = kDefaultZstdLevel;
    CodecKind autoCodec = CodecKind::Lz4; // what --compress auto applies when it pays
};

// One chunk ready to publish. `payload` points into the source (raw chunks: no copy) or into the
// chunker's staging buffer (compressed chunks); valid until the next call on the Chunker.
struct Chunk {
    MessageHeader header{};
    std::span<const std::byte> payload;
};

// Producer side, in a producer process, one thread per Chunker. Usage: begin(), then next() or
// nextInto() until done(); each result is one slot. Errors are Usage errors for calls out of
// order or arguments out of range (none when used as documented) and System when memory for a
// compressed chunk is not there.
// The message checksum goes into the last chunk's header: xxh3, computed streaming, over the
// sequence of the chunks' xxh3 checksums of their uncompressed bytes. A raw chunk's checksum is
// its chunk checksum, so raw data is read once, never twice; a single raw chunk's message
// checksum equals its chunk checksum.
class Chunker {
public:
    // chunkBytes must be a multiple of 64 within the slot limits (an ErrorCode::Usage error).
    static Result<Chunker> create(const ChunkerConfig& config);

    // Starts a message. `identity` supplies producer_record, incarnation and sequence; the chunk
    // fields are the chunker's. totalBytes: 1 … kMaxMessageBytes; `source` must be set (else
    // a Usage error). A message still in progress is dropped.
    Status begin(const MessageHeader& identity, std::uint64_t totalBytes, ChunkSource source);

    // The one chunk of a message that fits a slot and is not compressed (compress none), without
    // begin(): the header for `payload` sent raw, as begin() + next() would make it (checksums
    // included). The small-message path: no source, no state. Producer process only.
    // Preconditions (checked, ErrorCode::Usage): 1 <= payload.size() <= chunkBytes, compress none.
    Result<MessageHeader> single(const MessageHeader& identity, std::span<const std::byte> payload);
    [[nodiscard]] bool singleFits(std::uint64_t bytes) const
    {
        return config_.compress == CompressMode::None && bytes != 0 && bytes <= config_.chunkBytes;
    }

    [[nodiscard]] bool done() const { return nextIndex_ >= chunkCount_; }
    [[nodiscard]] std::uint32_t chunkCount() const { return chunkCount_; }

    // The next chunk as a view (for RingProducer::push). Usage error without a message in
    // progress or when the source returns fewer bytes than asked.
    Result<Chunk> next();
    // The next chunk written into `slot` (a zero-copy loan of chunkBytes); returns its header.
    // Errors as next(), and Usage for a slot smaller than a chunk.
    Result<MessageHeader> nextInto(std::span<std::byte> slot);

    // The header of a zero-length chunk telling consumers that the message in progress will not
    // be finished (kMsgAbandoned; docs/PROTOCOL.md: SIGTERM mid-message). Ends the message.
    MessageHeader abandon();

    // --compress auto: how long moving `bytes` took on the transport (push/commit, waits included).
    void recordTransport(std::uint64_t bytes, std::uint64_t transportNs);
    [[nodiscard]] const AutoCompressInputs& autoInputs() const { return autoPolicy_.inputs(); }

    // Counters since the last take (Chunks, BytesUncompressed, BytesCompressed, CodecNs).
    ChunkCounters takeCounters();

private:
    explicit Chunker(const ChunkerConfig& config);
    // Fills `header`, writes the chunk into `output` when compressing or when `copyRaw`; returns
    // the payload view.
    Result<std::span<const std::byte>> produce(MessageHeader& header, std::span<std::byte> output,
                                               bool copyRaw);
    std::span<std::byte> staging();

    ChunkerConfig config_;
    std::unique_ptr<ChunkCodec> codec_;
    AutoCompressPolicy autoPolicy_;
    std::unique_ptr<StreamingChecksum> messageChecksum_;
    std::unique_ptr<std::byte[]> staging_;
    ChunkSource source_;
    MessageHeader identity_{};
    std::uint64_t totalBytes_ = 0;
    std::uint32_t chunkCount_ = 0;
    std::uint32_t nextIndex_ = 0;
    ChunkCounters counters_;
};

// --- consumer side ----------------------------------------------------------------------------

struct ReassemblerConfig {
    std::uint64_t chunkBytes = 0;      // the slot's payload bytes
    std::uint64_t maxMessageBytes = 0; // --max-msg-size: larger claims are corrupt
    ChecksumKind checksum = ChecksumKind::Xxh3;
    // Verify-only: check every checksum (and decode compressed chunks) streaming, chunk by chunk,
    // without keeping the message; memory stays at one chunk whatever the message size. The
    // completed message then has no bytes. Meant for consumers that only measure (the worker).
    bool verifyOnly = false;
    // Optional: whether the producer (record, incarnation) is alive (OFD lock test). Called by
    // checkProducers() only, never per chunk.
    std::function<bool(std::uint32_t record, std::uint32_t incarnation)> producerAlive;
};

enum class ChunkOutcome {
    Accepted,  // valid; the message is not complete yet
    Completed, // valid and the message is complete: completed() describes it
    Corrupt,   // failed validation: dropped, with the partial message it belonged to
    Discarded, // valid but of no use: an abandon marker, or a chunk of a message whose start
               // this consumer never saw
};

struct CompletedMessage {
    MessageHeader header{};          // the last chunk's header (sequence, commit_ns, checksums)
    std::uint64_t firstCommitNs = 0; // commit_ns of chunk 0
    std::uint64_t totalBytes = 0;
    // The message (empty in verify-only mode). Owned by the reassembler (or, for an uncompressed
    // single-chunk message, the payload given to accept()); valid until the next accept().
    std::span<const std::byte> bytes;
};

// Consumer side: one context per producer record (a record hosts one incarnation at a time; a
// chunk from a newer incarnation means the older one died). Every header is validated against
// the chunk geometry, the size limit and the context before a byte is written; a chunk that fails
// is counted corrupt and its partial message discarded. In a consumer process; not thread-safe.
class Reassembler {
public:
    // Usage error when chunkBytes is not a valid slot size or maxMessageBytes is out of range.
    static Result<Reassembler> create(ReassemblerConfig config);
    ~Reassembler();
    Reassembler(Reassembler&&) noexcept;
    Reassembler& operator=(Reassembler&&) noexcept;

    // One chunk as popped from the ring: `header` copied out of the slot, `payload` of at least
    // header.payload_length bytes (what the ring delivered; a shorter span is corrupt). An error
    // is returned only when memory for a message cannot be had (ErrorCode::NoSpace).
    Result<ChunkOutcome> accept(const MessageHeader& header, std::span<const std::byte> payload);
    [[nodiscard]] const CompletedMessage& completed() const { return completed_; }

    // The producer is known dead: its partial message is discarded and counted incomplete.
    void producerDied(std::uint32_t record, std::uint32_t incarnation);
    // The ring skipped slots it counted itself (overrun under drop-oldest, a slot lost to a
    // crash): a partial message may now meet a later chunk or message of its producer, which then
    // cuts it off (interrupted) instead of counting as corrupt. Without this call it is corrupt.
    void slotsSkipped();
    // Asks config.producerAlive about every producer with a partial message; returns how many
    // were discarded. Relayed messages (kMsgRelayed) are not asked about: their producer is on
    // another channel; their relay ends them with an abandon marker.
    // Call it when the ring is idle (an empty pop), not per chunk.
    std::size_t checkProducers();

    [[nodiscard]] std::size_t partialMessages() const;
    ChunkCounters takeCounters();

private:
    struct Context;
    explicit Reassembler(ReassemblerConfig config);
    // A chunk further on than the open message expects: a later message of the same producer,
    // or a later chunk of the same one.
    static bool skippedAhead(const Context& context, const MessageHeader& header);
    Result<ChunkOutcome> acceptValid(Context& context, const MessageHeader& header,
                                     std::span<const std::byte> payload);
    ChunkOutcome reject(Context* context);
    void discard(Context& context);
    Status ensureCapacity(Context& context, std::uint64_t bytes);

    ReassemblerConfig config_;
    std::unique_ptr<ChunkCodec> codec_;
    std::unique_ptr<std::byte[]> scratch_; // verify-only: one decoded chunk
    std::array<std::unique_ptr<Context>, kMaxRecords> contexts_;
    CompletedMessage completed_;
    ChunkCounters counters_;
};

} // namespace shmscope
