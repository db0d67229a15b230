#include "shmscope/checksum.hpp"

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace shmscope {

std::uint64_t checksum64(std::span<const std::byte> bytes)
{
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
    XXH3_64bits_update(&state_->state, bytes.data(), bytes.size());
}

std::uint64_t StreamingChecksum::digest() const { return XXH3_64bits_digest(&state_->state); }

} // namespace shmscope
