// The payload generators (moved here from the worker so that the worker and the bench share them)
// and the wrap-around pool they fill.
#include "shmscope/payload.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <numbers>
#include <string_view>

namespace shmscope {
namespace {

constexpr std::uint64_t kSensorBlockBytes = 64 * KiB; // int16 and float blocks alternate

std::uint64_t roundUp(std::uint64_t value, std::uint64_t multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

// xorshift64*: fast, good enough to defeat compressors and caches.
std::uint64_t xorshift(std::uint64_t& state) {
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545F4914F6CDD1DULL;
}

void fillRandom(std::byte* out, std::uint64_t bytes, std::uint64_t& state) {
    for (std::uint64_t offset = 0; offset + 8 <= bytes; offset += 8) {
        const std::uint64_t word = xorshift(state);
        std::memcpy(out + offset, &word, 8);
    }
}

// Log-like lines: "12:34:56.789012 INFO  [ring] slot 17 committed seq=123456 bytes=4096".
class TextWriter {
public:
    TextWriter(std::byte* out, std::uint64_t bytes) : out_(out), end_(out + bytes) {}

    void fill(std::uint64_t& state) {
        static constexpr std::array<std::string_view, 4> kLevels = {"INFO  ", "DEBUG ", "WARN  ",
                                                                    "ERROR "};
        static constexpr std::array<std::string_view, 6> kComponents = {
            "[ring] ", "[stats] ", "[sensor] ", "[net] ", "[disk] ", "[control] "};
        static constexpr std::array<std::string_view, 6> kEvents = {
            "slot committed seq=",          "reading frame id=", "flushed block nr=",
            "retry after timeout attempt=", "queue depth now=",  "checksum verified msg="};
        std::uint64_t micros = 12 * 3600'000'000ULL;
        while (out_ < end_) {
            const std::uint64_t r = xorshift(state);
            micros += r % 5000;
            writeClock(micros);
            put(kLevels[(r >> 20) % 16 == 0 ? 2 + (r >> 24) % 2 : (r >> 28) % 2]);
            put(kComponents[(r >> 32) % kComponents.size()]);
            put(kEvents[(r >> 40) % kEvents.size()]);
            writeNumber((r >> 44) % 1'000'000);
            put(" bytes=");
            writeNumber(std::uint64_t{64} << ((r >> 8) % 12));
            put("\n");
        }
    }

private:
    void put(std::string_view text) {
        const std::size_t n =
            std::min<std::size_t>(text.size(), static_cast<std::size_t>(end_ - out_));
        std::memcpy(out_, text.data(), n);
        out_ += n;
    }
    void writeNumber(std::uint64_t value) {
        char digits[20];
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + value % 10);
            value /= 10;
        } while (value != 0);
        char text[20];
        for (int i = 0; i < n; ++i)
            text[i] = digits[n - 1 - i];
        put(std::string_view(text, static_cast<std::size_t>(n)));
    }
    void writeTwo(std::uint64_t value) {
        const char text[2] = {static_cast<char>('0' + value / 10 % 10),
                              static_cast<char>('0' + value % 10)};
        put(std::string_view(text, 2));
    }
    void writeClock(std::uint64_t micros) {
        const std::uint64_t seconds = micros / 1'000'000;
        writeTwo(seconds / 3600 % 24);
        put(":");
        writeTwo(seconds / 60 % 60);
        put(":");
        writeTwo(seconds % 60);
        put(".");
        std::uint64_t fraction = micros % 1'000'000;
        char text[6];
        for (int i = 5; i >= 0; --i) {
            text[i] = static_cast<char>('0' + fraction % 10);
            fraction /= 10;
        }
        put(std::string_view(text, 6));
        put(" ");
    }

    std::byte* out_;
    std::byte* end_;
};

// A smooth signal: a slow sine, a faster harmonic and a little noise. Sines come from rotating
// a unit vector (two multiply-adds per sample), not from calling sin() per sample.
class SensorSignal {
public:
    explicit SensorSignal(std::uint64_t& state) : state_(state) {}

