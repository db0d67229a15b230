#include "shmscope/codec.hpp"

#include <algorithm>
#include <climits>
#include <cstring>
#include <ctime>
#include <lz4.h>
#include <zstd.h>

namespace shmscope {
namespace {

std::uint64_t monotonicNowNs() {
    timespec now{};
    clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1'000'000'000u +
           static_cast<std::uint64_t>(now.tv_nsec);
}

Error corrupt(std::string what) { return makeError(ErrorCode::Corrupt, std::move(what)); }

} // namespace

std::string_view compressModeName(CompressMode mode) {
    switch (mode) {
    case CompressMode::None:
        return "none";
    case CompressMode::Lz4:
        return "lz4";
    case CompressMode::Zstd:
        return "zstd";
    case CompressMode::Auto:
        return "auto";
    }
    return "none";
}

std::optional<CompressMode> parseCompressMode(std::string_view text) {
    for (CompressMode mode :
         {CompressMode::None, CompressMode::Lz4, CompressMode::Zstd, CompressMode::Auto})
        if (text == compressModeName(mode))
            return mode;
    return std::nullopt;
}

struct ChunkCodec::Contexts {
    ZSTD_CCtx* compress = nullptr;
    ZSTD_DCtx* decompress = nullptr;
    ~Contexts() {
        ZSTD_freeCCtx(compress);
        ZSTD_freeDCtx(decompress);
    }
};

ChunkCodec::ChunkCodec(int zstdLevel)
    : contexts_(std::make_unique<Contexts>()),
      zstdLevel_(std::clamp(zstdLevel, kMinZstdLevel, kMaxZstdLevel)) {}

ChunkCodec::~ChunkCodec() = default;
ChunkCodec::ChunkCodec(ChunkCodec&&) noexcept = default;
ChunkCodec& ChunkCodec::operator=(ChunkCodec&&) noexcept = default;

EncodedChunk ChunkCodec::encode(CodecKind codec, std::span<const std::byte> input,
                                std::span<std::byte> output) {
    EncodedChunk result;
    // Worth storing compressed only below the input size; the slot bounds it as well.
    const std::size_t limit = std::min(output.size(), input.size());
    const bool fits =
        input.size() <= static_cast<std::size_t>(INT_MAX) && limit > kCompressedPrefixBytes + 1;
    std::size_t codecBytes = 0;
    if (fits) {
        const std::size_t capacity = limit - kCompressedPrefixBytes - 1; // strictly smaller
        auto* destination = output.data() + kCompressedPrefixBytes;
        const std::uint64_t startNs = monotonicNowNs();
        if (codec == CodecKind::Lz4) {
            // 0 when the output does not fit in `capacity`: store raw.
            const int written = LZ4_compress_default(
                reinterpret_cast<const char*>(input.data()), reinterpret_cast<char*>(destination),
                static_cast<int>(input.size()),
                static_cast<int>(std::min<std::size_t>(capacity, INT_MAX)));
            codecBytes = written > 0 ? static_cast<std::size_t>(written) : 0;
        } else {
            if (contexts_->compress == nullptr)
                contexts_->compress = ZSTD_createCCtx();
            if (contexts_->compress != nullptr) {
                // An error (dstSize_tooSmall included) means: store raw.
                const std::size_t written =
                    ZSTD_compressCCtx(contexts_->compress, destination, capacity, input.data(),
                                      input.size(), zstdLevel_);
                codecBytes = ZSTD_isError(written) ? 0 : written;
            }
        }
        result.codecNs = monotonicNowNs() - startNs;
    }
    if (codecBytes == 0) {
        std::memcpy(output.data(), input.data(), input.size());
        result.storedBytes = input.size();
        return result;
    }
    const CompressedChunkPrefix prefix{static_cast<std::uint32_t>(codec),
                                       static_cast<std::uint32_t>(input.size())};
    std::memcpy(output.data(), &prefix, sizeof prefix);
    result.storedBytes = kCompressedPrefixBytes + codecBytes;
    result.compressed = true;
    return result;
}

Status ChunkCodec::decode(std::span<const std::byte> input, std::span<std::byte> output,
                          std::uint64_t& codecNs) {
    codecNs = 0;
    if (input.size() <= kCompressedPrefixBytes)
        return corrupt("compressed chunk without data");
    CompressedChunkPrefix prefix{};
    std::memcpy(&prefix, input.data(), sizeof prefix); // copy first: the slot is shared
    if (prefix.uncompressed_bytes != output.size())
        return corrupt("compressed chunk claims " + std::to_string(prefix.uncompressed_bytes) +
                       " bytes, expected " + std::to_string(output.size()));
    if (output.size() > static_cast<std::size_t>(INT_MAX))
        return corrupt("compressed chunk too large");
    const std::span<const std::byte> data = input.subspan(kCompressedPrefixBytes);
    const std::uint64_t startNs = monotonicNowNs();
    std::size_t decoded = 0;
    bool failed = false;
    if (prefix.codec == static_cast<std::uint32_t>(CodecKind::Lz4)) {
        if (data.size() > static_cast<std::size_t>(INT_MAX))
            return corrupt("compressed chunk too large");
        // The _safe variant checks every match against both buffers: hostile input cannot make
        // it read or write outside them.
        const int written = LZ4_decompress_safe(
            reinterpret_cast<const char*>(data.data()), reinterpret_cast<char*>(output.data()),
            static_cast<int>(data.size()), static_cast<int>(output.size()));
        failed = written < 0;
        decoded = failed ? 0 : static_cast<std::size_t>(written);
    } else if (prefix.codec == static_cast<std::uint32_t>(CodecKind::Zstd)) {
        if (contexts_->decompress == nullptr)
            contexts_->decompress = ZSTD_createDCtx();
        if (contexts_->decompress == nullptr)
            return makeError(ErrorCode::System, "no memory for a zstd context");
        // Bounded by the destination capacity; a frame claiming a larger content size is
        // refused by zstd (dstSize_tooSmall) instead of allocating or writing more.
        const std::size_t written = ZSTD_decompressDCtx(contexts_->decompress, output.data(),
                                                        output.size(), data.data(), data.size());
        failed = ZSTD_isError(written) != 0;
        decoded = failed ? 0 : written;
    } else {
        return corrupt("compressed chunk with unknown codec " + std::to_string(prefix.codec));
    }
    codecNs = monotonicNowNs() - startNs;
    if (failed)
        return corrupt("malformed compressed chunk");
    if (decoded != output.size())
        return corrupt("compressed chunk decodes to " + std::to_string(decoded) +
                       " bytes, expected " + std::to_string(output.size()));
    return {};
}

// --- auto -----------------------------------------------------------------------------------

bool AutoCompressPolicy::pays(std::uint64_t bytesIn, std::uint64_t bytesOut,
                              std::uint64_t codecNs) const {
    if (bytesOut >= bytesIn)
        return false;
    const double savedTransportNs =
        static_cast<double>(bytesIn - bytesOut) / inputs_.bandwidthBytesPerNs;
    return static_cast<double>(codecNs) < savedTransportNs;
}

bool AutoCompressPolicy::shouldCompress(std::uint64_t chunkBytes) {
    inputs_.totalBytes += chunkBytes;
    if (!started_) {
        // Optimistic start: the first chunks measure both the codec and the transport.
        started_ = true;
        inputs_.compressing = true;
    }
    if (inputs_.compressing) {
        inputs_.codecBytes += chunkBytes;
        return true;
    }
    bytesSinceProbe_ += chunkBytes;
    const double budget = kAutoProbeFraction * static_cast<double>(inputs_.totalBytes);
    if (bytesSinceProbe_ < inputs_.probeGapBytes ||
        static_cast<double>(probeBytes_ + chunkBytes) > budget)
        return false;
    bytesSinceProbe_ = 0;
    probeBytes_ += chunkBytes;
    inputs_.codecBytes += chunkBytes;
    ++inputs_.probes;
    return true;
}

void AutoCompressPolicy::recordCodec(std::uint64_t bytesIn, std::uint64_t bytesOut,
                                     std::uint64_t codecNs) {
    inputs_.lastBytesIn = bytesIn;
    inputs_.lastBytesOut = bytesOut;
    inputs_.lastCodecNs = codecNs;
    const bool paid = pays(bytesIn, bytesOut, codecNs);
    if (inputs_.compressing) {
        if (paid)
            return;
        // Stop; the first probe comes once enough raw bytes keep probes within their share.
        inputs_.compressing = false;
        const auto firstGap =
            static_cast<std::uint64_t>(static_cast<double>(bytesIn) / kAutoProbeFraction);
        inputs_.probeGapBytes = std::min(firstGap, kAutoMaxProbeGapBytes);
        bytesSinceProbe_ = 0;
    } else if (paid) {
        inputs_.compressing = true;
    } else {
        inputs_.probeGapBytes = std::min(inputs_.probeGapBytes * 2, kAutoMaxProbeGapBytes);
    }
}

void AutoCompressPolicy::recordTransport(std::uint64_t bytes, std::uint64_t transportNs) {
    if (bytes == 0)
        return;
    const double sample =
        static_cast<double>(bytes) / static_cast<double>(std::max<std::uint64_t>(transportNs, 1));
    if (!measuredBandwidth_) {
        inputs_.bandwidthBytesPerNs = sample;
        measuredBandwidth_ = true;
    } else {
        inputs_.bandwidthBytesPerNs +=
            kAutoBandwidthWeight * (sample - inputs_.bandwidthBytesPerNs);
    }
}

} // namespace shmscope
