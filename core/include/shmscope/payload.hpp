// Pre-generated payload bytes (docs/CLI.md --payload), shared by the worker and the bench:
// generated once (at least 64 MiB), so that a message costs one offset draw and no generation work.
//
// The pool is read as an endless ring: a message starts at a random 64-byte-aligned offset and
// wraps around at the end, so a message of any length (up to 64 GiB) needs no pool of its size.
// Behind the pool sits a mirror of its first `windowBytes` bytes, so that every window of up to
// windowBytes (one chunk, or one whole single-slot message) is contiguous, wrap or not.
// Process-local memory, nothing shared: a producer's. A PayloadPool is not thread-safe.
#pragma once

#include <atomic>

#include "shmscope/chunker.hpp"
#include "shmscope/params.hpp"
#include "shmscope/result.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

namespace shmscope {

enum class PayloadKind {
    Random, // xorshift: incompressible, defeats caches
    Text,   // log-like lines: compresses well
    Zeros,  // the best case of every codec
    Sensor, // smooth sine-plus-noise series, int16 and float blocks: compresses moderately
};

// The --payload names ("random", "text", "zeros", "sensor"); std::nullopt for other text.
std::string_view payloadKindName(PayloadKind kind);
std::optional<PayloadKind> parsePayloadKind(std::string_view text);

inline constexpr std::uint64_t kPayloadPoolBytes = 64 * MiB;

class PayloadPool {
public:
    // Generates the pool; windowBytes as for reserveWindow(). Fails (ErrorCode::NoSpace) when the
    // memory is not there, and with ErrorCode::Stopped as soon as `*stop` is raised (checked
    // between megabytes: generating 64 MiB takes most of a second in a debug build).
    static Result<PayloadPool> create(PayloadKind kind, std::uint64_t seed,
                                      std::uint64_t windowBytes = 0,
                                      const std::atomic<bool>* stop = nullptr);

    // Makes every window of up to `windowBytes` contiguous (extends the mirror; the pool itself
    // is not regenerated). Use the slot size for chunked messages, or the message size for
    // messages sent as one span. Errors: NoSpace (no memory for the larger mirror; the pool is
    // then as it was). Invalidates spans from window() and next().
    Status reserveWindow(std::uint64_t windowBytes);

    [[nodiscard]] PayloadKind kind() const { return kind_; }
    [[nodiscard]] std::uint64_t poolBytes() const { return kPayloadPoolBytes; }
    [[nodiscard]] std::uint64_t windowBytes() const { return windowBytes_; }

    // A random 64-byte-aligned start offset in the pool.
    [[nodiscard]] std::uint64_t randomStart();

    // `bytes` (<= windowBytes()) of the endless message that starts at `start`, from its byte
    // `offset` on: pool[(start + offset) mod poolBytes() ...], contiguous.
    [[nodiscard]] std::span<const std::byte> window(std::uint64_t start, std::uint64_t offset,
                                                    std::size_t bytes) const;

    // A ChunkSource for one message of `messageBytes`: from a random start, or for messages below
    // kRandomStartBytes from where the previous small message ended (see startFor). It refers to
    // this pool: the pool must outlive it and stay where it is (not be moved) meanwhile.
    [[nodiscard]] ChunkSource messageSource(std::uint64_t messageBytes);
    static constexpr std::uint64_t kRandomStartBytes = 4096;

    // A whole message of `bytes` (<= windowBytes()) as one span, from where startFor() puts it.
    [[nodiscard]] std::span<const std::byte> next(std::uint64_t bytes);

private:
    struct FreeBytes {
        void operator()(std::byte* bytes) const;
    };
    PayloadPool(PayloadKind kind, std::uint64_t seed);
    std::uint64_t startFor(std::uint64_t messageBytes);

    PayloadKind kind_;
    std::uint64_t rngState_;
    std::unique_ptr<std::byte, FreeBytes> bytes_; // kPayloadPoolBytes + windowBytes_
    std::uint64_t windowBytes_ = 0;
    std::uint64_t walk_ = 0; // where the next small message starts
};

} // namespace shmscope
