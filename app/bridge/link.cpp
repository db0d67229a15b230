#include "link.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <zmq.h>

namespace shmscope::bridge {
namespace {

static_assert(sizeof(zmq_msg_t) <= 64);

// No more than this many bytes of frames queued per socket, whatever --high-water says.
constexpr std::uint64_t kQueuedBytes = 64ull * 1024 * 1024;
// Kernel socket buffers for large frames (ZMQ_SNDBUF, ZMQ_RCVBUF), from this frame size on.
constexpr std::uint64_t kLargeFrameBytes = 64 * 1024;
constexpr int kLargeSocketBuffer = 4 * 1024 * 1024;
// A peer missing this many heartbeat intervals is gone.
constexpr int kHeartbeatsMissed = 3;
// Reconnection: first after this long, then backing off to at most the maximum.
constexpr int kReconnectMs = 100;
constexpr int kReconnectMaxMs = 1000;

Error zmqError(const std::string& what) {
    return makeError(ErrorCode::System, what + ": " + zmq_strerror(zmq_errno()));
}

zmq_msg_t* asMessage(unsigned char* storage) { return reinterpret_cast<zmq_msg_t*>(storage); }

} // namespace

Result<std::unique_ptr<Link>> Link::open(LinkRole role, bool broadcast,
                                         const BridgeOptions& options, std::uint64_t frameBytes) {
    std::unique_ptr<Link> link(new Link());
    if (Status configured = link->configure(role, broadcast, options, frameBytes); !configured)
        return configured.error();
    return link;
}

Status Link::configure(LinkRole role, bool broadcast, const BridgeOptions& options,
                       std::uint64_t frameBytes) {
    context_ = zmq_ctx_new();
    if (context_ == nullptr)
        return zmqError("zmq context");
    const int type = role == LinkRole::Sender ? (broadcast ? ZMQ_PUB : ZMQ_PUSH)
                                              : (broadcast ? ZMQ_SUB : ZMQ_PULL);
    socket_ = zmq_socket(context_, type);
    if (socket_ == nullptr)
        return zmqError("zmq socket");
    const auto byBytes = static_cast<int>(std::max<std::uint64_t>(2, kQueuedBytes / frameBytes));
    const int highWater = std::min(static_cast<int>(options.highWater), byBytes);
    const int heartbeat = static_cast<int>(options.heartbeat.count());
    const int heartbeatTimeout = heartbeat * kHeartbeatsMissed;
    const int linger = 0; // frames of a sender that ends without an end frame are lost anyway
    zmq_setsockopt(socket_, ZMQ_SNDHWM, &highWater, sizeof highWater);
    zmq_setsockopt(socket_, ZMQ_RCVHWM, &highWater, sizeof highWater);
    zmq_setsockopt(socket_, ZMQ_LINGER, &linger, sizeof linger);
    zmq_setsockopt(socket_, ZMQ_HEARTBEAT_IVL, &heartbeat, sizeof heartbeat);
    zmq_setsockopt(socket_, ZMQ_HEARTBEAT_TIMEOUT, &heartbeatTimeout, sizeof heartbeatTimeout);
    zmq_setsockopt(socket_, ZMQ_HEARTBEAT_TTL, &heartbeatTimeout, sizeof heartbeatTimeout);
    zmq_setsockopt(socket_, ZMQ_RECONNECT_IVL, &kReconnectMs, sizeof kReconnectMs);
    zmq_setsockopt(socket_, ZMQ_RECONNECT_IVL_MAX, &kReconnectMaxMs, sizeof kReconnectMaxMs);
    if (frameBytes >= kLargeFrameBytes) {
        zmq_setsockopt(socket_, ZMQ_SNDBUF, &kLargeSocketBuffer, sizeof kLargeSocketBuffer);
        zmq_setsockopt(socket_, ZMQ_RCVBUF, &kLargeSocketBuffer, sizeof kLargeSocketBuffer);
    }
    if (type == ZMQ_SUB)
        zmq_setsockopt(socket_, ZMQ_SUBSCRIBE, "", 0);
    if (Status monitor = startMonitor(); !monitor)
        return monitor;
    const int joined = options.bind ? zmq_bind(socket_, options.endpoint.c_str())
                                    : zmq_connect(socket_, options.endpoint.c_str());
    if (joined != 0)
        return zmqError((options.bind ? "cannot bind " : "cannot connect to ") + options.endpoint);
    endpoint_ = options.endpoint;
    if (options.bind) {
        char last[256] = {};
        std::size_t size = sizeof last;
        if (zmq_getsockopt(socket_, ZMQ_LAST_ENDPOINT, last, &size) == 0)
            endpoint_ = last;
    }
    zmq_msg_init(asMessage(message_));
    received_ = true; // an empty message to close
    return {};
}

Status Link::startMonitor() {
    const std::string address = "inproc://shmscope-bridge-monitor";
    if (zmq_socket_monitor(socket_, address.c_str(),
                           ZMQ_EVENT_CONNECTED | ZMQ_EVENT_ACCEPTED | ZMQ_EVENT_DISCONNECTED) != 0)
        return zmqError("zmq monitor");
    monitor_ = zmq_socket(context_, ZMQ_PAIR);
    if (monitor_ == nullptr || zmq_connect(monitor_, address.c_str()) != 0)
        return zmqError("zmq monitor");
    return {};
}

Link::~Link() {
    if (received_)
        zmq_msg_close(asMessage(message_));
    if (monitor_ != nullptr) {
        zmq_socket_monitor(socket_, nullptr, 0);
        zmq_close(monitor_);
    }
    if (socket_ != nullptr)
        zmq_close(socket_);
    if (context_ != nullptr)
        zmq_ctx_term(context_);
}

void Link::setLinger(int milliseconds) {
    zmq_setsockopt(socket_, ZMQ_LINGER, &milliseconds, sizeof milliseconds);
}

void Link::pollEvents() {
    for (;;) {
        zmq_msg_t head;
        zmq_msg_init(&head);
        if (zmq_msg_recv(&head, monitor_, ZMQ_DONTWAIT) < 0) {
            zmq_msg_close(&head);
            return;
        }
        std::uint16_t event = 0;
        if (zmq_msg_size(&head) >= sizeof event)
            std::memcpy(&event, zmq_msg_data(&head), sizeof event);
        zmq_msg_close(&head);
        std::string peer;
        zmq_msg_t address;
        zmq_msg_init(&address);
        if (zmq_msg_recv(&address, monitor_, ZMQ_DONTWAIT) >= 0)
            peer.assign(static_cast<const char*>(zmq_msg_data(&address)), zmq_msg_size(&address));
        zmq_msg_close(&address);
        if (!handler_)
            continue;
        if (event == ZMQ_EVENT_DISCONNECTED)
            handler_(LinkEvent::Disconnected, peer);
        else if (event == ZMQ_EVENT_CONNECTED || event == ZMQ_EVENT_ACCEPTED)
            handler_(LinkEvent::Connected, peer);
    }
}

Result<Link::Sent> Link::send(std::span<const std::byte> frame, const std::atomic<bool>& stop) {
    for (;;) {
        if (zmq_send(socket_, frame.data(), frame.size(), ZMQ_DONTWAIT) >= 0)
            return Sent::Sent;
        if (zmq_errno() != EAGAIN && zmq_errno() != EINTR)
            return zmqError("zmq send");
        pollEvents();
        if (stop.load(std::memory_order_relaxed))
            return Sent::Stopped;
        zmq_pollitem_t item{socket_, 0, ZMQ_POLLOUT, 0};
        if (zmq_poll(&item, 1, kPollMs) < 0 && zmq_errno() != EINTR)
            return zmqError("zmq poll");
    }
}

Result<std::optional<std::span<const std::byte>>> Link::receive(int timeoutMs) {
    zmq_msg_t* message = asMessage(message_);
    zmq_msg_close(message);
    zmq_msg_init(message);
    if (zmq_msg_recv(message, socket_, ZMQ_DONTWAIT) < 0) {
        if (zmq_errno() != EAGAIN && zmq_errno() != EINTR)
            return zmqError("zmq receive");
        zmq_pollitem_t item{socket_, 0, ZMQ_POLLIN, 0};
        if (zmq_poll(&item, 1, timeoutMs) < 0 && zmq_errno() != EINTR)
            return zmqError("zmq poll");
        if (zmq_msg_recv(message, socket_, ZMQ_DONTWAIT) < 0) {
            if (zmq_errno() != EAGAIN && zmq_errno() != EINTR)
                return zmqError("zmq receive");
            return std::optional<std::span<const std::byte>>();
        }
    }
    return std::optional<std::span<const std::byte>>(std::span<const std::byte>(
        static_cast<const std::byte*>(zmq_msg_data(message)), zmq_msg_size(message)));
}

} // namespace shmscope::bridge
