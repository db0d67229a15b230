// Pre-generated payload bytes (CLI.md --payload): generated once, at least 64 MiB, so that a
// message costs one offset draw and no generation work.
#pragma once

#include "options.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace shmscope::worker {

inline constexpr std::uint64_t kMinPoolBytes = 64 * MiB;

class PayloadPool {
public:
    PayloadPool(PayloadKind kind, std::uint64_t seed);

    // Makes the pool large enough for messages of `messageBytes` (regenerates when it grows).
    // False when the memory is not there; the pool is then empty.
    [[nodiscard]] bool reserve(std::uint64_t messageBytes);

    // `messageBytes` of payload at a random 64-byte-aligned offset; reserve() must cover it.
    [[nodiscard]] std::span<const std::byte> next(std::uint64_t messageBytes);

    [[nodiscard]] std::uint64_t sizeBytes() const { return sizeBytes_; }

private:
    struct FreeBytes {
        void operator()(std::byte* bytes) const;
    };
    std::uint64_t nextRandom();

    PayloadKind kind_;
    std::uint64_t rngState_;
    std::unique_ptr<std::byte, FreeBytes> bytes_;
    std::uint64_t sizeBytes_ = 0;
};

} // namespace shmscope::worker
