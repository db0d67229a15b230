// ZeroMQ PUSH/PULL over ipc:// (a Unix socket underneath): zmq_send copies into a message, the
// I/O thread writes it; the consumer reads the received message in place.
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

    Status open(int type, int highWater) {
        if (context_ == nullptr)
            return zmqError("context");
        socket_ = zmq_socket(context_, type);
        if (socket_ == nullptr)
            return zmqError("socket");
        zmq_setsockopt(socket_, ZMQ_SNDHWM, &highWater, sizeof highWater);
        zmq_setsockopt(socket_, ZMQ_RCVHWM, &highWater, sizeof highWater);
        zmq_setsockopt(socket_, ZMQ_LINGER, &kLingerForever, sizeof kLingerForever);
        return {};
    }
    [[nodiscard]] void* get() const { return socket_; }

private:
    void* context_;
    void* socket_ = nullptr;
};

class ZmqSender final : public Sender {
public:
    Status open(const std::string& endpoint, int highWater) {
        if (Status ok = socket_.open(ZMQ_PUSH, highWater); !ok)
            return ok;
        if (zmq_connect(socket_.get(), endpoint.c_str()) != 0)
            return zmqError("connect");
        return {};
    }
    Status send(std::span<const std::byte> payload) override {
        while (zmq_send(socket_.get(), payload.data(), payload.size(), 0) < 0) {
            if (zmq_errno() != EINTR)
                return zmqError("send");
        }
        return {};
    }
    Status finish() override { return send({}); }

private:
    ZmqSocket socket_;
};

class ZmqReceiver final : public Receiver {
public:
    ZmqReceiver() { zmq_msg_init(&message_); }
    ~ZmqReceiver() override { zmq_msg_close(&message_); }
    Status open(const std::string& endpoint, int highWater) {
        if (Status ok = socket_.open(ZMQ_PULL, highWater); !ok)
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
    ZmqLink(std::string path, int highWater) : path_(std::move(path)), highWater_(highWater) {}
    Result<std::unique_ptr<Sender>> openSender() override {
        auto sender = std::make_unique<ZmqSender>();
        if (Status ok = sender->open("ipc://" + path_, highWater_); !ok)
            return ok.error();
        return std::unique_ptr<Sender>(std::move(sender));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        auto receiver = std::make_unique<ZmqReceiver>();
        if (Status ok = receiver->open("ipc://" + path_, highWater_); !ok)
            return ok.error();
        return std::unique_ptr<Receiver>(std::move(receiver));
    }
    void cleanup() override { ::unlink(path_.c_str()); }

private:
    std::string path_;
    int highWater_;
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
    return std::unique_ptr<Link>(std::make_unique<ZmqLink>(path, static_cast<int>(highWater)));
}

} // namespace shmscope::bench
