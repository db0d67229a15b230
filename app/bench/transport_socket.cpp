// The byte-stream family: pipe (default and enlarged with F_SETPIPE_SZ), Unix domain socket,
// TCP over loopback. The parent makes the descriptors before fork; each side keeps its own.
#include "stream_io.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

constexpr int kLargePipeBytes = 1024 * 1024; // the default /proc/sys/fs/pipe-max-size

Error systemError(const std::string& what) {
    return makeError(ErrorCode::System, what + ": " + std::strerror(errno));
}

void closeIfOpen(int& fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// A pipe or a socketpair: one descriptor per side, ready before fork.
class PairLink final : public Link {
public:
    PairLink(int senderFd, int receiverFd, std::uint64_t messageBytes)
        : senderFd_(senderFd), receiverFd_(receiverFd), messageBytes_(messageBytes) {}
    ~PairLink() override {
        closeIfOpen(senderFd_);
        closeIfOpen(receiverFd_);
    }

    Result<std::unique_ptr<Sender>> openSender() override {
        closeIfOpen(receiverFd_);
        return std::unique_ptr<Sender>(
            std::make_unique<StreamSender>(std::exchange(senderFd_, -1)));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        closeIfOpen(senderFd_);
        return std::unique_ptr<Receiver>(
            std::make_unique<StreamReceiver>(std::exchange(receiverFd_, -1), messageBytes_));
    }

private:
    int senderFd_;
    int receiverFd_;
    std::uint64_t messageBytes_;
};

// TCP over loopback: the parent listens on an ephemeral port; the producer connects and the
// consumer accepts.
class TcpLink final : public Link {
public:
    TcpLink(int listenFd, std::uint16_t port, std::uint64_t messageBytes)
        : listenFd_(listenFd), port_(port), messageBytes_(messageBytes) {}
    ~TcpLink() override { closeIfOpen(listenFd_); }

    Result<std::unique_ptr<Sender>> openSender() override {
        closeIfOpen(listenFd_);
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return systemError("socket");
        sockaddr_in address = loopback(port_);
        if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            Error error = systemError("connect to 127.0.0.1:" + std::to_string(port_));
            ::close(fd);
            return error;
        }
        noDelay(fd);
        return std::unique_ptr<Sender>(std::make_unique<StreamSender>(fd));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0)
            return systemError("accept");
        closeIfOpen(listenFd_);
        noDelay(fd);
        return std::unique_ptr<Receiver>(std::make_unique<StreamReceiver>(fd, messageBytes_));
    }

    static sockaddr_in loopback(std::uint16_t port) {
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return address;
    }

private:
    static void noDelay(int fd) {
        const int on = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    }

    int listenFd_;
    std::uint16_t port_;
    std::uint64_t messageBytes_;
};

Result<std::unique_ptr<Link>> makePipe(bool large, std::uint64_t messageBytes) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        return systemError("pipe");
    if (large && ::fcntl(fds[1], F_SETPIPE_SZ, kLargePipeBytes) < 0) {
        Error error = systemError("F_SETPIPE_SZ");
        ::close(fds[0]);
        ::close(fds[1]);
        return error;
    }
    return std::unique_ptr<Link>(std::make_unique<PairLink>(fds[1], fds[0], messageBytes));
}

Result<std::unique_ptr<Link>> makeUnix(std::uint64_t messageBytes) {
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0)
        return systemError("socketpair");
    return std::unique_ptr<Link>(std::make_unique<PairLink>(fds[0], fds[1], messageBytes));
}

Result<std::unique_ptr<Link>> makeTcp(std::uint64_t messageBytes) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return systemError("socket");
    sockaddr_in address = TcpLink::loopback(0);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(fd, 4) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
        Error error = systemError("listen on 127.0.0.1");
        ::close(fd);
        return error;
    }
    return std::unique_ptr<Link>(
        std::make_unique<TcpLink>(fd, ntohs(address.sin_port), messageBytes));
}

} // namespace

Result<std::unique_ptr<Link>> makeSocketLink(const TransportSpec& spec, const LinkConfig& config) {
    if (spec.base == "pipe" || spec.base == "pipe-large")
        return makePipe(spec.base == "pipe-large", config.messageBytes);
    if (spec.base == "unix")
        return makeUnix(config.messageBytes);
    return makeTcp(config.messageBytes);
}

} // namespace shmscope::bench
