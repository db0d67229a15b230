// One ZeroMQ socket carrying frames between two bridges, with heartbeats (ZMQ_HEARTBEAT_IVL and
// ZMQ_HEARTBEAT_TIMEOUT: a peer that stops answering counts as gone, even when no FIN or RST ever
// arrives) and a socket monitor that reports every connection made and lost.
#pragma once

#include "options.hpp"
#include "shmscope/result.hpp"

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace shmscope::bridge {

enum class LinkEvent {
    Connected,    // a connection to or from a peer is up
    Disconnected, // a connection closed, broke or missed its heartbeats
};

// The socket pattern for one side: PUSH/PULL for queue, PUB/SUB for broadcast.
enum class LinkRole { Sender, Receiver };

class Link {
public:
    using EventHandler = std::function<void(LinkEvent event, const std::string& peer)>;

    // Opens the socket for `role` and `broadcast`, applies the options, binds or connects.
    // `frameBytes` (the largest frame) bounds the queue: at most options.highWater frames and
    // no more than kQueuedBytes of them.
    static Result<std::unique_ptr<Link>> open(LinkRole role, bool broadcast,
                                              const BridgeOptions& options,
                                              std::uint64_t frameBytes);
    ~Link();
    Link(const Link&) = delete;
    Link& operator=(const Link&) = delete;

    // The endpoint as bound (tcp://HOST:* resolved to its port) or as connected to.
    [[nodiscard]] const std::string& endpoint() const { return endpoint_; }

    enum class Sent { Sent, Stopped };
    // Sends one frame (copied), waiting in slices of kPollMs while the socket cannot take it
    // (no peer yet, or its queue is full); monitor events are delivered meanwhile.
    Result<Sent> send(std::span<const std::byte> frame, const std::atomic<bool>& stop);

    // Waits up to `timeoutMs` for a frame; nullopt when none came. The frame stays valid until
    // the next call.
    Result<std::optional<std::span<const std::byte>>> receive(int timeoutMs);

    // Delivers pending monitor events to the handler set with onEvent().
    void pollEvents();
    void onEvent(EventHandler handler) { handler_ = std::move(handler); }

    // How long close waits for queued frames (the end frame) to leave.
    void setLinger(int milliseconds);

    static constexpr int kPollMs = 100;

private:
    Link() = default;
    Status configure(LinkRole role, bool broadcast, const BridgeOptions& options,
                     std::uint64_t frameBytes);
    Status startMonitor();

    void* context_ = nullptr;
    void* socket_ = nullptr;
    void* monitor_ = nullptr;
    bool received_ = false; // message_ holds a frame
    alignas(8) unsigned char message_[64]; // zmq_msg_t
    std::string endpoint_;
    EventHandler handler_;
};

} // namespace shmscope::bridge
