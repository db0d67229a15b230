#include "iceoryx_daemon.hpp"

#include "transport.hpp"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <set>
#include <sstream>
#include <string>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vector>

namespace shmscope::bench {
namespace {

constexpr const char* kRoudiProgram = "iox-roudi";
constexpr std::string_view kReadyLine = "RouDi is ready for clients";
constexpr int kReadyTimeoutMs = 10'000;
constexpr int kPollMs = 10;
constexpr int kStopTimeoutMs = 5'000;
constexpr int kKillTimeoutMs = 1'000;
// The keeper stops RouDi within kStopTimeoutMs, then kills it.
constexpr int kKeeperTimeoutMs = kStopTimeoutMs + 2'000;
constexpr std::string_view kBenchComm = "shmscope-bench";
constexpr std::string_view kConfigPrefix = "shmscope-bench-";
constexpr std::string_view kConfigSuffix = ".roudi.toml";
constexpr std::string_view kLogSuffix = ".roudi.log";
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

std::uint64_t monotonicMs() {
    timespec now{};
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    return static_cast<std::uint64_t>(now.tv_sec) * 1000 +
           static_cast<std::uint64_t>(now.tv_nsec) / 1'000'000;
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

// --- A RouDi left running by a benchmark that died --------------------------------------------
// Only one RouDi runs on a machine (iceoryx holds /tmp/iox-unique-roudi.lock), so one left behind
// by a bench killed with SIGKILL (before the parent-death signal existed, or when that signal was
// lost) would make every later iceoryx row fail. Recognised from /proc: its parent is no live
// shmscope-bench, and no other process maps its management segment (no iceoryx application
// uses it). A RouDi that serves applications is left alone, and the rows say so.

struct RoudiProcess {
    pid_t pid = -1;
    pid_t parent = -1;
    std::string parentComm;
    std::string configPath; // the -c argument, if any
};

std::string firstLine(const std::string& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    return line;
}

// /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces and parentheses.
bool readStat(pid_t pid, char& state, pid_t& parent) {
    const std::string stat = firstLine("/proc/" + std::to_string(pid) + "/stat");
    const std::size_t close = stat.rfind(')');
    if (close == std::string::npos)
        return false;
    std::istringstream rest(stat.substr(close + 1));
    long ppid = -1;
    rest >> state >> ppid;
    if (!rest)
        return false;
    parent = static_cast<pid_t>(ppid);
    return true;
}

// Neither gone nor a zombie (dead, only not yet reaped).
bool processAlive(pid_t pid) {
    char state = '?';
    pid_t parent = -1;
    if (!readStat(pid, state, parent))
        return ::kill(pid, 0) == 0 || errno != ESRCH;
    return state != 'Z' && state != 'X';
}

// A RouDi still running: not gone, not a zombie (which holds no lock or memory any more), and
// not a new process that took its pid.
bool roudiAlive(pid_t pid) {
    char state = '?';
    pid_t parent = -1;
    return readStat(pid, state, parent) && state != 'Z' && state != 'X' &&
           firstLine("/proc/" + std::to_string(pid) + "/comm") == kRoudiProgram;
}

std::vector<std::string> commandLine(pid_t pid) {
    const std::string raw = readFile("/proc/" + std::to_string(pid) + "/cmdline");
    std::vector<std::string> args;
    std::size_t start = 0;
    while (start < raw.size()) {
        std::size_t end = raw.find('\0', start);
        if (end == std::string::npos)
            end = raw.size();
        args.push_back(raw.substr(start, end - start));
        start = end + 1;
    }
    return args;
}

// Every process in /proc but this one.
std::vector<pid_t> otherProcesses() {
    std::vector<pid_t> pids;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator("/proc", error)) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos)
            continue;
        const pid_t pid = static_cast<pid_t>(std::strtol(name.c_str(), nullptr, 10));
        if (pid != ::getpid())
            pids.push_back(pid);
    }
    return pids;
}

std::vector<RoudiProcess> runningRoudis() {
    std::vector<RoudiProcess> found;
    for (const pid_t pid : otherProcesses()) {
        if (firstLine("/proc/" + std::to_string(pid) + "/comm") != kRoudiProgram)
            continue;
        RoudiProcess roudi;
        roudi.pid = pid;
        char state = '?';
        if (!readStat(pid, state, roudi.parent) || state == 'Z' || state == 'X')
            continue;
        roudi.parentComm = firstLine("/proc/" + std::to_string(roudi.parent) + "/comm");
        const std::vector<std::string> args = commandLine(pid);
        for (std::size_t i = 0; i + 1 < args.size(); ++i)
            if (args[i] == "-c" || args[i] == "--config-file")
                roudi.configPath = args[i + 1];
        found.push_back(std::move(roudi));
    }
    return found;
}

