// The rings: one producer or consumer endpoint per process, for each sync strategy of
// docs/PROTOCOL.md's table. Endpoints copy whole slots (header + payload); checksums, chunking and
// compression are the caller's business.
//
// Who calls what: an endpoint belongs to the process that made it (makeProducer in a producer,
// makeConsumer in a consumer), one per Channel object (it acts for the Channel's claimed record),
// and is used from one thread. Errors are values: a Usage error reports misuse and leaves the ring
// untouched; any other error is unrecoverable (a dead lock owner): the endpoint cannot be used
// further, and the tools release their record and exit 1 with the message.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/layout.hpp"
#include "shmscope/result.hpp"
#include "shmscope/stats.hpp"
#include "shmscope/wait.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

namespace shmscope {

inline constexpr std::uint32_t kDefaultStampEvery = 64;

struct EndpointOptions {
    WaitPolicy wait;
    std::uint64_t stallTimeoutNs = 2'000'000'000;
    const std::atomic<bool>* stop = nullptr;       // SIGINT/SIGTERM
    std::uint64_t stopAtNs = UINT64_MAX;           // CLOCK_MONOTONIC: --duration ends waits here
    const std::atomic<std::uint32_t>* holdMs = nullptr; // stay this long in each critical section
    // Producers: commit_ns (a clock read) goes on one message in this many, 0 on the others
    // (docs/PROTOCOL.md, message header). Null: kDefaultStampEvery. A paced producer sets 1.
    const std::atomic<std::uint32_t>* stampEvery = nullptr;
    bool fromLatest = false;                       // broadcast consumer: start at the newest message
    // Called when a wait cannot end (the boost-mutex strategy blocked inside Boost on a lock whose
    // owner died); must not return. Default: print the message and _exit(1).
    std::function<void(const Error&)> fatal;
};

enum class PushStatus {
    Committed,  // the message is in the ring
    Dropped,    // backpressure drop-newest: the ring was full (counted in drops)
    Stopped,    // the stop flag was raised while waiting
};

enum class PopStatus {
    Delivered,  // `header` and `payload` hold a message (header copied and bounds-checked)
    Corrupt,    // a slot whose header failed validation was consumed (counted in corrupt)
    Abandoned,  // a slot a dead producer left half-written was skipped (counted lost_to_crash)
    Empty,      // nothing arrived before the deadline
    Stopped,    // the stop flag was raised while waiting
};

// A message to write: the header fields the producer owns; the ring sets commit_ns.
struct OutgoingMessage {
    MessageHeader header{};
    std::span<const std::byte> payload;
};

class RingProducer {
public:
    virtual ~RingProducer() = default;
    // Blocks (per backpressure) until the message is in the ring; sets message.header.commit_ns
    // (a clock reading, or 0: EndpointOptions::stampEvery).
    // Returns Committed, Dropped or Stopped. Errors, all unrecoverable: Usage (a payload larger
    // than a slot), DeadOwner (a lock or permit of a dead process that cannot be recovered,
    // "lock held by dead process N").
    virtual Result<PushStatus> push(OutgoingMessage& message) = 0;

    // Zero-copy: claim a slot (blocking per backpressure, like push) and get its payload area to
    // fill in place; then commit() publishes it with `header` (payload_length = `bytes`).
    // Dropped/Stopped come back as an empty span with `status` set. Misuse — a loan while one is
    // open, a loan larger than a slot, a commit without a loan or larger than the loan — is an
    // ErrorCode::Usage error that leaves the ring untouched.
    virtual Result<std::span<std::byte>> loan(std::size_t bytes, PushStatus& status);
    virtual Result<PushStatus> commit(MessageHeader header, std::size_t bytes);

    // Queue delivery with several consumers (docs/PROTOCOL.md, runs): reserves `slots`
    // consecutive slots (2 … slot_count) in one index advance, blocking or dropping the whole
    // message per backpressure as push does for one. The next `slots` pushes or loans fill the
    // run in order and never block; the run becomes visible when its last slot is published, and
    // one consumer takes all of it. A strategy without runs (runsSupported() false) returns an
    // ErrorCode::Usage error, as does a reservation while a run or a loan is open.
    virtual Result<PushStatus> reserveRun(std::uint32_t slots);
    [[nodiscard]] virtual bool runsSupported() const { return false; }
    // Slots of the reserved run still to fill (0 outside a run).
    [[nodiscard]] virtual std::uint32_t runSlotsLeft() const { return 0; }
};

class RingConsumer {
public:
    virtual ~RingConsumer() = default;
    // Copies the next message's header and payload (payload.size() must be >= the slot's payload
    // bytes). Waits at most until `deadlineNs` (CLOCK_MONOTONIC) for one to arrive. Returns a
    // PopStatus; errors (unrecoverable): DeadOwner, as for push.
    virtual Result<PopStatus> pop(MessageHeader& header, std::span<std::byte> payload,
                                  std::uint64_t deadlineNs) = 0;
    // True when nothing is left to read (for "every producer closed and the ring is drained").
    [[nodiscard]] virtual bool drained() const = 0;

    // Zero-copy: a read-only view of the next message in place (Delivered), valid until
    // release(). A second view before release, or release without a view, is a Usage error, as
    // is a view on a ring without views (the strategies validateCombination refuses with
    // zero-copy).
    virtual Result<PopStatus> view(MessageHeader& header, std::span<const std::byte>& payload,
                                   std::uint64_t deadlineNs);
    virtual Status release();

    // Gives back at once the slots this consumer has read but still holds. Rings that give slots
    // back in batches (spsc) hold at most a few; they give them back on their own before any wait
    // and when a batch ends. Call it before pausing or sleeping between messages, so that the
    // producer and monitors see them free.
    virtual void releaseHeld() {}
};

// Creates the endpoint for the channel's strategy. The channel must have a claimed record (else a
// Usage error); its RecordWriter receives the lock and wait statistics. `channel` and `stats`
// must outlive the endpoint. Errors: RoleTaken when the strategy allows no further producer or
// consumer, Corrupt (an unknown strategy in the header). makeProducer in a producer process,
// makeConsumer in a consumer process, after Channel::claimRecord with that role.
Result<std::unique_ptr<RingProducer>> makeProducer(Channel& channel, RecordWriter& stats,
                                                   const EndpointOptions& options);
Result<std::unique_ptr<RingConsumer>> makeConsumer(Channel& channel, RecordWriter& stats,
                                                   const EndpointOptions& options);

} // namespace shmscope
