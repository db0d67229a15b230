#include "buffer.hpp"

#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace shmscope::bench {
namespace {

constexpr std::size_t kPageBytes = 4096;

} // namespace

AlignedBuffer::AlignedBuffer(std::size_t bytes) {
    if (bytes == 0)
        return;
    const std::size_t rounded = (bytes + kPageBytes - 1) / kPageBytes * kPageBytes;
    void* memory = std::aligned_alloc(kPageBytes, rounded);
    if (memory == nullptr)
        throw std::bad_alloc();
    // Touch every page now, so that page faults are not measured.
    std::memset(memory, 0, rounded);
    data_ = static_cast<std::byte*>(memory);
    size_ = bytes;
}

AlignedBuffer::AlignedBuffer(AlignedBuffer&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

AlignedBuffer& AlignedBuffer::operator=(AlignedBuffer&& other) noexcept {
    if (this != &other) {
        std::free(data_);
        data_ = std::exchange(other.data_, nullptr);
        size_ = std::exchange(other.size_, 0);
    }
    return *this;
}

AlignedBuffer::~AlignedBuffer() { std::free(data_); }

std::uint64_t readEveryByte(std::span<const std::byte> bytes) {
    const std::size_t words = bytes.size() / sizeof(std::uint64_t);
    const std::byte* data = bytes.data();
    std::uint64_t sums[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= words; i += 4) {
        for (std::size_t lane = 0; lane < 4; ++lane) {
            std::uint64_t word;
            std::memcpy(&word, data + (i + lane) * sizeof word, sizeof word);
            sums[lane] += word;
        }
    }
    std::uint64_t total = sums[0] + sums[1] + sums[2] + sums[3];
    for (std::size_t b = i * sizeof(std::uint64_t); b < bytes.size(); ++b)
        total += static_cast<std::uint64_t>(data[b]);
    static volatile std::uint64_t sink;
    sink = sink + total;
    return total;
}

} // namespace shmscope::bench
