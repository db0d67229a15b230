#include "receiver.hpp"

#include "shmscope/params.hpp"
#include "shmscope/wait.hpp"

#include <algorithm>
#include <cstdlib>

namespace shmscope::worker {

void MessageReceiver::FreeBuffer::operator()(std::byte* bytes) const {
    std::free(bytes); // NOLINT: from aligned_alloc
}

Result<MessageReceiver> MessageReceiver::create(const WorkerOptions& options, Channel& channel,
                                                RingConsumer& consumer, RecordWriter& stats) {
    const std::uint64_t slotBytes = channel.params().slotPayloadBytes;
    ReassemblerConfig config;
    config.chunkBytes = slotBytes;
    config.maxMessageBytes = options.maxMessageBytes;
    config.checksum = channel.params().checksum;
    config.verifyOnly = true; // the worker measures: memory stays at one chunk per message
    // Liveness by the record's OFD lock (docs/PROTOCOL.md), never by a timeout: a live producer may
    // be stalled by backpressure. A reused record (another incarnation) means the producer left.
    const Channel* seen = &channel;
    config.producerAlive = [seen](std::uint32_t record, std::uint32_t incarnation) {
        const StatsRecord& owner = seen->record(record);
        return owner.incarnation.load(std::memory_order_acquire) == incarnation &&
               owner.state.load(std::memory_order_acquire) ==
                   static_cast<std::uint32_t>(RecordState::Active) &&
               seen->recordAlive(record);
    };
    Result<Reassembler> reassembler = Reassembler::create(std::move(config));
    if (!reassembler)
        return reassembler.error();
    Buffer buffer;
    if (!options.zeroCopy) {
        buffer.reset(static_cast<std::byte*>(std::aligned_alloc(kCacheLine, slotBytes)));
        if (!buffer)
            return makeError(ErrorCode::NoSpace,
                             "no memory for a " + formatBytes(slotBytes) + " receive buffer");
    }
    // docs/CLI.md --from latest under queue delivery: what was committed before this consumer came
    // is taken and discarded (counted in its drops), so it starts with the next message.
    const bool fromLatestQueue = options.from == StartFrom::Latest && channel.params().delivery == Delivery::Queue;
    return MessageReceiver(std::move(*reassembler), std::move(buffer), slotBytes, options.zeroCopy,
                           fromLatestQueue ? monotonicNs() : 0, consumer, stats);
}

MessageReceiver::MessageReceiver(Reassembler reassembler, Buffer buffer, std::uint64_t slotBytes,
                                 bool zeroCopy, std::uint64_t skipCommittedBeforeNs,
                                 RingConsumer& consumer, RecordWriter& stats)
    : reassembler_(std::move(reassembler)), buffer_(std::move(buffer)), slotBytes_(slotBytes),
      zeroCopy_(zeroCopy), skipCommittedBeforeNs_(skipCommittedBeforeNs), consumer_(consumer),
      stats_(stats) {}

std::uint64_t MessageReceiver::skippedSlots() const {
    return stats_.get(Counter::Overrun) + stats_.get(Counter::LostToCrash);
}

bool MessageReceiver::skipBacklog(const MessageHeader& header) {
    if (skipCommittedBeforeNs_ == 0)
        return false;
    // Producers stamp one message in 64 (0 on the others): an unstamped message counts as
    // backlog until a stamped one shows the stream has reached the time this consumer came, so
    // up to 63 messages committed just after it came may be skipped too (counted in drops).
    if (header.commit_ns != 0 && header.commit_ns >= skipCommittedBeforeNs_) {
        skipCommittedBeforeNs_ = 0; // caught up: from here on everything counts
        return false;
    }
    stats_.add(Counter::Drops);
    return true;
}

Result<PopStatus> MessageReceiver::take(MessageHeader& header, std::span<const std::byte>& payload,
                                        std::uint64_t deadlineNs) {
    if (zeroCopy_)
        return consumer_.view(header, payload, deadlineNs);
    const std::span<std::byte> slot(buffer_.get(), static_cast<std::size_t>(slotBytes_));
    Result<PopStatus> popped = consumer_.pop(header, slot, deadlineNs);
    if (popped && *popped == PopStatus::Delivered) // the ring bounded payload_length by the slot
        payload = slot.first(std::min<std::size_t>(header.payload_length, slot.size()));
    return popped;
}

Result<Receipt> MessageReceiver::receive(std::uint64_t deadlineNs) {
    MessageHeader header{};
    std::span<const std::byte> payload;
    const std::uint64_t skippedBefore = skippedSlots();
    Result<PopStatus> popped = take(header, payload, deadlineNs);
    if (!popped)
        return popped.error();
    if (skippedSlots() != skippedBefore)
        reassembler_.slotsSkipped();
    switch (*popped) {
    case PopStatus::Stopped:
        return Receipt::Stopped;
    case PopStatus::Empty:
        reassembler_.checkProducers(); // idle: a good moment to look for dead producers
        flushCounters();
        return Receipt::Empty;
    case PopStatus::Corrupt: // the ring counted it (corrupt, lost_to_crash)
    case PopStatus::Abandoned:
        return Receipt::Chunk;
    case PopStatus::Delivered:
        break;
    }
    if (skipBacklog(header)) {
        if (zeroCopy_) {
            if (Status released = consumer_.release(); !released)
                return released.error();
        }
        return Receipt::Chunk;
    }
    Result<ChunkOutcome> outcome = reassembler_.accept(header, payload);
    if (zeroCopy_) {
        if (Status released = consumer_.release(); !released)
            return released.error();
    }
    if (!outcome)
        return outcome.error();
    // Chunks, corrupt, incomplete, codec bytes: at once for anything but a whole one-chunk
    // message, whose chunk is counted within kCountEvery messages.
    const bool whole = *outcome == ChunkOutcome::Completed && header.chunk_count == 1;
    if (!whole || ++uncounted_ >= kCountEvery)
        flushCounters();
    return *outcome == ChunkOutcome::Completed ? Receipt::Completed : Receipt::Chunk;
}

void MessageReceiver::flushCounters() {
    uncounted_ = 0;
    reassembler_.takeCounters().addTo(stats_);
}

} // namespace shmscope::worker
