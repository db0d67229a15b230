#include "iceoryx_daemon.hpp"

#include "transport.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

constexpr const char* kRoudiProgram = "iox-roudi";
constexpr std::string_view kReadyLine = "RouDi is ready for clients";
constexpr int kReadyTimeoutMs = 10'000;
constexpr int kPollMs = 10;
constexpr int kStopTimeoutMs = 5'000;
// Chunks per pool: the subscriber queue, the publisher's loans and the reverse ping-pong link.
constexpr std::uint64_t kChunksPerSize = 40;
constexpr std::uint64_t kEndMarkerChunks = 200;

struct Daemon {
    std::set<std::uint64_t> sizes;
    pid_t pid = -1;
    bool tried = false;
    Status status;
    std::string configPath;
    std::string logPath;
};

Daemon& daemon() {
    static Daemon instance;
    return instance;
}

void sleepMs(int ms) {
    const timespec pause{0, static_cast<long>(ms) * 1'000'000L};
    nanosleep(&pause, nullptr);
}

std::string poolConfig(const std::set<std::uint64_t>& sizes) {
    std::ostringstream toml;
    toml << "[general]\nversion = 1\n\n[[segment]]\n\n";
    toml << "[[segment.mempool]]\nsize = " << kIceoryxChunkOverhead
         << "\ncount = " << kEndMarkerChunks << "\n\n";
    for (std::uint64_t size : sizes) {
        const std::uint64_t chunk = (size + 63) / 64 * 64 + kIceoryxChunkOverhead;
        toml << "[[segment.mempool]]\nsize = " << chunk << "\ncount = " << kChunksPerSize << "\n\n";
    }
    return toml.str();
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string lastLine(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    const std::size_t newline = text.rfind('\n');
    return newline == std::string::npos ? text : text.substr(newline + 1);
}

Status startDaemon(Daemon& d) {
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error)
        return makeError(ErrorCode::System, "no temporary directory: " + error.message());
    const std::string base = (directory / uniqueLinkName()).string();
    d.configPath = base + ".roudi.toml";
    d.logPath = base + ".roudi.log";
    std::ofstream(d.configPath) << poolConfig(d.sizes);

    const pid_t pid = ::fork();
    if (pid < 0)
        return makeError(ErrorCode::System, std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        std::FILE* log = std::freopen(d.logPath.c_str(), "w", stdout);
        if (log != nullptr)
            ::dup2(::fileno(stdout), STDERR_FILENO);
        ::execlp(kRoudiProgram, kRoudiProgram, "-c", d.configPath.c_str(), "-l", "info", "-m",
                 "off", static_cast<char*>(nullptr));
        std::printf("cannot run %s: %s\n", kRoudiProgram, std::strerror(errno));
        std::fflush(stdout);
        ::_exit(127);
    }
    d.pid = pid;
    for (int waited = 0; waited < kReadyTimeoutMs; waited += kPollMs) {
        const std::string log = readFile(d.logPath);
        if (log.find(kReadyLine) != std::string::npos)
            return {};
        int status = 0;
        if (::waitpid(pid, &status, WNOHANG) == pid) {
            d.pid = -1;
            return makeError(ErrorCode::System, "iox-roudi did not start: " + lastLine(log));
        }
        sleepMs(kPollMs);
    }
    return makeError(ErrorCode::System, "iox-roudi did not become ready within 10 s");
}

void stopDaemon() {
    Daemon& d = daemon();
    if (d.pid > 0) {
        ::kill(d.pid, SIGTERM);
        int status = 0;
        int waited = 0;
        while (::waitpid(d.pid, &status, WNOHANG) == 0) {
            if (waited >= kStopTimeoutMs) {
                ::kill(d.pid, SIGKILL);
                ::waitpid(d.pid, &status, 0);
                break;
            }
            sleepMs(kPollMs);
            waited += kPollMs;
        }
        d.pid = -1;
    }
    if (!d.configPath.empty())
        ::unlink(d.configPath.c_str());
    if (!d.logPath.empty())
        ::unlink(d.logPath.c_str());
}

} // namespace

void planIceoryxPools(std::span<const std::uint64_t> sizes) {
    daemon().sizes.insert(sizes.begin(), sizes.end());
}

Status ensureIceoryxDaemon() {
    Daemon& d = daemon();
    if (!d.tried) {
        d.tried = true;
        d.status = startDaemon(d);
        if (!d.status)
            stopDaemon();
    }
    return d.status;
}

void stopIceoryxDaemon() { stopDaemon(); }

} // namespace shmscope::bench
