#include "ring_link.hpp"

#include "buffer.hpp"
#include "shmscope/checksum.hpp"
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
    RingSender(RingEnd end, std::unique_ptr<RingProducer> producer, const RingLinkSetup& setup)
        : end_(std::move(end)), producer_(std::move(producer)),
          slotBytes_(setup.params.slotPayloadBytes),
          xxh3_(setup.params.checksum == ChecksumKind::Xxh3), zeroCopy_(setup.zeroCopy) {}
    ~RingSender() override {
        producer_.reset();
        end_.channel->releaseRecord();
    }

    Status send(std::span<const std::byte> payload) override {
        const std::uint64_t chunks =
            std::max<std::uint64_t>(1, (payload.size() + slotBytes_ - 1) / slotBytes_);
        ++sequence_;
        for (std::uint64_t index = 0; index < chunks; ++index) {
            const std::uint64_t offset = index * slotBytes_;
            const std::span<const std::byte> chunk = payload.subspan(
                offset, std::min<std::uint64_t>(slotBytes_, payload.size() - offset));
            MessageHeader header = makeHeader(index, chunks, payload.size(), chunk);
            if (Status ok = zeroCopy_ ? sendInPlace(header, chunk) : sendCopy(header, chunk); !ok)
                return ok;
        }
        return {};
    }

    Status finish() override { return send({}); }

private:
    MessageHeader makeHeader(std::uint64_t index, std::uint64_t chunks, std::uint64_t total,
                             std::span<const std::byte> chunk) const {
        MessageHeader header{};
        header.producer_record = end_.channel->recordIndex();
        header.incarnation = end_.channel->incarnation();
        header.sequence = sequence_;
        header.chunk_index = static_cast<std::uint32_t>(index);
        header.chunk_count = static_cast<std::uint32_t>(chunks);
        header.total_length = total;
        header.payload_length = static_cast<std::uint32_t>(chunk.size());
        header.flags = index + 1 == chunks ? kMsgLastChunk : 0;
        if (xxh3_)
            header.chunk_checksum = checksum64(chunk);
        return header;
    }

    Status sendCopy(MessageHeader header, std::span<const std::byte> chunk) {
        OutgoingMessage message{header, chunk};
        Result<PushStatus> pushed = producer_->push(message);
        if (!pushed)
            return pushed.error();
        if (*pushed != PushStatus::Committed)
            return makeError(ErrorCode::Stopped, "the ring stopped accepting messages");
        return {};
    }

    Status sendInPlace(MessageHeader header, std::span<const std::byte> chunk) {
        PushStatus status = PushStatus::Committed;
        Result<std::span<std::byte>> loan = producer_->loan(chunk.size(), status);
        if (!loan)
            return loan.error();
        if (status != PushStatus::Committed)
            return makeError(ErrorCode::Stopped, "the ring stopped accepting messages");
        std::memcpy(loan->data(), chunk.data(), chunk.size());
        Result<PushStatus> committed = producer_->commit(header, chunk.size());
        if (!committed)
            return committed.error();
        return {};
    }

    RingEnd end_;
    std::unique_ptr<RingProducer> producer_;
    std::uint64_t slotBytes_;
    bool xxh3_;
    bool zeroCopy_;
    std::uint64_t sequence_ = 0;
};

class RingReceiver final : public Receiver {
public:
    RingReceiver(RingEnd end, std::unique_ptr<RingConsumer> consumer, const RingLinkSetup& setup)
        : end_(std::move(end)), consumer_(std::move(consumer)), zeroCopy_(setup.zeroCopy) {
        if (!zeroCopy_)
            buffer_ = AlignedBuffer(setup.params.slotPayloadBytes);
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
    Piece piece(const MessageHeader& header, std::span<const std::byte> viewed) const {
        Piece piece;
        piece.bytes = zeroCopy_ ? viewed.first(header.payload_length)
                                : std::span<const std::byte>(buffer_.data(), header.payload_length);
        piece.checksum = header.chunk_checksum;
        piece.last = header.chunk_index + 1 >= header.chunk_count;
        piece.end = header.total_length == 0;
        return piece;
    }

    RingEnd end_;
    std::unique_ptr<RingConsumer> consumer_;
    bool zeroCopy_;
    AlignedBuffer buffer_;
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
    return std::unique_ptr<Sender>(
        std::make_unique<RingSender>(std::move(*end), std::move(*producer), setup_));
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