// Processes other than RouDis that map the management segment: iceoryx applications.
std::vector<pid_t> iceoryxApplications(const std::vector<RoudiProcess>& roudis) {
    std::set<pid_t> daemons;
    for (const RoudiProcess& roudi : roudis)
        daemons.insert(roudi.pid);
    std::vector<pid_t> found;
    for (const pid_t pid : otherProcesses()) {
        if (daemons.contains(pid))
            continue;
        std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
        std::string line;
        while (std::getline(maps, line)) {
            if (line.ends_with("/dev/shm/iceoryx_mgmt")) {
                found.push_back(pid);
                break;
            }
        }
    }
    return found;
}

bool startedByBench(const RoudiProcess& roudi) {
    const std::string name = std::filesystem::path(roudi.configPath).filename().string();
    return name.starts_with(kConfigPrefix) && name.ends_with(kConfigSuffix);
}

// Waits until none of `pids` is alive, at most `timeoutMs`; true when all are gone.
bool waitGone(const std::vector<pid_t>& pids, int timeoutMs) {
    for (int waited = 0;; waited += kPollMs) {
        bool any = false;
        for (pid_t pid : pids)
            any = any || roudiAlive(pid);
        if (!any)
            return true;
        if (waited >= timeoutMs)
            return false;
        sleepMs(kPollMs);
    }
}

// What a RouDi killed by SIGKILL leaves: its memory in /dev/shm (the management segment and the
// payload segment named after the writer group, the process's group) and its sockets and locks.
void removeRoudiObjects() {
    ::shm_unlink("iceoryx_mgmt");
    if (const group* own = ::getgrgid(::getegid()); own != nullptr && own->gr_name[0] != '\0')
        ::shm_unlink(own->gr_name);
    for (const char* path : {"/tmp/roudi", "/tmp/roudi.lock", "/tmp/iox-unique-roudi.lock"})
        ::unlink(path);
}

std::string joinPids(const std::vector<pid_t>& pids) {
    std::string text;
    for (pid_t pid : pids)
        text += (text.empty() ? "" : ", ") + std::to_string(pid);
    return text;
}

// Files of benches (and their measuring children) that died: the RouDi configuration and log
// of a bench killed before it could remove them, and the sockets and locks iceoryx's runtime
// makes in /tmp for each child process, named after the process.
void removeFilesOfDeadBenches() {
    std::set<std::filesystem::path> directories = {"/tmp"};
    std::error_code error;
    if (const std::filesystem::path temp = std::filesystem::temp_directory_path(error); !error)
        directories.insert(temp);
    for (const std::filesystem::path& directory : directories) {
        for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
            const std::string name = entry.path().filename().string();
            if (!name.starts_with(kConfigPrefix))
                continue;
            const std::string rest = name.substr(kConfigPrefix.size());
            const std::size_t digits = rest.find_first_not_of("0123456789");
            if (digits == 0)
                continue;
            const std::string tail = digits == std::string::npos ? "" : rest.substr(digits);
            const bool runtimeFile = tail.empty() || tail == ".lock";
            bool roudiFile = false;
            if (tail.size() > 1 && tail[0] == '-') {
                const std::size_t counter = tail.find_first_not_of("0123456789", 1);
                roudiFile =
                    counter > 1 && counter != std::string::npos &&
                    (tail.substr(counter) == kConfigSuffix || tail.substr(counter) == kLogSuffix);
            }
            const long pid = std::strtol(rest.substr(0, digits).c_str(), nullptr, 10);
            if (!runtimeFile && !roudiFile)
                continue;
            if (pid <= 0 || pid > 0x7fffffffL)
                continue;
            if (!processAlive(static_cast<pid_t>(pid)))
                ::unlink(entry.path().c_str());
        }
    }
}

// Stops the RouDis left by dead benchmarks (one line on stderr saying so); an error when a RouDi
// this bench may not stop is running, since iceoryx allows only one.
Status clearLeftoverDaemons() {
    const std::vector<RoudiProcess> roudis = runningRoudis();
    if (roudis.empty())
        return {};
    std::vector<pid_t> leftovers;
    std::vector<std::string> leftoverFiles;
    for (const RoudiProcess& roudi : roudis) {
        if (roudi.parentComm == kBenchComm)
            return makeError(ErrorCode::System,
                             "iox-roudi (pid " + std::to_string(roudi.pid) +
                                 ") belongs to another running shmscope-bench (pid " +
                                 std::to_string(roudi.parent) + ")");
        leftovers.push_back(roudi.pid);
        if (startedByBench(roudi)) {
            leftoverFiles.push_back(roudi.configPath);
            leftoverFiles.push_back(
                roudi.configPath.substr(0, roudi.configPath.size() - kConfigSuffix.size()) +
                std::string(kLogSuffix));
        }
    }
    if (const std::vector<pid_t> users = iceoryxApplications(roudis); !users.empty())
        return makeError(ErrorCode::System, "iox-roudi (pid " + joinPids(leftovers) +
                                                ") is serving iceoryx applications (pid " +
                                                joinPids(users) + "); stop it to measure iceoryx");
    for (pid_t pid : leftovers)
        if (::kill(pid, SIGTERM) != 0 && errno == EPERM)
            return makeError(ErrorCode::System, "iox-roudi (pid " + std::to_string(pid) +
                                                    ") of another user is running");
    bool killed = false;
    if (!waitGone(leftovers, kStopTimeoutMs)) {
        for (pid_t pid : leftovers)
            if (roudiAlive(pid))
                ::kill(pid, SIGKILL);
        killed = true;
        if (!waitGone(leftovers, kKillTimeoutMs))
            return makeError(ErrorCode::System,
                             "leftover iox-roudi (pid " + joinPids(leftovers) + ") did not stop");
    }
    for (const std::string& path : leftoverFiles)
        ::unlink(path.c_str());
    if (killed && runningRoudis().empty())
        removeRoudiObjects();
    if (::isatty(STDERR_FILENO) == 1)
        std::fputs("\r\033[K", stderr); // clear the progress bar
    std::fprintf(stderr,
                 "%s: stopped a leftover iox-roudi (pid %s) that no running benchmark or "
                 "iceoryx application used\n",
                 std::string(kBenchComm).c_str(), joinPids(leftovers).c_str());
    return {};
}

