#include "workload.hpp"

#include "buffer.hpp"
#include "shmscope/checksum.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/resource.h>

namespace shmscope::bench {
namespace {

// A ping-pong makes at least this many round trips, however slow they are.
constexpr std::uint64_t kMinRoundTrips = 2;
// Small messages look at the clock every this many messages (a clock read costs ~20 ns).
constexpr std::uint64_t kClockStrideSmall = 64;
constexpr std::uint64_t kSmallMessageBytes = 4096;
// Large messages are few per second: a repetition sends at least this many after its warm-up,
// whatever the clock says, so that the consumer has messages on both sides of its own warm-up.
constexpr std::uint64_t kMinMeasuredMessages = 8;

// Message k of the pool: 64-aligned offsets, cycling through the working set.
class Payloads {
public:
    Payloads(std::span<const std::byte> pool, std::uint64_t messageBytes)
        : pool_(pool), bytes_(messageBytes), stride_(roundUp64(messageBytes)),
          count_(std::max<std::uint64_t>(1, pool.size() / roundUp64(messageBytes))) {}
    [[nodiscard]] std::span<const std::byte> at(std::uint64_t k) const {
        return pool_.subspan((k % count_) * stride_, bytes_);
    }
    // The producer's copy-on-write pool: the timestamp goes into the message's first 8 bytes.
    void stamp(std::uint64_t k, std::uint64_t nowNs) const {
        std::memcpy(const_cast<std::byte*>(at(k).data()), &nowNs, sizeof nowNs);
    }

private:
    std::span<const std::byte> pool_;
    std::uint64_t bytes_;
    std::uint64_t stride_;
    std::uint64_t count_;
};

int fail(SideReport& report, const Error& error) {
    std::snprintf(report.error, sizeof report.error, "%s", error.message.c_str());
    return 1;
}

std::uint64_t clockStride(std::uint64_t messageBytes) {
    return messageBytes < kSmallMessageBytes ? kClockStrideSmall : 1;
}

// One whole message: every byte read (xxh3 verified, or summed), pieces released.
struct Received {
    bool end = false;
    std::uint64_t bytes = 0;
    std::uint64_t stampNs = 0;
};

Result<Received> receiveMessage(Receiver& receiver, bool xxh3) {
    Received message;
    bool first = true;
    while (true) {
        Result<Piece> piece = receiver.receive();
        if (!piece)
            return piece.error();
        if (piece->end) {
            message.end = true;
            if (Status ok = receiver.release(); !ok)
                return ok.error();
            return message;
        }
        if (first && piece->bytes.size() >= sizeof message.stampNs)
            std::memcpy(&message.stampNs, piece->bytes.data(), sizeof message.stampNs);
        first = false;
        if (xxh3 && !piece->verified) {
            if (checksum64(piece->bytes) != piece->checksum)
                return makeError(ErrorCode::Corrupt, "checksum mismatch");
        } else {
            readEveryByte(piece->bytes);
        }
        message.bytes += piece->bytes.size();
        const bool last = piece->last;
        if (Status ok = receiver.release(); !ok)
            return ok.error();
        if (last)
            return message;
    }
}

void sleepUntil(std::uint64_t deadlineNs) {
    const timespec deadline{static_cast<time_t>(deadlineNs / 1'000'000'000),
                            static_cast<long>(deadlineNs % 1'000'000'000)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, nullptr) == EINTR) {
    }
}

} // namespace

std::uint64_t processCpuNs() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ns = [](const timeval& t) {
        return static_cast<std::uint64_t>(t.tv_sec) * 1'000'000'000 +
               static_cast<std::uint64_t>(t.tv_usec) * 1000;
    };
    return ns(usage.ru_utime) + ns(usage.ru_stime);
}

int produceStream(Link& link, const Workload& work, SideReport& report) {
    Result<std::unique_ptr<Sender>> sender = link.openSender();
    if (!sender)
        return fail(report, sender.error());
    const Payloads payloads(work.pool, work.messageBytes);
    const std::uint64_t stride = clockStride(work.messageBytes);
    // The clock starts once the first message is sent, as the consumer's starts once it arrives:
    // a sender that first waits for its receiver to connect (iceoryx's discovery takes up to
    // 100 ms) must not spend the warm-up, or the whole repetition, waiting.
    if (Status ok = (*sender)->send(payloads.at(0)); !ok)
        return fail(report, ok.error());
    const std::uint64_t start = monotonicNs();
    const std::uint64_t warmEnd = start + work.warmupNs;
    const std::uint64_t end = warmEnd + work.measureNs;
    std::uint64_t warmMessages = 0, warmCpu = 0, warmNs = 0;
    std::uint64_t now = start;
    std::uint64_t k = 1;
    for (; now < end || warmNs == 0 || k < warmMessages + kMinMeasuredMessages; ++k) {
        if (Status ok = (*sender)->send(payloads.at(k)); !ok)
            return fail(report, ok.error());
        if ((k + 1) % stride == 0) {
            now = monotonicNs();
            if (warmNs == 0 && now >= warmEnd) {
                warmNs = now;
                warmCpu = processCpuNs();
                warmMessages = k + 1;
            }
        }
    }
    report.elapsedNs = now - warmNs;
    report.cpuNs = processCpuNs() - warmCpu;
    report.messages = k - warmMessages;
    report.bytes = report.messages * work.messageBytes;
    if (Status ok = (*sender)->finish(); !ok)
        return fail(report, ok.error());
    return 0;
}

int consumeStream(Link& link, const Workload& work, SideReport& report) {
    Result<std::unique_ptr<Receiver>> receiver = link.openReceiver();
    if (!receiver)
        return fail(report, receiver.error());
    const std::uint64_t stride = clockStride(work.messageBytes);
    std::uint64_t messages = 0, warmNs = 0, warmCpu = 0, warmMessages = 0, start = 0;
    while (true) {
        Result<Received> message = receiveMessage(**receiver, work.xxh3);
        if (!message)
            return fail(report, message.error());
        if (message->end)
            break;
        if (message->bytes != work.messageBytes)
            return fail(report,
                        makeError(ErrorCode::Corrupt, "a message of the wrong size arrived"));
        ++messages;
        if (start == 0)
            start = monotonicNs();
        if (warmNs == 0 && messages % stride == 0) {
            const std::uint64_t now = monotonicNs();
            if (now >= start + work.warmupNs) {
                warmNs = now;
                warmCpu = processCpuNs();
                warmMessages = messages;
            }
        }
    }
    const std::uint64_t now = monotonicNs();
    if (warmNs == 0)
        return fail(report, makeError(ErrorCode::System, "the stream ended during the warm-up"));
    report.elapsedNs = now - warmNs;
    report.cpuNs = processCpuNs() - warmCpu;
    report.messages = messages - warmMessages;
    report.bytes = report.messages * work.messageBytes;
    return 0;
}

int produceLatency(Link& forward, Link& back, const Workload& work, RunReport& report) {
    Result<std::unique_ptr<Sender>> sender = forward.openSender();
    if (!sender)
        return fail(report.producer, sender.error());
    Result<std::unique_ptr<Receiver>> replies = back.openReceiver();
    if (!replies)
        return fail(report.producer, replies.error());
    const Payloads payloads(work.pool, work.messageBytes);

    // Ping-pong: half of each round trip of a message and its echo.
    const std::uint64_t pingEnd = monotonicNs() + work.pingNs;
    for (std::uint64_t k = 0; report.pingCount < kMaxLatencySamples; ++k) {
        const std::uint64_t sentNs = monotonicNs();
        if (sentNs >= pingEnd && k >= kMinRoundTrips)
            break;
        if (Status ok = (*sender)->send(payloads.at(k)); !ok)
            return fail(report.producer, ok.error());
        Result<Received> echo = receiveMessage(**replies, false);
        if (!echo)
            return fail(report.producer, echo.error());
        report.ping[report.pingCount++] = (monotonicNs() - sentNs) / 2;
    }
    if (Status ok = (*sender)->finish(); !ok)
        return fail(report.producer, ok.error());

    // Fixed-rate stream: the send time travels in the message's first 8 bytes. No stream when
    // the transport is too slow for one within the time given (streamRateHz 0).
    const auto periodNs =
        work.streamRateHz > 0 ? static_cast<std::uint64_t>(1e9 / work.streamRateHz) : 0;
    std::uint64_t next = monotonicNs() + periodNs;
    const std::uint64_t streamEnd = periodNs > 0 ? next + work.streamNs : 0;
    for (std::uint64_t k = 0; next < streamEnd; ++k) {
        sleepUntil(next);
        next += periodNs;
        payloads.stamp(k, monotonicNs());
        if (Status ok = (*sender)->send(payloads.at(k)); !ok)
            return fail(report.producer, ok.error());
    }
    if (Status ok = (*sender)->finish(); !ok)
        return fail(report.producer, ok.error());
    return 0;
}

int consumeLatency(Link& forward, Link& back, const Workload& work, RunReport& report) {
    Result<std::unique_ptr<Receiver>> receiver = forward.openReceiver();
    if (!receiver)
        return fail(report.consumer, receiver.error());
    Result<std::unique_ptr<Sender>> echoes = back.openSender();
    if (!echoes)
        return fail(report.consumer, echoes.error());
    const Payloads payloads(work.pool, work.messageBytes);
    for (std::uint64_t k = 0;; ++k) {
        Result<Received> message = receiveMessage(**receiver, work.xxh3);
        if (!message)
            return fail(report.consumer, message.error());
        if (message->end)
            break;
        if (Status ok = (*echoes)->send(payloads.at(k)); !ok)
            return fail(report.consumer, ok.error());
    }
    while (true) {
        Result<Received> message = receiveMessage(**receiver, work.xxh3);
        const std::uint64_t now = monotonicNs();
        if (!message)
            return fail(report.consumer, message.error());
        if (message->end)
            break;
        if (report.streamCount < kMaxLatencySamples)
            report.stream[report.streamCount++] = now - message->stampNs;
    }
    return 0;
}

int copyCeiling(const Workload& work, SideReport& report) {
    const Payloads source(work.pool, work.messageBytes);
    AlignedBuffer destination(std::max<std::uint64_t>(work.pool.size(), work.messageBytes));
    const std::uint64_t stride = roundUp64(work.messageBytes);
    const std::uint64_t slots = std::max<std::uint64_t>(1, destination.size() / stride);
    const std::uint64_t clock = clockStride(work.messageBytes);
    const std::uint64_t start = monotonicNs();
    const std::uint64_t warmEnd = start + work.warmupNs;
    const std::uint64_t end = warmEnd + work.measureNs;
    std::uint64_t warmNs = 0, warmCpu = 0, warmMessages = 0, now = start, k = 0;
    for (; now < end || warmNs == 0 || k < warmMessages + kMinMeasuredMessages; ++k) {
        const std::span<const std::byte> from = source.at(k);
        std::memcpy(destination.data() + (k % slots) * stride, from.data(), from.size());
        if ((k + 1) % clock == 0) {
            now = monotonicNs();
            if (warmNs == 0 && now >= warmEnd) {
                warmNs = now;
                warmCpu = processCpuNs();
                warmMessages = k + 1;
            }
        }
    }
    readEveryByte(destination.span().first(std::min<std::size_t>(destination.size(), 64)));
    report.elapsedNs = now - warmNs;
    report.cpuNs = processCpuNs() - warmCpu;
    report.messages = k - warmMessages;
    report.bytes = report.messages * work.messageBytes;
    return 0;
}

} // namespace shmscope::bench
