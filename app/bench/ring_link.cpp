#include "ring_link.hpp"

#include "buffer.hpp"
#include "shmscope/checksum.hpp"
#include "shmscope/chunker.hpp"
#include "shmscope/codec.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/snapshot.hpp"
#include "shmscope/stats.hpp"

#include <algorithm>
#include <cstring>
#include <unistd.h>

namespace shmscope::bench {
namespace {

// One attached end: the channel, its stats record and the endpoint, in destruction order.
struct RingEnd {
    std::unique_ptr<Channel> channel;
    std::unique_ptr<RecordWriter> stats;
};

Result<RingEnd> attach(const RingLinkSetup& setup, Role role) {
    OpenOptions options;
    options.mode = OpenMode::Create;
    options.params = setup.params;
    options.given = GivenParams{true, true, true, true, true, true, true, false, false};
    options.path = setup.path;
    Result<Channel> channel = Channel::open(setup.channelName, options);
    if (!channel)
        return channel.error();
    RingEnd end;
    end.channel = std::make_unique<Channel>(std::move(*channel));
    Result<std::uint32_t> record = end.channel->claimRecord(role);
    if (!record)
        return record.error();
    end.stats = std::make_unique<RecordWriter>(&end.channel->record(*record));
    return end;
}

EndpointOptions endpointOptions(const RingLinkSetup& setup) {
    EndpointOptions options;
    options.wait = setup.wait;
    return options;
}

class RingSender final : public Sender {
public:
    RingSender(RingEnd end, std::unique_ptr<RingProducer> producer, Chunker chunker,
               const RingLinkSetup& setup)
        : end_(std::move(end)), producer_(std::move(producer)), chunker_(std::move(chunker)),
          zeroCopy_(setup.zeroCopy), timeTransport_(setup.compress == CompressMode::Auto) {}
    ~RingSender() override {
        producer_.reset();
        end_.channel->releaseRecord();
    }

    // The core chunker splits the message into slot-sized chunks (compressing and checksumming
    // them as configured); each chunk is pushed, or written straight into a loaned slot.
    Status send(std::span<const std::byte> payload) override {
        MessageHeader identity{};
        identity.producer_record = end_.channel->recordIndex();
        identity.incarnation = end_.channel->incarnation();
        identity.sequence = ++sequence_;
        if (!zeroCopy_ && chunker_.singleFits(payload.size())) { // the small-message path
            Result<MessageHeader> header = chunker_.single(identity, payload);
            if (!header)
                return header.error();
            OutgoingMessage message{*header, payload};
            return pushed(producer_->push(message));
        }
        const ChunkSource source = [payload](std::uint64_t offset, std::size_t bytes) {
            return payload.subspan(offset, bytes);
        };
        if (Status ok = chunker_.begin(identity, payload.size(), source); !ok)
            return ok;
        while (!chunker_.done()) {
            // Only --compress auto weighs codec time against transport time: the other rows
            // read no clock per chunk.
            const std::uint64_t startNs = timeTransport_ ? monotonicNs() : 0;
            Result<std::uint64_t> moved = zeroCopy_ ? sendInPlace() : sendCopy();
            if (!moved)
                return moved.error();
            if (timeTransport_)
                chunker_.recordTransport(*moved, monotonicNs() - startNs);
        }
        return {};
    }

    // An empty message (total_length 0) ends the stream; the chunker makes no empty messages.
    Status finish() override {
        MessageHeader header{};
        header.producer_record = end_.channel->recordIndex();
        header.incarnation = end_.channel->incarnation();
        header.sequence = ++sequence_;
        header.chunk_count = 1;
        header.flags = kMsgLastChunk;
        OutgoingMessage message{header, {}};
        return pushed(producer_->push(message));
    }

private:
    static Status pushed(const Result<PushStatus>& status) {
        if (!status)
            return status.error();
        if (*status != PushStatus::Committed)
            return makeError(ErrorCode::Stopped, "the ring stopped accepting messages");
        return {};
    }

    Result<std::uint64_t> sendCopy() {
        Result<Chunk> chunk = chunker_.next();
        if (!chunk)
            return chunk.error();
        OutgoingMessage message{chunk->header, chunk->payload};
        if (Status ok = pushed(producer_->push(message)); !ok)
            return ok.error();
        return chunk->payload.size();
    }

    Result<std::uint64_t> sendInPlace() {
        PushStatus status = PushStatus::Committed;
        Result<std::span<std::byte>> loan =
            producer_->loan(end_.channel->params().slotPayloadBytes, status);
        if (!loan)
            return loan.error();
        if (status != PushStatus::Committed)
            return makeError(ErrorCode::Stopped, "the ring stopped accepting messages");
        Result<MessageHeader> header = chunker_.nextInto(*loan);
        if (!header)
            return header.error();
        if (Status ok = pushed(producer_->commit(*header, header->payload_length)); !ok)
            return ok.error();
        return header->payload_length;
    }

    RingEnd end_;
    std::unique_ptr<RingProducer> producer_;
    Chunker chunker_;
    bool zeroCopy_;
    bool timeTransport_;
    std::uint64_t sequence_ = 0;
};

class RingReceiver final : public Receiver {
public:
    RingReceiver(RingEnd end, std::unique_ptr<RingConsumer> consumer, const RingLinkSetup& setup)
        : end_(std::move(end)), consumer_(std::move(consumer)), zeroCopy_(setup.zeroCopy),
          xxh3_(setup.params.checksum == ChecksumKind::Xxh3),
          slotBytes_(setup.params.slotPayloadBytes) {
        if (!zeroCopy_)
            buffer_ = AlignedBuffer(slotBytes_);
    }
    ~RingReceiver() override {
        consumer_.reset();
        end_.channel->releaseRecord();
    }

