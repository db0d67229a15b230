// One message out: split into slot-sized chunks (chunker.hpp), each pushed or, with --zero-copy,
// written into a loaned slot in place. Owns the rules docs/PROTOCOL.md sets for a message as a
// whole: drop-newest decides at the first chunk; while more than one queue consumer is attached, a
// message needing several slots goes as one run of slots that one consumer takes whole (or is
// refused where no run can hold it); SIGTERM mid-message finishes or abandons it.
#pragma once

#include "options.hpp"
#include "output.hpp"
#include "shmscope/channel.hpp"
#include "shmscope/chunker.hpp"
#include "shmscope/payload.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/stats.hpp"

#include <atomic>
#include <cstdint>

namespace shmscope::worker {

enum class SendOutcome {
    Sent,    // every chunk is in the ring
    Dropped, // drop-newest at the first chunk: nothing was sent (the ring counted the drop)
    Refused, // several queue consumers attached and no run can hold it: larger than the ring, or
             // a strategy without runs (counted in drops)
    Stopped, // stopped before the first chunk, or mid-message (then abandoned)
};

class MessageSender {
public:
    // `pool` must stay where it is while the sender lives (its message source refers to it).
    static Result<MessageSender> create(const WorkerOptions& options, Channel& channel,
                                        RingProducer& producer, RecordWriter& stats,
                                        PayloadPool& pool, const Output& output,
                                        const std::atomic<bool>& stop);

    // Sends message `sequence` of `bytes` bytes. An error is unrecoverable (exit 1).
    Result<SendOutcome> send(std::uint64_t sequence, std::uint64_t bytes);
    // Counts the chunker's work not yet in the stats record (the small-message path counts it
    // every kCountEvery messages); call before the record is read for a summary.
    void flushCounters() { takeCounters(); }

private:
    MessageSender(Chunker chunker, const WorkerOptions& options, Channel& channel,
                  RingProducer& producer, RecordWriter& stats, PayloadPool& pool,
                  const Output& output, const std::atomic<bool>& stop);

    enum class Placement { Chunks, Run, Refused };
    // How the message just begun must go: chunk by chunk, as one run, or not at all.
    [[nodiscard]] Placement placement(std::uint64_t bytes);
    // Moves the chunker's next chunk into the ring (retrying a mid-message drop-newest).
    Result<PushStatus> pushChunk(bool first);
    Result<PushStatus> pushCopy(bool first);
    Result<PushStatus> pushInPlace(bool first);
    // A message that fits one slot uncompressed, copied: no chunker state, no message source.
    Result<SendOutcome> sendSingle(std::uint64_t sequence, std::uint64_t bytes);
    // Retried pushes of a chunk after the first must not count as drops: the message is not
    // dropped, the producer waits for space as under block.
    void undoDrop();
    void abandon();
    // Counts the chunker's work since the last call into the stats record.
    void takeCounters();

    Chunker chunker_;
    const WorkerOptions& options_;
    Channel& channel_;
    RingProducer& producer_;
    RecordWriter& stats_;
    PayloadPool& pool_;
    const Output& output_;
    const std::atomic<bool>& stop_;
    std::uint64_t slotBytes_;
    std::uint32_t slotCount_;
    bool severalConsumersPossible_; // queue delivery with a strategy that admits several
    bool refusalReported_ = false;
    std::uint32_t uncounted_ = 0; // small messages since the last takeCounters()
    static constexpr std::uint32_t kCountEvery = 64;
};

} // namespace shmscope::worker
