#include "stream_io.hpp"

#include <cerrno>
#include <cstring>
#include <string>
#include <sys/uio.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

constexpr std::size_t kLengthBytes = sizeof(std::uint64_t);
constexpr std::size_t kStreamBufferBytes = 256 * 1024;
// Messages up to this size are parsed out of the batch buffer; larger ones get their own read.
constexpr std::size_t kBatchedMessageBytes = 16 * 1024;

Error systemError(const char* what) {
    return makeError(ErrorCode::System, std::string(what) + ": " + std::strerror(errno));
}

} // namespace

StreamSender::~StreamSender() { ::close(fd_); }

Status StreamSender::send(std::span<const std::byte> payload) {
    std::uint64_t length = payload.size();
    iovec parts[2] = {{&length, kLengthBytes},
                      {const_cast<std::byte*>(payload.data()), payload.size()}};
    int first = 0;
    while (first < 2) {
        const ssize_t written = ::writev(fd_, parts + first, 2 - first);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return systemError("write");
        }
        std::size_t left = static_cast<std::size_t>(written);
        while (first < 2 && left >= parts[first].iov_len) {
            left -= parts[first].iov_len;
            ++first;
        }
        if (first < 2) {
            parts[first].iov_base = static_cast<char*>(parts[first].iov_base) + left;
            parts[first].iov_len -= left;
        }
    }
    return {};
}

StreamReceiver::StreamReceiver(int fd, std::uint64_t messageBytes) : fd_(fd) {
    if (messageBytes > kBatchedMessageBytes)
        message_ = AlignedBuffer(messageBytes);
    else
        stream_ = AlignedBuffer(kStreamBufferBytes);
}

StreamReceiver::~StreamReceiver() { ::close(fd_); }

Status StreamReceiver::fill(std::size_t wanted) {
    if (end_ - begin_ >= wanted)
        return {};
    if (begin_ > 0) {
        std::memmove(stream_.data(), stream_.data() + begin_, end_ - begin_);
        end_ -= begin_;
        begin_ = 0;
    }
    while (end_ < wanted) {
        const ssize_t got = ::read(fd_, stream_.data() + end_, stream_.size() - end_);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return systemError("read");
        if (got == 0)
            return makeError(ErrorCode::System, "the producer closed the stream early");
        end_ += static_cast<std::size_t>(got);
    }
    return {};
}

Status StreamReceiver::readExactly(std::byte* into, std::size_t bytes) {
    while (bytes > 0) {
        const ssize_t got = ::read(fd_, into, bytes);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return systemError("read");
        if (got == 0)
            return makeError(ErrorCode::System, "the producer closed the stream early");
        into += got;
        bytes -= static_cast<std::size_t>(got);
    }
    return {};
}

Result<Piece> StreamReceiver::receive() {
    std::uint64_t length = 0;
    if (message_.empty()) {
        if (Status ok = fill(kLengthBytes); !ok)
            return ok.error();
        std::memcpy(&length, stream_.data() + begin_, kLengthBytes);
        begin_ += kLengthBytes;
    } else if (Status ok = readExactly(reinterpret_cast<std::byte*>(&length), kLengthBytes); !ok) {
        return ok.error();
    }
    Piece piece;
    if (length == 0) {
        piece.end = true;
        return piece;
    }
    if (message_.empty()) {
        if (length > kBatchedMessageBytes)
            return makeError(ErrorCode::Corrupt, "a message larger than expected arrived");
        if (Status ok = fill(length); !ok)
            return ok.error();
        piece.bytes = {stream_.data() + begin_, length};
        begin_ += length;
        return piece;
    }
    // Large messages: read straight into the message buffer, never through the batch buffer.
    if (length > message_.size())
        return makeError(ErrorCode::Corrupt, "a message larger than expected arrived");
    if (Status ok = readExactly(message_.data(), length); !ok)
        return ok.error();
    piece.bytes = {message_.data(), length};
    return piece;
}

} // namespace shmscope::bench
