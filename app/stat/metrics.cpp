#include "metrics.hpp"

#include "exposition.hpp"
#include "shmscope/cli/flags.hpp"

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace shmscope::stat {
namespace {

constexpr std::chrono::milliseconds kOpenTimeout{200};
constexpr int kRequestTimeoutSeconds = 2;
constexpr std::size_t kMaxRequestBytes = 8192;
constexpr int kListenBacklog = 16;

std::vector<ChannelSample> takeSamples(const std::string& channel) {
    std::vector<std::string> names;
    if (!channel.empty()) {
        names.push_back(channel);
    } else {
        for (const ChannelListing& listing : listChannels())
            if (listing.problem.empty())
                names.push_back(listing.name);
    }
    std::vector<ChannelSample> samples;
    for (const std::string& name : names) {
        Result<SnapshotReader> reader = SnapshotReader::openChannel(name, kOpenTimeout);
        if (!reader)
            continue; // gone since the listing, or not readable: not an error here
        samples.push_back(ChannelSample{reader->info(), reader->take(false)});
    }
    return samples;
}

bool sendAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t sent = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (sent < 0 && errno == EINTR)
            continue;
        if (sent <= 0)
            return false;
        bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
}

// The value of header `name` (lower case, without the colon) in a request, or empty.
std::string_view headerValue(std::string_view request, std::string_view name) {
    std::size_t lineStart = request.find('\n');
    while (lineStart != std::string_view::npos) {
        std::string_view line = request.substr(lineStart + 1);
        line = line.substr(0, line.find('\n'));
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty())
            break; // end of the headers
        const std::size_t colon = line.find(':');
        if (colon == name.size() &&
            std::equal(name.begin(), name.end(), line.begin(), [](char wanted, char got) {
                return wanted == std::tolower(static_cast<unsigned char>(got));
            })) {
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
                value.remove_prefix(1);
            return value;
        }
        lineStart = request.find('\n', lineStart + 1);
    }
    return {};
}

void answer(int fd, const std::string& channel) {
    timeval timeout{kRequestTimeoutSeconds, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string request;
    char buffer[1024];
    while (request.find("\r\n\r\n") == std::string::npos &&
           request.find("\n\n") == std::string::npos && request.size() < kMaxRequestBytes) {
        const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got <= 0)
            break;
        request.append(buffer, static_cast<std::size_t>(got));
    }
    const std::string_view line(request.data(), std::min(request.find('\n'), request.size()));
    std::string status = "404 Not Found";
    std::string type = "text/plain; charset=utf-8";
    std::string body = "shmscope-stat serves /metrics\n";
    const bool get = line.starts_with("GET ");
    const bool head = line.starts_with("HEAD ");
    if (!get && !head) {
        status = "405 Method Not Allowed";
        body = "GET /metrics\n";
    } else {
        std::string_view path = line.substr(line.find(' ') + 1);
        path = path.substr(0, path.find(' '));
        path = path.substr(0, path.find('?'));
        if (path == "/metrics") {
            const ExpositionFormat format = negotiateFormat(headerValue(request, "accept"));
            status = "200 OK";
            type = contentType(format);
            body = exposition(takeSamples(channel), format);
        }
    }
    std::string response = "HTTP/1.0 " + status + "\r\nContent-Type: " + type +
                           "\r\nContent-Length: " + std::to_string(body.size()) +
                           "\r\nVary: Accept\r\nConnection: close\r\n\r\n";
    if (!head)
        response += body;
    sendAll(fd, response);
}

// A listening socket on host:port, or the error line.
Result<int> listenOn(const StatOptions& options) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    const std::string port = std::to_string(options.servePort);
    const std::string where = options.serveHost + ":" + port;
    if (const int rc = getaddrinfo(options.serveHost.c_str(), port.c_str(), &hints, &found);
        rc != 0)
        return makeError(ErrorCode::System, "--serve " + where + ": " + gai_strerror(rc));
    std::string why = "no address";
    int listener = -1;
    for (addrinfo* a = found; a != nullptr && listener < 0; a = a->ai_next) {
        const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) {
            why = std::strerror(errno);
            continue;
        }
        const int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, kListenBacklog) == 0) {
            listener = fd;
        } else {
            why = std::strerror(errno);
            ::close(fd);
        }
    }
    freeaddrinfo(found);
    if (listener < 0)
        return makeError(ErrorCode::System, "--serve " + where + ": " + why);
    return listener;
}

// The port a listening socket is bound to (the one the kernel chose for port 0).
unsigned boundPort(int listener) {
    sockaddr_storage address{};
    socklen_t size = sizeof address;
    if (::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &size) != 0)
        return 0;
    if (address.ss_family == AF_INET6)
        return ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
}

} // namespace

int serveMetrics(const StatOptions& options, const std::atomic<bool>& stop) {
    Result<int> listener = listenOn(options);
    if (!listener)
        return cli::reportError(kProgram, listener.error());
    const bool ipv6 = options.serveHost.find(':') != std::string::npos;
    const std::string host = ipv6 ? "[" + options.serveHost + "]" : options.serveHost;
    std::fprintf(stderr, "%s: serving http://%s:%u/metrics\n", std::string(kProgram).c_str(),
                 host.c_str(), boundPort(*listener));
    while (!stop.load(std::memory_order_relaxed)) {
        const int client = ::accept4(*listener, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            const std::string why = std::strerror(errno);
            ::close(*listener);
            cli::printLine(kProgram, "--serve: accept failed: " + why);
            return 1;
        }
        answer(client, options.channel);
        ::close(client);
    }
    ::close(*listener);
    return 0;
}

} // namespace shmscope::stat
