#include "shmscope/checksum.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace shmscope {
namespace detail {
std::uint64_t xxh3Avx2(const void* data, std::size_t size);
void xxh3UpdateAvx2(XXH3_state_t* state, const void* data, std::size_t size);
} // namespace detail

namespace {

// Decided once: the AVX2 build where the CPU has it, the baseline (SSE2) build otherwise.
const bool kHaveAvx2 = __builtin_cpu_supports("avx2");

} // namespace

std::uint64_t checksum64(std::span<const std::byte> bytes)
{
    if (kHaveAvx2) return detail::xxh3Avx2(bytes.data(), bytes.size());
    return XXH3_64bits(bytes.data(), bytes.size());
}

struct StreamingChecksum::State {
    XXH3_state_t state;
};

StreamingChecksum::StreamingChecksum() : state_(std::make_unique<State>()) { reset(); }
StreamingChecksum::~StreamingChecksum() = default;

void StreamingChecksum::reset() { XXH3_64bits_reset(&state_->state); }

void StreamingChecksum::update(std::span<const std::byte> bytes)
{
    if (kHaveAvx2)
        detail::xxh3UpdateAvx2(&state_->state, bytes.data(), bytes.size());
    else
        XXH3_64bits_update(&state_->state, bytes.data(), bytes.size());
}

std::uint64_t StreamingChecksum::digest() const { return XXH3_64bits_digest(&state_->state); }

} // namespace shmscope
