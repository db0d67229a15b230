#include "pool.hpp"

#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace shmscope::bench {
namespace {

constexpr std::uint64_t kSeed = 0x5eed5eed12345678ull;

// splitmix64: fast, good enough for incompressible bytes.
std::uint64_t nextRandom(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

void fillRandom(std::span<std::byte> pool) {
    std::uint64_t state = kSeed;
    std::size_t i = 0;
    for (; i + sizeof(std::uint64_t) <= pool.size(); i += sizeof(std::uint64_t)) {
        const std::uint64_t word = nextRandom(state);
        std::memcpy(pool.data() + i, &word, sizeof word);
    }
    for (; i < pool.size(); ++i)
        pool[i] = static_cast<std::byte>(nextRandom(state));
}

void fillText(std::span<std::byte> pool) {
    static constexpr std::array<std::string_view, 12> kWords = {
        "shared ",  "memory ",  "ring ", "slot ", "producer ", "consumer ",
        "message ", "latency ", "the ",  "a ",    "of ",       "and\n"};
    std::uint64_t state = kSeed;
    std::size_t i = 0;
    while (i < pool.size()) {
        const std::string_view word = kWords[nextRandom(state) % kWords.size()];
        const std::size_t n = std::min(word.size(), pool.size() - i);
        std::memcpy(pool.data() + i, word.data(), n);
        i += n;
    }
}

// A slowly varying 16-bit signal with a little noise, as a sensor would produce.
void fillSensor(std::span<std::byte> pool) {
    std::uint64_t state = kSeed;
    for (std::size_t i = 0; i + 1 < pool.size(); i += 2) {
        const double phase = static_cast<double>(i / 2) * 0.001;
        const auto sample = static_cast<std::int16_t>(8000 * std::sin(phase) +
                                                      static_cast<double>(nextRandom(state) % 16));
        std::memcpy(pool.data() + i, &sample, sizeof sample);
    }
}

} // namespace

void fillPool(std::span<std::byte> pool, PayloadKind kind) {
    switch (kind) {
    case PayloadKind::Random:
        fillRandom(pool);
        return;
    case PayloadKind::Text:
        fillText(pool);
        return;
    case PayloadKind::Zeros:
        std::memset(pool.data(), 0, pool.size());
        return;
    case PayloadKind::Sensor:
        fillSensor(pool);
        return;
    }
}

} // namespace shmscope::bench