    Result<Piece> receive() override {
        while (true) {
            MessageHeader header{};
            std::span<const std::byte> bytes;
            Result<PopStatus> popped = zeroCopy_
                                           ? consumer_->view(header, bytes, UINT64_MAX)
                                           : consumer_->pop(header, buffer_.span(), UINT64_MAX);
            if (!popped)
                return popped.error();
            switch (*popped) {
            case PopStatus::Delivered:
                return piece(header, bytes);
            case PopStatus::Empty:
                continue;
            case PopStatus::Corrupt:
                return makeError(ErrorCode::Corrupt, "a corrupt slot arrived");
            case PopStatus::Abandoned:
                return makeError(ErrorCode::Corrupt, "an abandoned slot arrived");
            case PopStatus::Stopped:
                return makeError(ErrorCode::Stopped, "stopped");
            }
        }
    }

    Status release() override { return zeroCopy_ ? consumer_->release() : Status{}; }

private:
    Result<Piece> piece(const MessageHeader& header, std::span<const std::byte> viewed) {
        Piece piece;
        piece.bytes = zeroCopy_ ? viewed.first(header.payload_length)
                                : std::span<const std::byte>(buffer_.data(), header.payload_length);
        piece.checksum = header.chunk_checksum;
        piece.last = header.chunk_index + 1 >= header.chunk_count;
        piece.end = header.total_length == 0;
        if ((header.flags & kMsgCompressed) != 0)
            return decompress(header, piece);
        return piece;
    }

    // The checksum covers the bytes in the slot: verified before decoding, then the consumer
    // reads the decoded chunk.
    Result<Piece> decompress(const MessageHeader& header, Piece piece) {
        if (xxh3_ && checksum64(piece.bytes) != header.chunk_checksum)
            return makeError(ErrorCode::Corrupt, "checksum mismatch");
        const std::uint64_t offset = std::uint64_t{header.chunk_index} * slotBytes_;
        if (offset >= header.total_length)
            return makeError(ErrorCode::Corrupt, "a chunk beyond its message arrived");
        const std::uint64_t bytes = std::min(slotBytes_, header.total_length - offset);
        if (decoded_.empty())
            decoded_ = AlignedBuffer(slotBytes_);
        std::uint64_t codecNs = 0;
        if (Status ok = codec_.decode(piece.bytes, decoded_.span().first(bytes), codecNs); !ok)
            return ok.error();
        piece.bytes = decoded_.span().first(bytes);
        piece.verified = true;
        return piece;
    }

    RingEnd end_;
    std::unique_ptr<RingConsumer> consumer_;
    bool zeroCopy_;
    bool xxh3_;
    std::uint64_t slotBytes_;
    AlignedBuffer buffer_;
    AlignedBuffer decoded_;
    ChunkCodec codec_;
};

} // namespace

ChannelParams ringParams(const TransportSpec& spec, const LinkConfig& config) {
    ChannelParams params;
    params.sync = SyncKind::Spsc;
    if (spec.base == "shm-mpmc")
        params.sync = SyncKind::Mpmc;
    else if (spec.base == "shm-mutex")
        params.sync = SyncKind::Mutex;
    else if (spec.base == "shm-semaphore")
        params.sync = SyncKind::Semaphore;
    else if (spec.base == "shm-boost-mutex")
        params.sync = SyncKind::BoostMutex;
    if (spec.base == "shm-broadcast")
        params.delivery = Delivery::Broadcast;
    params.checksum = config.xxh3 ? ChecksumKind::Xxh3 : ChecksumKind::None;
    params.slotCount = config.slots;
    params.slotPayloadBytes = config.slotBytes;
    return params;
}

Result<std::unique_ptr<Sender>> RingLink::openSender() {
    Result<RingEnd> end = attach(setup_, Role::Producer);
    if (!end)
        return end.error();
    Result<std::unique_ptr<RingProducer>> producer =
        makeProducer(*end->channel, *end->stats, endpointOptions(setup_));
    if (!producer)
        return producer.error();
    ChunkerConfig chunking;
    chunking.chunkBytes = setup_.params.slotPayloadBytes;
    chunking.checksum = setup_.params.checksum;
    chunking.compress = setup_.compress;
    Result<Chunker> chunker = Chunker::create(chunking);
    if (!chunker)
        return chunker.error();
    return std::unique_ptr<Sender>(std::make_unique<RingSender>(
        std::move(*end), std::move(*producer), std::move(*chunker), setup_));
}

Result<std::unique_ptr<Receiver>> RingLink::openReceiver() {
    Result<RingEnd> end = attach(setup_, Role::Consumer);
    if (!end)
        return end.error();
    Result<std::unique_ptr<RingConsumer>> consumer =
        makeConsumer(*end->channel, *end->stats, endpointOptions(setup_));
    if (!consumer)
        return consumer.error();
    return std::unique_ptr<Receiver>(
        std::make_unique<RingReceiver>(std::move(*end), std::move(*consumer), setup_));
}

void RingLink::cleanup() {
    if (setup_.path.empty()) {
        (void)removeChannel(setup_.channelName);
        return;
    }
    ::unlink(setup_.path.c_str());
    ::unlink((setup_.path + ".ctl").c_str());
}

} // namespace shmscope::bench
