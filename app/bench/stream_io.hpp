// Length-prefixed messages over a byte stream (pipe, Unix socket, TCP): an 8-byte length, then
// the payload; length 0 ends the stream. Shared by the socket family.
#pragma once

#include "buffer.hpp"
#include "transport.hpp"

namespace shmscope::bench {

class StreamSender final : public Sender {
public:
    explicit StreamSender(int fd) : fd_(fd) {}
    ~StreamSender() override;
    Status send(std::span<const std::byte> payload) override;
    Status finish() override { return send({}); }

private:
    int fd_;
};

// Small messages are parsed out of a batch read; large ones are read straight into the
// message buffer, so every byte crosses the kernel boundary once.
class StreamReceiver final : public Receiver {
public:
    StreamReceiver(int fd, std::uint64_t messageBytes);
    ~StreamReceiver() override;
    Result<Piece> receive() override;

private:
    Status fill(std::size_t wanted);
    Status readExactly(std::byte* into, std::size_t bytes);

    int fd_;
    AlignedBuffer stream_;  // batch reads for small messages
    AlignedBuffer message_; // large messages
    std::size_t begin_ = 0; // unread bytes are stream_[begin_, end_)
    std::size_t end_ = 0;
};

} // namespace shmscope::bench
