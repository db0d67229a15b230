// Chunk compression (docs/CLI.md --compress, --zstd-level): LZ4 and Zstandard, one chunk at a time.
//
// Why per chunk and not per message:
// - bounded memory: a 64 GiB message never needs a 64 GiB compression buffer, only one slot;
// - it streams with the ring: the producer publishes chunk i while the consumer already works on
//   chunk i-1, and a consumer decompresses each chunk as it arrives (or only verifies it);
// - the ring slot bounds the output: a chunk is compressed straight into a slot-sized buffer, and
//   whatever does not shrink is stored raw, so a chunk never needs more than one slot.
// The price is a lower ratio than whole-message compression (no window across chunks), which is
// small for slot sizes of 64 KiB and more.
//
// A compressed chunk starts with a CompressedChunkPrefix (the message header has one "compressed"
// flag, not the algorithm, and the consumer is not told the producer's --compress), then the
// codec's output. The chunk checksum covers the prefix and the compressed bytes (the bytes in the
// slot); the message checksum covers the uncompressed message.
#pragma once

#include "shmscope/result.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace shmscope {

// The producer's choice (--compress).
enum class CompressMode { None, Lz4, Zstd, Auto };

// An algorithm actually applied to a chunk.
enum class CodecKind : std::uint32_t { Lz4 = 1, Zstd = 2 };

// The --compress names ("none", "lz4", "zstd", "auto"); std::nullopt for other text. Any thread.
std::string_view compressModeName(CompressMode mode);
std::optional<CompressMode> parseCompressMode(std::string_view text);

inline constexpr int kDefaultZstdLevel = 3;
inline constexpr int kMinZstdLevel = 1;
inline constexpr int kMaxZstdLevel = 19; // above 19 zstd wants "ultra" memory; not for a ring

// In front of every compressed chunk; 8 bytes so the codec output stays 8-byte aligned.
struct CompressedChunkPrefix {
    std::uint32_t codec;              // CodecKind
    std::uint32_t uncompressed_bytes; // what the chunk decodes to; checked against the header
};
static_assert(sizeof(CompressedChunkPrefix) == 8);
inline constexpr std::size_t kCompressedPrefixBytes = sizeof(CompressedChunkPrefix);

// What encode() did with one chunk.
struct EncodedChunk {
    std::size_t storedBytes = 0; // bytes written to the output (prefix included when compressed)
    bool compressed = false;     // false: the output holds the input unchanged (it did not shrink)
    std::uint64_t codecNs = 0;   // time spent in the compressor (also when it did not pay)
};

// One compressor/decompressor pair with its reusable contexts. Not thread-safe; one per endpoint.
class ChunkCodec {
public:
    // zstdLevel: kMinZstdLevel … kMaxZstdLevel. Contexts are made on first use; a zstd context
    // that cannot be had makes that encode store the chunk raw and that decode a System error.
    explicit ChunkCodec(int zstdLevel = kDefaultZstdLevel);
    ~ChunkCodec();
    ChunkCodec(ChunkCodec&&) noexcept;
    ChunkCodec& operator=(ChunkCodec&&) noexcept;
    ChunkCodec(const ChunkCodec&) = delete;
    ChunkCodec& operator=(const ChunkCodec&) = delete;

    [[nodiscard]] int zstdLevel() const { return zstdLevel_; }

    // Compresses `input` into `output` with `codec`. When the prefix plus the compressed bytes
    // would not be smaller than the input (or not fit in `output`), copies the input raw instead
    // and says so; `output` must hold at least input.size() bytes. Inputs above 2 GiB - 1 (LZ4's
    // limit; slots are at most 1 GiB) are stored raw.
    [[nodiscard]] EncodedChunk encode(CodecKind codec, std::span<const std::byte> input,
                                      std::span<std::byte> output);

    // Decodes a compressed chunk (prefix + codec output) into `output`, which must be exactly the
    // size the chunk has to decode to. Never writes outside `output`; an unknown codec, a prefix
    // that claims another size, malformed or truncated codec data, or output of the wrong size is
    // an ErrorCode::Corrupt error. `codecNs` receives the time spent decoding.
    Status decode(std::span<const std::byte> input, std::span<std::byte> output,
                  std::uint64_t& codecNs);

private:
    struct Contexts;
    std::unique_ptr<Contexts> contexts_;
    int zstdLevel_;
};

// --compress auto: compress while it pays. A chunk's compression pays when the codec time is
// below the transport time it saves, codecNs < (bytesIn - bytesOut) / bandwidth, with the
// bandwidth measured on the transport itself (the caller reports how long moving chunks took).
// While it does not pay, chunks go raw and only probes are compressed: probes take at most
// kAutoProbeFraction of all bytes, and the distance between probes doubles after each probe that
// did not pay (exponential back-off), up to kAutoMaxProbeGapBytes. One probe that pays resumes
// compressing every chunk. The consumer's decompression time is not seen here; for LZ4 and zstd it
// is a fraction of the compression time.
inline constexpr double kAutoProbeFraction = 0.005;
inline constexpr std::uint64_t kAutoMaxProbeGapBytes = std::uint64_t{16} << 30;
// Until the first transport measurement: a guess of the order of a shared-memory copy.
inline constexpr double kAutoAssumedBytesPerNs = 10.0;
// Weight of a new bandwidth sample in the moving average.
inline constexpr double kAutoBandwidthWeight = 0.125;

// The inputs of the latest decision, for stats and for showing why auto chose what it chose.
struct AutoCompressInputs {
    bool compressing = false;                            // true while compression pays
    double bandwidthBytesPerNs = kAutoAssumedBytesPerNs; // measured transport bandwidth (average)
    std::uint64_t lastBytesIn = 0;                       // last compressed chunk: bytes before
    std::uint64_t lastBytesOut = 0;  // ... stored bytes after (raw size when it did not shrink)
    std::uint64_t lastCodecNs = 0;   // ... time in the codec
    std::uint64_t totalBytes = 0;    // all chunk bytes offered to the policy
    std::uint64_t codecBytes = 0;    // of those, bytes that went through the codec
    std::uint64_t probes = 0;        // chunks compressed while not compressing
    std::uint64_t probeGapBytes = 0; // current distance between probes
};

// The producer's, one per Chunker; not thread-safe; nothing fails.
class AutoCompressPolicy {
public:
    AutoCompressPolicy() = default;

    // Whether the next chunk of `chunkBytes` should go through the codec.
    [[nodiscard]] bool shouldCompress(std::uint64_t chunkBytes);
    // The outcome of a chunk shouldCompress() said yes to.
    void recordCodec(std::uint64_t bytesIn, std::uint64_t bytesOut, std::uint64_t codecNs);
    // Time the transport took to move `bytes` (copy into the ring, waits included).
    void recordTransport(std::uint64_t bytes, std::uint64_t transportNs);

    [[nodiscard]] const AutoCompressInputs& inputs() const { return inputs_; }

private:
    [[nodiscard]] bool pays(std::uint64_t bytesIn, std::uint64_t bytesOut,
                            std::uint64_t codecNs) const;

    AutoCompressInputs inputs_{};
    std::uint64_t bytesSinceProbe_ = 0;
    std::uint64_t probeBytes_ = 0;
    bool measuredBandwidth_ = false;
    bool started_ = false;
};

} // namespace shmscope
