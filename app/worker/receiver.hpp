// One chunk in: popped into a buffer or, with --zero-copy, viewed in place, and fed to a
// verify-only Reassembler (chunker.hpp) that checks every header, checksum and compressed chunk
// and says when a message is complete. Partial messages of producers seen dead are discarded
// (counted incomplete) whenever the ring is idle.
#pragma once

#include "options.hpp"
#include "shmscope/channel.hpp"
#include "shmscope/chunker.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/stats.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>

namespace shmscope::worker {

enum class Receipt {
    Completed, // a message is complete and verified: completed() describes it
    Chunk,     // a chunk was taken (accepted, discarded or corrupt; counted where it belongs)
    Empty,     // nothing arrived before the deadline
    Stopped,   // the stop flag was raised while waiting
};

class MessageReceiver {
public:
    static Result<MessageReceiver> create(const WorkerOptions& options, Channel& channel,
                                          RingConsumer& consumer, RecordWriter& stats);

    // Takes the next chunk, waiting at most until `deadlineNs`. An error is unrecoverable.
    Result<Receipt> receive(std::uint64_t deadlineNs);
    // Counts the reassembler's work not yet in the stats record (whole single-chunk messages are
    // counted every kCountEvery); call before the record is read for a summary.
    void flushCounters();
    [[nodiscard]] const CompletedMessage& completed() const { return reassembler_.completed(); }

private:
    struct FreeBuffer {
        void operator()(std::byte* bytes) const;
    };
    using Buffer = std::unique_ptr<std::byte, FreeBuffer>;

    MessageReceiver(Reassembler reassembler, Buffer buffer, std::uint64_t slotBytes, bool zeroCopy,
                    std::uint64_t skipCommittedBeforeNs, RingConsumer& consumer,
                    RecordWriter& stats);

    // --from latest under queue delivery: true (counted in drops) for a chunk committed before
    // this consumer attached.
    bool skipBacklog(const MessageHeader& header);
    // Slots the ring skipped and counted in this consumer's record (overrun, lost to a crash).
    [[nodiscard]] std::uint64_t skippedSlots() const;

    // The next slot's header and payload: a copy in buffer_, or a view to release afterwards.
    Result<PopStatus> take(MessageHeader& header, std::span<const std::byte>& payload,
                           std::uint64_t deadlineNs);

    Reassembler reassembler_;
    Buffer buffer_; // one slot's payload (copying consumers only)
    std::uint64_t slotBytes_;
    bool zeroCopy_;
    std::uint64_t skipCommittedBeforeNs_; // 0: deliver everything
    RingConsumer& consumer_;
    RecordWriter& stats_;
    std::uint32_t uncounted_ = 0;
    static constexpr std::uint32_t kCountEvery = 64;
};

} // namespace shmscope::worker
