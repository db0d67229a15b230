#include "buffer.hpp"

#include <cstdlib>
#include <cstring>
#include <immintrin.h>
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

namespace {

std::uint64_t sumTail(const std::byte* data, std::size_t from, std::size_t size) {
    std::uint64_t total = 0;
    for (std::size_t b = from; b < size; ++b)
        total += static_cast<std::uint64_t>(data[b]);
    return total;
}

std::uint64_t sumWords(std::span<const std::byte> bytes) {
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
    return sums[0] + sums[1] + sums[2] + sums[3] + sumTail(data, i * sizeof(std::uint64_t), bytes.size());
}

// Four 32-byte loads per pass keep enough cache-line misses in flight that reading a message in
// place (zero-copy, or from another core's cache) runs at the speed of the memory system rather
// than of the loop, as memcpy does.
__attribute__((target("avx2"))) std::uint64_t sumWordsAvx2(std::span<const std::byte> bytes) {
    const std::byte* data = bytes.data();
    const std::size_t size = bytes.size();
    __m256i sums[4] = {_mm256_setzero_si256(), _mm256_setzero_si256(), _mm256_setzero_si256(),
                       _mm256_setzero_si256()};
    std::size_t i = 0;
    for (; i + 128 <= size; i += 128)
        for (int lane = 0; lane < 4; ++lane)
            sums[lane] = _mm256_add_epi64(
                sums[lane], _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + i + 32 * lane)));
    alignas(32) std::uint64_t lanes[4];
    _mm256_store_si256(reinterpret_cast<__m256i*>(lanes),
                       _mm256_add_epi64(_mm256_add_epi64(sums[0], sums[1]), _mm256_add_epi64(sums[2], sums[3])));
    return lanes[0] + lanes[1] + lanes[2] + lanes[3] + sumWords(bytes.subspan(i));
}

} // namespace

std::uint64_t readEveryByte(std::span<const std::byte> bytes) {
    static const bool avx2 = __builtin_cpu_supports("avx2");
    const std::uint64_t total = avx2 ? sumWordsAvx2(bytes) : sumWords(bytes);
    static volatile std::uint64_t sink;
    sink = sink + total;
    return total;
}

} // namespace shmscope::bench
