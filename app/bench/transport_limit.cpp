// The limit family: what this machine can do between two processes, measured in the same run as
// the transports, so that every shm row can be read as a fraction of it.
//
// limit-ring  a bare ring with the row's slot count and slot size in an anonymous shared mapping
//             made before fork: a Lamport ring with cached indices, spinning, no message header,
//             no statistics, no checksum and no wake path (the slots are laid out as the rings'
//             are, 64 bytes apart, the header left unwritten). The producer copies each message in,
//             the consumer copies it out (copyBytes, as the copying shm rows do) and gives the
//             slot back. Messages larger than a slot take several slots, as the rings chunk them. The
//             cost of copying through a ring here.
// limit-line  one 64-byte line between the two processes: the sender writes a sequence number
//             (and the message's first 8 bytes, where the latency stream keeps its timestamp)
//             and waits for the receiver's acknowledgement in the same line. Its ping-pong and
//             stream latencies are the one-way floor of a line transfer; its throughput is one
//             message per round trip. The receiver hands the workload a local buffer of the
//             message's size holding those 8 bytes: only the line travels. Rows up to 64 B.
#include "buffer.hpp"
#include "transport.hpp"

#include "shmscope/copy.hpp"
#include "shmscope/params.hpp"
#include "shmscope/wait.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <utility>
#include <sys/mman.h>

namespace shmscope::bench {
namespace {

constexpr std::uint64_t kLineBytes = 64;

constexpr std::uint64_t kEndMark = std::uint64_t{1} << 63;

// An anonymous MAP_SHARED mapping: made by the parent before fork, shared by both children,
// gone with the last of the three processes. Nothing to clean up in /dev/shm.
class SharedMapping {
public:
    static Result<SharedMapping> create(std::uint64_t bytes) {
        void* base = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (base == MAP_FAILED)
            return makeError(ErrorCode::NoSpace, "no memory for a " + formatBytes(bytes) + " ring");
        return SharedMapping(static_cast<std::byte*>(base), bytes);
    }
    SharedMapping(SharedMapping&& other) noexcept
        : base_(std::exchange(other.base_, nullptr)), bytes_(other.bytes_) {}
    SharedMapping& operator=(SharedMapping&&) = delete;
    SharedMapping(const SharedMapping&) = delete;
    ~SharedMapping() {
        if (base_ != nullptr)
            ::munmap(base_, bytes_);
    }
    [[nodiscard]] std::byte* base() const { return base_; }

private:
    SharedMapping(std::byte* base, std::uint64_t bytes) : base_(base), bytes_(bytes) {}
    std::byte* base_;
    std::uint64_t bytes_;
};

// The control lines of the bare ring: head, tail and the ends of streams each on their own
// 128 bytes. A link carries several streams (a latency run sends its ping-pong, then its
// fixed-rate stream): the k-th end is the position where stream k stopped, so a receiver that
// falls behind still stops at each end in turn instead of reading the next stream as this one.
struct alignas(128) RingIndex {
    std::atomic<std::uint64_t> value{0};
};
constexpr std::uint64_t kMaxStreams = 8;
struct alignas(128) StreamEnds {
    std::atomic<std::uint64_t> at[kMaxStreams] = {}; // producer: 1 + the position of end k (release)
};
struct BareRing {
    RingIndex head; // producer: next position to write (release)
    RingIndex tail; // consumer: next position to read (release)
    StreamEnds ends;
};
constexpr std::uint64_t kBareRingSlotsOffset = 4096;
static_assert(sizeof(BareRing) <= kBareRingSlotsOffset);

// The shm rows' slot stride (a 64-byte header before each slot's payload): a stride of exactly a
// power of two would put every slot in the same cache sets, which the rings' layout avoids.
constexpr std::uint64_t kHeaderGapBytes = 64;

struct RingGeometry {
    std::uint64_t slots = 0;
    std::uint64_t slotBytes = 0;
    std::uint64_t messageBytes = 0;
    [[nodiscard]] std::uint64_t stride() const { return slotBytes + kHeaderGapBytes; }
    [[nodiscard]] std::uint64_t slotsPerMessage() const {
        return std::max<std::uint64_t>(1, (messageBytes + slotBytes - 1) / slotBytes);
    }
};

class BareRingSender final : public Sender {
public:
    BareRingSender(BareRing& ring, std::byte* slots, RingGeometry geometry)
        : ring_(ring), slots_(slots), geometry_(geometry), mask_(geometry.slots - 1) {}

