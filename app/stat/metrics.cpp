#include "metrics.hpp"

#include "shmscope/cli/flags.hpp"

#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace shmscope::stat {
namespace {

constexpr std::chrono::milliseconds kOpenTimeout{200};
constexpr int kRequestTimeoutSeconds = 2;
constexpr std::size_t kMaxRequestBytes = 8192;
constexpr int kListenBacklog = 16;

std::string metricName(std::string_view counter) {
    std::string name = "shmscope_";
    for (const char c : counter) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        name += ok ? c : '_';
    }
    return name;
}

std::string labelValue(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\')
            out += "\\\\";
        else if (c == '"')
            out += "\\\"";
        else if (c == '\n')
            out += "\\n";
        else
            out += c;
    }
    return out;
}

std::string recordLabels(const std::string& channel, const RecordSnapshot& record, bool departed) {
    std::string labels = "{channel=\"" + labelValue(channel) + "\",record=\"";
    labels += departed ? "departed" : std::to_string(record.index);
    labels += "\",role=\"";
    labels += departed ? "departed" : std::string(roleName(record.role));
    labels += "\",pid=\"" + std::to_string(departed ? 0 : record.pid) + "\"}";
    return labels;
}

void appendGauge(std::string& out, std::string_view name, std::string_view help,
                 const std::vector<ChannelSample>& samples,
                 std::uint64_t (*value)(const ChannelSample&)) {
    out += "# TYPE ";
    out += name;
    out += " gauge\n# HELP ";
    out += name;
    out += ' ';
    out += help;
    out += '\n';
    for (const ChannelSample& sample : samples) {
        out += name;
        out += "{channel=\"" + labelValue(sample.info.name) + "\"} ";
        out += std::to_string(value(sample));
        out += '\n';
    }
}

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
            status = "200 OK";
            type = "application/openmetrics-text; version=1.0.0; charset=utf-8";
            body = openMetricsText(takeSamples(channel));
        }
    }
    std::string response = "HTTP/1.0 " + status + "\r\nContent-Type: " + type +
                           "\r\nContent-Length: " + std::to_string(body.size()) +
                           "\r\nConnection: close\r\n\r\n";
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

} // namespace

std::string openMetricsText(const std::vector<ChannelSample>& samples) {
    std::string out;
    for (std::uint32_t c = 0; c < kCounterCount; ++c) {
        const auto counter = static_cast<Counter>(c);
        if (counter == Counter::PermitsHeld)
            continue; // a gauge: shmscope_leaked_slots below
        const std::string family = metricName(counterName(counter));
        out += "# TYPE " + family + " counter\n";
        for (const ChannelSample& sample : samples) {
            for (const RecordSnapshot& record : sample.snapshot.records) {
                out += family + "_total" + recordLabels(sample.info.name, record, false) + ' ' +
                       std::to_string(record.counter(counter)) + '\n';
            }
            out += family + "_total" +
                   recordLabels(sample.info.name, sample.snapshot.departed, true) + ' ' +
                   std::to_string(sample.snapshot.departed.counter(counter)) + '\n';
        }
    }
    appendGauge(out, "shmscope_ring_slots", "Slots in the ring.", samples,
                [](const ChannelSample& s) -> std::uint64_t { return s.info.params.slotCount; });
    appendGauge(out, "shmscope_ring_occupied_slots", "Slots ready or in use.", samples,
                [](const ChannelSample& s) { return s.snapshot.ring.occupiedSlots; });
    appendGauge(out, "shmscope_ring_high_water_slots", "Highest occupancy seen.", samples,
                [](const ChannelSample& s) { return s.snapshot.ring.highWaterSlots; });
    appendGauge(out, "shmscope_leaked_slots",
                "Semaphore slots taken by processes that died before passing them on.", samples,
                [](const ChannelSample& s) {
                    std::uint64_t slots = 0;
                    for (const PermitLeak& leak : s.snapshot.permitLeaks())
                        slots += leak.leakedSlots;
                    return slots;
                });
    appendGauge(out, "shmscope_live_processes", "Attached processes that are alive.", samples,
                [](const ChannelSample& s) {
                    std::uint64_t live = 0;
                    for (const RecordSnapshot& r : s.snapshot.records)
                        live += r.alive ? 1 : 0;
                    return live;
                });
    out += "# EOF\n";
    return out;
}

int serveMetrics(const StatOptions& options, const std::atomic<bool>& stop) {
    Result<int> listener = listenOn(options);
    if (!listener)
        return cli::reportError(kProgram, listener.error());
    std::fprintf(stderr, "%s: serving http://%s:%u/metrics\n", std::string(kProgram).c_str(),
                 options.serveHost.c_str(), options.servePort);
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
