// Page-aligned heap buffers (payload pools, receive buffers) and the consumer's read of every
// byte. Alignment matters: glibc's memcpy is much slower for 4–64 KiB copies whose source and
// destination differ in 16-byte alignment, so every buffer and payload offset is 64-aligned.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace shmscope::bench {

inline constexpr std::size_t kPayloadAlignment = 64;

class AlignedBuffer {
public:
    AlignedBuffer() = default;
    explicit AlignedBuffer(std::size_t bytes);
    AlignedBuffer(AlignedBuffer&& other) noexcept;
    AlignedBuffer& operator=(AlignedBuffer&& other) noexcept;
    AlignedBuffer(const AlignedBuffer&) = delete;
    AlignedBuffer& operator=(const AlignedBuffer&) = delete;
    ~AlignedBuffer();

    [[nodiscard]] std::byte* data() const { return data_; }
    [[nodiscard]] std::size_t size() const { return size_; }
    [[nodiscard]] std::span<std::byte> span() const { return {data_, size_}; }
    [[nodiscard]] bool empty() const { return data_ == nullptr; }

private:
    std::byte* data_ = nullptr;
    std::size_t size_ = 0;
};

// Reads every byte of `bytes` (a sum of 64-bit words, vectorised by the compiler); the result
// goes to a sink so the read cannot be optimised away.
std::uint64_t readEveryByte(std::span<const std::byte> bytes);

inline constexpr std::uint64_t roundUp64(std::uint64_t bytes) {
    return (bytes + kPayloadAlignment - 1) / kPayloadAlignment * kPayloadAlignment;
}

} // namespace shmscope::bench
