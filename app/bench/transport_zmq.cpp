// ZeroMQ PUSH/PULL over ipc:// (a Unix socket underneath), configured as ZeroMQ's guide advises
// for the message size: small messages are copied by zmq_send (ZeroMQ keeps them in the message
// itself); large ones are sent without a copy (zmq_msg_init_data over the producer's pool, which
// lives as long as the process), with kernel socket buffers sized for them. The I/O thread
// writes them; the consumer reads the received message in place.
#include "transport.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <unistd.h>
#include <zmq.h>

namespace shmscope::bench {
namespace {

// Closing waits for unsent messages (the end marker) however long the consumer takes; a dead
// consumer is the runner's business (its timeout).
constexpr int kLingerForever = -1;
// Queue depth in messages: at least the ring's slots, at most ZeroMQ's default of 1000, and no
// more than this many bytes queued per socket.
constexpr std::uint64_t kQueuedBytes = 64ull * 1024 * 1024;
constexpr std::uint64_t kDefaultHighWater = 1000;
// From this size on a message is sent without a copy: below it the copy costs less than the
// bookkeeping of a message that refers to the caller's buffer.
constexpr std::uint64_t kZeroCopyBytes = 64 * 1024;
// Kernel socket buffers for large messages (ZMQ_SNDBUF, ZMQ_RCVBUF): a few messages' worth, so
// that the I/O threads move each in a few system calls.
constexpr std::uint64_t kLargeSocketBuffer = 4ull * 1024 * 1024;

Error zmqError(const char* what) {
    return makeError(ErrorCode::System,
                     std::string("zmq ") + what + ": " + zmq_strerror(zmq_errno()));
}

// A context and one socket, closed in order.
class ZmqSocket {
public:
    ZmqSocket() : context_(zmq_ctx_new()) {}
    ~ZmqSocket() {
        if (socket_ != nullptr)
            zmq_close(socket_);
        if (context_ != nullptr)
            zmq_ctx_term(context_);
    }
    ZmqSocket(const ZmqSocket&) = delete;
    ZmqSocket& operator=(const ZmqSocket&) = delete;

    Status open(int type, int highWater, std::uint64_t messageBytes) {
        if (context_ == nullptr)
            return zmqError("context");
        socket_ = zmq_socket(context_, type);
        if (socket_ == nullptr)
            return zmqError("socket");
        zmq_setsockopt(socket_, ZMQ_SNDHWM, &highWater, sizeof highWater);
        zmq_setsockopt(socket_, ZMQ_RCVHWM, &highWater, sizeof highWater);
        zmq_setsockopt(socket_, ZMQ_LINGER, &kLingerForever, sizeof kLingerForever);
        if (messageBytes >= kZeroCopyBytes) {
            const int buffer = static_cast<int>(kLargeSocketBuffer);
            zmq_setsockopt(socket_, ZMQ_SNDBUF, &buffer, sizeof buffer);
            zmq_setsockopt(socket_, ZMQ_RCVBUF, &buffer, sizeof buffer);
        }
        return {};
    }
    [[nodiscard]] void* get() const { return socket_; }

private:
    void* context_;
    void* socket_ = nullptr;
};

class ZmqSender final : public Sender {
public:
    Status open(const std::string& endpoint, int highWater, std::uint64_t messageBytes) {
        if (Status ok = socket_.open(ZMQ_PUSH, highWater, messageBytes); !ok)
            return ok;
        if (zmq_connect(socket_.get(), endpoint.c_str()) != 0)
            return zmqError("connect");
        return {};
    }
    Status send(std::span<const std::byte> payload) override {
        if (payload.size() < kZeroCopyBytes)
            return sendCopy(payload);
        // The pool outlives every message sent from it: nothing to free.
        zmq_msg_t message;
        if (zmq_msg_init_data(&message, const_cast<std::byte*>(payload.data()), payload.size(),
                              nullptr, nullptr) != 0)
            return zmqError("message");
        while (zmq_msg_send(&message, socket_.get(), 0) < 0) {
            if (zmq_errno() != EINTR) {
                zmq_msg_close(&message);
                return zmqError("send");
            }
        }
        return {};
    }
    Status finish() override { return sendCopy({}); }

private:
    Status sendCopy(std::span<const std::byte> payload) {
        while (zmq_send(socket_.get(), payload.data(), payload.size(), 0) < 0) {
            if (zmq_errno() != EINTR)
                return zmqError("send");
        }
        return {};
    }
    ZmqSocket socket_;
};

class ZmqReceiver final : public Receiver {
public:
    ZmqReceiver() { zmq_msg_init(&message_); }
    ~ZmqReceiver() override { zmq_msg_close(&message_); }
    Status open(const std::string& endpoint, int highWater, std::uint64_t messageBytes) {
        if (Status ok = socket_.open(ZMQ_PULL, highWater, messageBytes); !ok)
            return ok;
        if (zmq_bind(socket_.get(), endpoint.c_str()) != 0)
            return zmqError("bind");
        return {};
    }
    Result<Piece> receive() override {
        while (zmq_msg_recv(&message_, socket_.get(), 0) < 0) {
            if (zmq_errno() != EINTR)
                return zmqError("receive");
        }
        Piece piece;
        piece.bytes = {static_cast<const std::byte*>(zmq_msg_data(&message_)),
                       zmq_msg_size(&message_)};
        piece.end = piece.bytes.empty();
        return piece;
    }

private:
    ZmqSocket socket_;
    zmq_msg_t message_;
};

class ZmqLink final : public Link {
public:
    ZmqLink(std::string path, int highWater, std::uint64_t messageBytes)
        : path_(std::move(path)), highWater_(highWater), messageBytes_(messageBytes) {}
    Result<std::unique_ptr<Sender>> openSender() override {
        auto sender = std::make_unique<ZmqSender>();
        if (Status ok = sender->open("ipc://" + path_, highWater_, messageBytes_); !ok)
            return ok.error();
        return std::unique_ptr<Sender>(std::move(sender));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        auto receiver = std::make_unique<ZmqReceiver>();
        if (Status ok = receiver->open("ipc://" + path_, highWater_, messageBytes_); !ok)
            return ok.error();
        return std::unique_ptr<Receiver>(std::move(receiver));
    }
    void cleanup() override { ::unlink(path_.c_str()); }

private:
    std::string path_;
    int highWater_;
    std::uint64_t messageBytes_;
};

} // namespace

Result<std::unique_ptr<Link>> makeZmqLink(const TransportSpec&, const LinkConfig& config) {
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error)
        return makeError(ErrorCode::System, "no temporary directory: " + error.message());
    const std::string path = (directory / (config.name + ".zmq")).string();
    const std::uint64_t highWater = std::clamp<std::uint64_t>(kQueuedBytes / config.messageBytes,
                                                              config.slots, kDefaultHighWater);
    return std::unique_ptr<Link>(
        std::make_unique<ZmqLink>(path, static_cast<int>(highWater), config.messageBytes));
}

} // namespace shmscope::bench
