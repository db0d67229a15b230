// xxh3-64 checksums (xxHash), one-shot and streaming.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace shmscope {

std::uint64_t checksum64(std::span<const std::byte> bytes);

// Streaming form, for a message checksum computed chunk by chunk without a second pass.
class StreamingChecksum {
public:
    StreamingChecksum();
    ~StreamingChecksum();
    StreamingChecksum(const StreamingChecksum&) = delete;
    StreamingChecksum& operator=(const StreamingChecksum&) = delete;

    void reset();
    void update(std::span<const std::byte> bytes);
    [[nodiscard]] std::uint64_t digest() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

} // namespace shmscope