    Status send(std::span<const std::byte> payload) override {
        for (std::uint64_t offset = 0; offset < payload.size(); offset += geometry_.slotBytes) {
            const std::uint64_t bytes = std::min(geometry_.slotBytes, payload.size() - offset);
            while (head_ - cachedTail_ >= geometry_.slots) {
                cachedTail_ = ring_.tail.value.load(std::memory_order_acquire);
                if (head_ - cachedTail_ >= geometry_.slots)
                    cpuRelax();
            }
            copyBytes(slots_ + (head_ & mask_) * geometry_.stride() + kHeaderGapBytes,
                         payload.data() + offset, bytes);
            ring_.head.value.store(++head_, std::memory_order_release);
        }
        return {};
    }

    Status finish() override {
        if (ends_ == kMaxStreams)
            return makeError(ErrorCode::Usage, "limit-ring carries at most 8 streams a link");
        // Before any later message's head store: whoever sees those messages sees this end.
        ring_.ends.at[ends_++].store(head_ + 1, std::memory_order_release);
        return {};
    }

private:
    BareRing& ring_;
    std::byte* slots_;
    RingGeometry geometry_;
    std::uint64_t mask_;
    std::uint64_t head_ = 0;
    std::uint64_t cachedTail_ = 0;
    std::uint64_t ends_ = 0;
};

class BareRingReceiver final : public Receiver {
public:
    BareRingReceiver(BareRing& ring, std::byte* slots, RingGeometry geometry)
        : ring_(ring), slots_(slots), geometry_(geometry), mask_(geometry.slots - 1),
          buffer_(geometry.slotBytes) {}

    Result<Piece> receive() override {
        // The next end is looked for after each reload of head and after each end: an end stored
        // after the last look lies at or beyond the cached head, so the receiver reloads (and
        // looks) before it gets there.
        while (tail_ == streamEnd_ || cachedHead_ == tail_) {
            if (tail_ == streamEnd_) {
                ++ends_;
                lookForEnd();
                Piece end;
                end.end = true;
                return end;
            }
            cachedHead_ = ring_.head.value.load(std::memory_order_acquire);
            lookForEnd();
            if (cachedHead_ == tail_ && tail_ != streamEnd_)
                cpuRelax();
        }
        const std::uint64_t perMessage = geometry_.slotsPerMessage();
        const std::uint64_t index = chunk_;
        const std::uint64_t offset = index * geometry_.slotBytes;
        const std::size_t bytes = std::min(geometry_.slotBytes, geometry_.messageBytes - offset);
        copyBytes(buffer_.data(), slots_ + (tail_ & mask_) * geometry_.stride() + kHeaderGapBytes, bytes);
        ring_.tail.value.store(++tail_, std::memory_order_release);
        Piece piece;
        piece.bytes = buffer_.span().first(bytes);
        piece.last = index + 1 == perMessage;
        chunk_ = piece.last ? 0 : index + 1;
        return piece;
    }

private:
    void lookForEnd() {
        const std::uint64_t at =
            ends_ < kMaxStreams ? ring_.ends.at[ends_].load(std::memory_order_acquire) : 0;
        streamEnd_ = at != 0 ? at - 1 : kNoEnd;
    }