// RouDi runs under a keeper, a child of the bench that does nothing but wait: the bench stops
// RouDi through it (SIGTERM), and so does the bench's death (the keeper's parent-death signal),
// even by SIGKILL. RouDi 2.0 aborts on SIGTERM when an application it registered has already
// gone (the measuring children die with the bench), leaving its shared memory behind; the keeper
// then removes that memory itself. Its own process group keeps a terminal's Ctrl-C and the
// GUI's group signals off both: the bench stops them after its last row.
[[noreturn]] void keepDaemon(const Daemon& d, pid_t benchPid) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != benchPid) // the bench died before the prctl
        ::_exit(1);
    ::setpgid(0, 0);
    sigset_t wanted;
    sigemptyset(&wanted);
    for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGCHLD})
        sigaddset(&wanted, signal);
    sigset_t previous;
    ::sigprocmask(SIG_BLOCK, &wanted, &previous);
    const pid_t keeper = ::getpid();
    const pid_t roudi = ::fork();
    if (roudi == 0) {
        ::sigprocmask(SIG_SETMASK, &previous, nullptr);
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != keeper)
            ::_exit(127);
        std::FILE* log = std::freopen(d.logPath.c_str(), "w", stdout);
        if (log != nullptr)
            ::dup2(::fileno(stdout), STDERR_FILENO);
        ::execlp(kRoudiProgram, kRoudiProgram, "-c", d.configPath.c_str(), "-l", "info", "-m",
                 "off", static_cast<char*>(nullptr));
        std::printf("cannot run %s: %s\n", kRoudiProgram, std::strerror(errno));
        std::fflush(stdout);
        ::_exit(127);
    }
    if (roudi < 0)
        ::_exit(1);
    // Until a stop is asked for, wait for it (or RouDi's end); then give RouDi kStopTimeoutMs to
    // stop by itself before SIGKILL.
    int status = 0;
    std::uint64_t deadline = 0;
    while (true) {
        siginfo_t info{};
        const timespec tick{0, static_cast<long>(kPollMs) * 1'000'000L};
        const int signal = ::sigtimedwait(&wanted, &info, deadline != 0 ? &tick : nullptr);
        if (::waitpid(roudi, &status, WNOHANG) == roudi)
            break;
        if (deadline == 0 && signal > 0 && signal != SIGCHLD) {
            deadline = monotonicMs() + kStopTimeoutMs;
            ::kill(roudi, SIGTERM);
        } else if (deadline != 0 && monotonicMs() >= deadline) {
            ::kill(roudi, SIGKILL);
        }
    }
    const bool clean = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!clean && runningRoudis().empty())
        removeRoudiObjects();
    if (::getppid() != benchPid) { // the bench is gone and cannot remove these any more
        ::unlink(d.configPath.c_str());
        ::unlink(d.logPath.c_str());
        // Nor can its measuring children, killed with it: their iceoryx sockets and locks.
        removeFilesOfDeadBenches();
    }
    ::_exit(clean ? 0 : 1);
}

Status startDaemon(Daemon& d) {
    if (Status ok = clearLeftoverDaemons(); !ok)
        return ok;
    removeFilesOfDeadBenches();
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error)
        return makeError(ErrorCode::System, "no temporary directory: " + error.message());
    const std::string base = (directory / uniqueLinkName()).string();
    d.configPath = base + ".roudi.toml";
    d.logPath = base + ".roudi.log";
    std::ofstream(d.configPath) << poolConfig(d.sizes);

    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0)
        return makeError(ErrorCode::System, std::string("fork: ") + std::strerror(errno));
    if (pid == 0)
        keepDaemon(d, parent);
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
            if (waited >= kKeeperTimeoutMs) {
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
    if (d.tried) // the iceoryx files of the measuring children, killed after SIGINT
        removeFilesOfDeadBenches();
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