    double next() {
        advance(slow_, kSlowStep);
        advance(fast_, kFastStep);
        if (noiseLeft_ == 0) { // one draw gives four 16-bit noise values
            noiseBits_ = xorshift(state_);
            noiseLeft_ = 4;
        }
        const auto bits = static_cast<std::uint16_t>(noiseBits_);
        noiseBits_ >>= 16;
        --noiseLeft_;
        const double noise = static_cast<double>(bits) / 32768.0 - 1.0; // -1 … 1
        return 0.6 * slow_.sine + 0.15 * fast_.sine + 0.005 * noise;    // within -0.76 … 0.76
    }

private:
    struct Rotor {
        double sine = 0.0;
        double cosine = 1.0;
    };
    struct Step {
        double sine;
        double cosine;
    };
    static void advance(Rotor& rotor, const Step& step) {
        const double sine = rotor.sine * step.cosine + rotor.cosine * step.sine;
        const double cosine = rotor.cosine * step.cosine - rotor.sine * step.sine;
        rotor.sine = sine;
        rotor.cosine = cosine;
    }
    static inline const Step kSlowStep{std::sin(2 * std::numbers::pi / 5000),
                                       std::cos(2 * std::numbers::pi / 5000)};
    static inline const Step kFastStep{std::sin(2 * std::numbers::pi / 97),
                                       std::cos(2 * std::numbers::pi / 97)};

    std::uint64_t& state_;
    std::uint64_t noiseBits_ = 0;
    int noiseLeft_ = 0;
    Rotor slow_;
    Rotor fast_;
};

void fillSensor(std::byte* out, std::uint64_t bytes, std::uint64_t& state) {
    SensorSignal signal(state);
    for (std::uint64_t block = 0; block < bytes; block += kSensorBlockBytes) {
        const std::uint64_t blockEnd = std::min(bytes, block + kSensorBlockBytes);
        const bool asFloat = (block / kSensorBlockBytes) % 2 == 1;
        if (asFloat) {
            for (std::uint64_t offset = block; offset + 4 <= blockEnd; offset += 4) {
                const auto sample = static_cast<float>(signal.next());
                std::memcpy(out + offset, &sample, 4);
            }
        } else {
            for (std::uint64_t offset = block; offset + 2 <= blockEnd; offset += 2) {
                const auto sample = static_cast<std::int16_t>(signal.next() * 32767.0);
                std::memcpy(out + offset, &sample, 2);
            }
        }
    }
}

void generate(PayloadKind kind, std::byte* bytes, std::uint64_t size, std::uint64_t& state) {
    switch (kind) {
    case PayloadKind::Random:
        fillRandom(bytes, size, state);
        break;
    case PayloadKind::Text:
        TextWriter(bytes, size).fill(state);
        break;
    case PayloadKind::Zeros:
        std::memset(bytes, 0, size);
        break;
    case PayloadKind::Sensor:
        fillSensor(bytes, size, state);
        break;
    }
}

} // namespace

std::string_view payloadKindName(PayloadKind kind) {
    switch (kind) {
    case PayloadKind::Random:
        return "random";
    case PayloadKind::Text:
        return "text";
    case PayloadKind::Zeros:
        return "zeros";
    case PayloadKind::Sensor:
        return "sensor";
    }
    return "random";
}

std::optional<PayloadKind> parsePayloadKind(std::string_view text) {
    for (PayloadKind kind :
         {PayloadKind::Random, PayloadKind::Text, PayloadKind::Zeros, PayloadKind::Sensor})
        if (text == payloadKindName(kind))
            return kind;
    return std::nullopt;
}

void PayloadPool::FreeBytes::operator()(std::byte* bytes) const {
    std::free(bytes); // NOLINT: pairs with aligned_alloc
}

