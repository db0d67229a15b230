// Boost.Interprocess message_queue: a bounded queue of fixed-size messages in shared memory,
// guarded by Boost's process-shared mutex and condition variables. Copies in and out.
#include "buffer.hpp"
#include "transport.hpp"

#include <boost/interprocess/ipc/message_queue.hpp>

namespace shmscope::bench {
namespace {

namespace ipc = boost::interprocess;

class QueueSender final : public Sender {
public:
    explicit QueueSender(const std::string& name) : queue_(ipc::open_only, name.c_str()) {}
    Status send(std::span<const std::byte> payload) override {
        try {
            queue_.send(payload.data(), payload.size(), 0);
        } catch (const std::exception& error) {
            return makeError(ErrorCode::System, std::string("message_queue send: ") + error.what());
        }
        return {};
    }
    Status finish() override { return send({}); }

private:
    ipc::message_queue queue_;
};

class QueueReceiver final : public Receiver {
public:
    QueueReceiver(const std::string& name, std::uint64_t messageBytes)
        : queue_(ipc::open_only, name.c_str()), buffer_(messageBytes) {}
    Result<Piece> receive() override {
        ipc::message_queue::size_type received = 0;
        unsigned int priority = 0;
        try {
            queue_.receive(buffer_.data(), buffer_.size(), received, priority);
        } catch (const std::exception& error) {
            return makeError(ErrorCode::System,
                             std::string("message_queue receive: ") + error.what());
        }
        Piece piece;
        piece.bytes = {buffer_.data(), received};
        piece.end = received == 0;
        return piece;
    }

private:
    ipc::message_queue queue_;
    AlignedBuffer buffer_;
};

class QueueLink final : public Link {
public:
    QueueLink(std::string name, std::uint64_t messageBytes)
        : name_(std::move(name)), messageBytes_(messageBytes) {}
    Result<std::unique_ptr<Sender>> openSender() override {
        return guarded<Sender>([&] { return std::make_unique<QueueSender>(name_); });
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        return guarded<Receiver>(
            [&] { return std::make_unique<QueueReceiver>(name_, messageBytes_); });
    }
    void cleanup() override { ipc::message_queue::remove(name_.c_str()); }

private:
    // Boost reports failures as exceptions; they stop here.
    template <typename End, typename Make> static Result<std::unique_ptr<End>> guarded(Make make) {
        try {
            return std::unique_ptr<End>(make());
        } catch (const std::exception& error) {
            return makeError(ErrorCode::System, std::string("message_queue: ") + error.what());
        }
    }

    std::string name_;
    std::uint64_t messageBytes_;
};

} // namespace

Result<std::unique_ptr<Link>> makeBoostQueueLink(const TransportSpec&, const LinkConfig& config) {
    try {
        ipc::message_queue::remove(config.name.c_str());
        ipc::message_queue queue(ipc::create_only, config.name.c_str(), config.slots,
                                 config.messageBytes);
    } catch (const std::exception& error) {
        return makeError(ErrorCode::System, std::string("message_queue: ") + error.what());
    }
    return std::unique_ptr<Link>(std::make_unique<QueueLink>(config.name, config.messageBytes));
}

} // namespace shmscope::bench