    BareRing& ring_;
    std::byte* slots_;
    RingGeometry geometry_;
    std::uint64_t mask_;
    std::uint64_t tail_ = 0;
    std::uint64_t cachedHead_ = 0;
    std::uint64_t chunk_ = 0;
    std::uint64_t ends_ = 0; // ends of streams returned
    static constexpr std::uint64_t kNoEnd = ~std::uint64_t{0};
    std::uint64_t streamEnd_ = kNoEnd; // where the current stream ends, once known
    AlignedBuffer buffer_;
};

class BareRingLink final : public Link {
public:
    BareRingLink(SharedMapping mapping, RingGeometry geometry)
        : mapping_(std::move(mapping)), geometry_(geometry) {}
    Result<std::unique_ptr<Sender>> openSender() override {
        return std::unique_ptr<Sender>(std::make_unique<BareRingSender>(ring(), slots(), geometry_));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        return std::unique_ptr<Receiver>(std::make_unique<BareRingReceiver>(ring(), slots(), geometry_));
    }

private:
    BareRing& ring() { return *reinterpret_cast<BareRing*>(mapping_.base()); }
    std::byte* slots() { return mapping_.base() + kBareRingSlotsOffset; }
    SharedMapping mapping_;
    RingGeometry geometry_;
};

// The one line of limit-line.
struct alignas(kLineBytes) Line {
    std::atomic<std::uint64_t> sequence{0}; // sender: messages sent (kEndMark set at the end)
    std::atomic<std::uint64_t> taken{0};    // receiver: messages taken
    std::atomic<std::uint64_t> head{0};     // sender: the message's first 8 bytes
};
static_assert(sizeof(Line) == kLineBytes);

class LineSender final : public Sender {
public:
    explicit LineSender(Line& line) : line_(line) {}
    Status send(std::span<const std::byte> payload) override {
        awaitTaken();
        std::uint64_t head = 0;
        std::memcpy(&head, payload.data(), std::min(payload.size(), sizeof head));
        line_.head.store(head, std::memory_order_relaxed);
        line_.sequence.store(++sent_, std::memory_order_release);
        return {};
    }
    Status finish() override {
        awaitTaken();
        line_.sequence.store(++sent_ | kEndMark, std::memory_order_release);
        return {};
    }

private:
    void awaitTaken() {
        while (line_.taken.load(std::memory_order_acquire) != sent_)
            cpuRelax();
    }
    Line& line_;
    std::uint64_t sent_ = 0;
};

class LineReceiver final : public Receiver {
public:
    LineReceiver(Line& line, std::uint64_t messageBytes) : line_(line), buffer_(messageBytes) {}
    Result<Piece> receive() override {
        std::uint64_t sequence = 0;
        while (((sequence = line_.sequence.load(std::memory_order_acquire)) & ~kEndMark) == taken_)
            cpuRelax();
        Piece piece;
        if ((sequence & kEndMark) != 0) {
            line_.taken.store(++taken_, std::memory_order_release);
            piece.end = true;
            return piece;
        }
        const std::uint64_t head = line_.head.load(std::memory_order_relaxed);
        std::memcpy(buffer_.data(), &head, std::min<std::size_t>(buffer_.size(), sizeof head));
        piece.bytes = buffer_.span();
        return piece;
    }
    Status release() override {
        if ((line_.sequence.load(std::memory_order_relaxed) & kEndMark) == 0)
            line_.taken.store(++taken_, std::memory_order_release);
        return {};
    }

private:
    Line& line_;
    AlignedBuffer buffer_;
    std::uint64_t taken_ = 0;
};

class LineLink final : public Link {
public:
    LineLink(SharedMapping mapping, std::uint64_t messageBytes)
        : mapping_(std::move(mapping)), messageBytes_(messageBytes) {}
    Result<std::unique_ptr<Sender>> openSender() override {
        return std::unique_ptr<Sender>(std::make_unique<LineSender>(line()));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        return std::unique_ptr<Receiver>(std::make_unique<LineReceiver>(line(), messageBytes_));
    }

private:
    Line& line() { return *reinterpret_cast<Line*>(mapping_.base()); }
    SharedMapping mapping_;
    std::uint64_t messageBytes_;
};

} // namespace

Result<std::unique_ptr<Link>> makeLimitLink(const TransportSpec& spec, const LinkConfig& config) {
    if (spec.base == "limit-line") {
        if (config.messageBytes > kLineBytes)
            return makeError(ErrorCode::Usage, "limit-line measures one cache line: rows up to 64 B");
        Result<SharedMapping> mapping = SharedMapping::create(kLineBytes);
        if (!mapping)
            return mapping.error();
        new (mapping->base()) Line;
        return std::unique_ptr<Link>(std::make_unique<LineLink>(std::move(*mapping), config.messageBytes));
    }
    const RingGeometry geometry{config.slots, roundUp64(std::max<std::uint64_t>(config.slotBytes, 1)),
                                config.messageBytes};
    Result<SharedMapping> mapping =
        SharedMapping::create(kBareRingSlotsOffset + geometry.slots * geometry.stride());
    if (!mapping)
        return mapping.error();
    new (mapping->base()) BareRing;
    return std::unique_ptr<Link>(std::make_unique<BareRingLink>(std::move(*mapping), geometry));
}

} // namespace shmscope::bench