PayloadPool::PayloadPool(PayloadKind kind, std::uint64_t seed) : kind_(kind), rngState_(seed | 1) {}

Result<PayloadPool> PayloadPool::create(PayloadKind kind, std::uint64_t seed,
                                        std::uint64_t windowBytes, const std::atomic<bool>* stop) {
    PayloadPool pool(kind, seed);
    auto* bytes = static_cast<std::byte*>(std::aligned_alloc(kCacheLine, kPayloadPoolBytes));
    if (bytes == nullptr)
        return makeError(ErrorCode::NoSpace,
                         "no memory for a " + formatBytes(kPayloadPoolBytes) + " payload pool");
    pool.bytes_.reset(bytes);
    constexpr std::uint64_t kPiece = MiB;
    static_assert(kPayloadPoolBytes % kPiece == 0);
    for (std::uint64_t done = 0; done < kPayloadPoolBytes; done += kPiece) {
        if (stop != nullptr && stop->load(std::memory_order_relaxed))
            return makeError(ErrorCode::Stopped, "stopped while generating the payload pool");
        generate(kind, bytes + done, kPiece, pool.rngState_);
    }
    if (Status reserved = pool.reserveWindow(windowBytes); !reserved)
        return reserved.error();
    return pool;
}

Status PayloadPool::reserveWindow(std::uint64_t windowBytes) {
    const std::uint64_t wanted = roundUp(windowBytes, kCacheLine);
    if (wanted <= windowBytes_)
        return {};
    auto* bytes =
        static_cast<std::byte*>(std::aligned_alloc(kCacheLine, kPayloadPoolBytes + wanted));
    if (bytes == nullptr)
        return makeError(ErrorCode::NoSpace,
                         "no memory for a " + formatBytes(wanted) + " payload window");
    std::memcpy(bytes, bytes_.get(), kPayloadPoolBytes);
    // The mirror repeats the pool from its start (more than once when the window is larger).
    for (std::uint64_t done = 0; done < wanted;) {
        const std::uint64_t piece = std::min(wanted - done, kPayloadPoolBytes);
        std::memcpy(bytes + kPayloadPoolBytes + done, bytes, piece);
        done += piece;
    }
    bytes_.reset(bytes);
    windowBytes_ = wanted;
    return {};
}

std::uint64_t PayloadPool::randomStart() {
    return xorshift(rngState_) % (kPayloadPoolBytes / kCacheLine) * kCacheLine;
}

std::span<const std::byte> PayloadPool::window(std::uint64_t start, std::uint64_t offset,
                                               std::size_t bytes) const {
    if (bytes > windowBytes_)
        return {}; // the caller reserved too small a window: a short span, never a wild read
    const std::uint64_t position = (start + offset) % kPayloadPoolBytes;
    return {bytes_.get() + position, bytes};
}

std::uint64_t PayloadPool::startFor(std::uint64_t messageBytes) {
    if (messageBytes >= kRandomStartBytes)
        return randomStart();
    // Small messages walk the pool in order from where the last one ended: every message still
    // reads bytes it has not read for a pool's length, but the hardware prefetcher sees the walk,
    // so a 64-byte message no longer waits for a DRAM miss at a random address.
    const std::uint64_t start = walk_;
    walk_ = (walk_ + (messageBytes + kCacheLine - 1) / kCacheLine * kCacheLine) % kPayloadPoolBytes;
    return start;
}

ChunkSource PayloadPool::messageSource(std::uint64_t messageBytes) {
    const std::uint64_t start = startFor(messageBytes);
    return [this, start](std::uint64_t offset, std::size_t bytes) {
        return window(start, offset, bytes);
    };
}

std::span<const std::byte> PayloadPool::next(std::uint64_t bytes) {
    return window(startFor(bytes), 0, static_cast<std::size_t>(bytes));
}

} // namespace shmscope
