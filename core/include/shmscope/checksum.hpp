// xxh3-64 checksums (xxHash), one-shot and streaming. No shared memory is involved: any process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace shmscope {

// The xxh3-64 hash of `bytes` (seed 0). Cannot fail; any thread.
std::uint64_t checksum64(std::span<const std::byte> bytes);

// Streaming form, for a message checksum computed chunk by chunk without a second pass: the
// digest of everything update() was given since construction or reset() equals checksum64() of
// the concatenation. Not thread-safe: one thread per object. Cannot fail (the constructor throws
// std::bad_alloc only when memory for the state is not there).
class StreamingChecksum {
public:
    StreamingChecksum();
    ~StreamingChecksum();
    StreamingChecksum(const StreamingChecksum&) = delete;
    StreamingChecksum& operator=(const StreamingChecksum&) = delete;

    void reset();                                  // starts over, as if newly constructed
    void update(std::span<const std::byte> bytes); // appends `bytes`
    [[nodiscard]] std::uint64_t digest() const;    // of what was appended so far; state unchanged

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace shmscope
