#include "worker_run.hpp"

#include "runner.hpp"
#include "shmscope/snapshot.hpp"
#include "shmscope/stats.hpp"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

using Clock = std::chrono::steady_clock;

// Hang guards, not measurements: a loaded machine can take seconds to start a worker (each
// generates its 64 MiB payload pool first).
constexpr std::chrono::milliseconds kChannelTimeout{10'000};
constexpr std::chrono::milliseconds kFirstMessageTimeout{20'000};
constexpr std::chrono::milliseconds kDrainTimeout{10'000};
constexpr std::chrono::milliseconds kTermTimeout{3'000};
constexpr int kPollSliceMs = 10;
constexpr std::size_t kReadChunk = 4096;

struct Child {
    pid_t pid = -1;
    int out = -1; // stdout pipe
    int err = -1; // stderr pipe
    std::string outText, errText;
    int status = 0;
    bool exited = false;
};

std::uint64_t nowNs() {
    timespec ts{};
    ::clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ull +
           static_cast<std::uint64_t>(ts.tv_nsec);
}

// Starts one worker with its stdout and stderr on pipes. It ends with the bench (SIGTERM on the
// parent's death, so that it still removes what it created).
Child spawnWorker(const std::string& program, const std::vector<std::string>& args) {
    Child child;
    int out[2] = {-1, -1};
    int err[2] = {-1, -1};
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0)
        return child;
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(program.c_str()));
    for (const std::string& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::fflush(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        if (program.find('/') != std::string::npos)
            ::execv(program.c_str(), argv.data());
        else
            ::execvp(program.c_str(), argv.data());
        const std::string why = "cannot start " + program + ": " + std::strerror(errno) + "\n";
        [[maybe_unused]] const ssize_t written = ::write(STDERR_FILENO, why.data(), why.size());
        ::_exit(127);
    }
    ::close(out[1]);
    ::close(err[1]);
    if (pid < 0) {
        ::close(out[0]);
        ::close(err[0]);
        return child;
    }
    child.pid = pid;
    child.out = out[0];
    child.err = err[0];
    ::fcntl(child.out, F_SETFL, O_NONBLOCK);
    ::fcntl(child.err, F_SETFL, O_NONBLOCK);
    return child;
}

void drain(int& fd, std::string& text) {
    char buffer[kReadChunk];
    while (fd >= 0) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n > 0) {
            text.append(buffer, static_cast<std::size_t>(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        ::close(fd); // end of file or error
        fd = -1;
    }
}

// Waits up to `ms` for output, collecting it, and reaps the workers that ended.
void pump(std::vector<Child>& children, int ms) {
    std::vector<pollfd> fds;
    for (const Child& child : children)
        for (int fd : {child.out, child.err})
            if (fd >= 0)
                fds.push_back({fd, POLLIN, 0});
    if (fds.empty())
        ::usleep(static_cast<useconds_t>(ms) * 1000);
    else
        ::poll(fds.data(), fds.size(), ms);
    for (Child& child : children) {
        drain(child.out, child.outText);
        drain(child.err, child.errText);
        if (!child.exited && child.pid > 0 && ::waitpid(child.pid, &child.status, WNOHANG) > 0)
            child.exited = true;
    }
}

bool allExited(const std::vector<Child>& children, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i)
        if (!children[i].exited)
            return false;
    return true;
}

bool anyExited(const std::vector<Child>& children) {
    return std::any_of(children.begin(), children.end(), [](const Child& c) { return c.exited; });
}

// The first worker that failed (exited non-zero or killed), as its own stderr line.
std::optional<std::string> failureOf(const std::vector<Child>& children) {
    for (const Child& child : children) {
        if (child.pid < 0)
            return std::string("cannot start a worker process");
        if (!child.exited)
            continue;
        if (WIFEXITED(child.status) && WEXITSTATUS(child.status) == 0)
            continue;
        std::string line = child.errText.substr(0, child.errText.find('\n'));
        if (line.empty())
            line = WIFSIGNALED(child.status)
                       ? "a worker was killed by signal " + std::to_string(WTERMSIG(child.status))
                       : "a worker exited with status " + std::to_string(WEXITSTATUS(child.status));
        return line;
    }
    return std::nullopt;
}

// Signals the workers still running, then waits for them (SIGKILL after kTermTimeout).
void stopAll(std::vector<Child>& children, std::size_t from, int signal) {
    for (std::size_t i = from; i < children.size(); ++i)
        if (!children[i].exited && children[i].pid > 0)
            ::kill(children[i].pid, signal);
    const auto deadline = Clock::now() + kTermTimeout;
    while (!allExited(children, 0, children.size()) && Clock::now() < deadline)
        pump(children, kPollSliceMs);
    for (Child& child : children) {
        if (child.exited || child.pid <= 0)
            continue;
        ::kill(child.pid, SIGKILL);
        ::waitpid(child.pid, &child.status, 0);
        child.exited = true;
    }
    pump(children, 0);
}

// CPU time of a running process in ns (schedstat's first field), 0 once it is gone.
std::uint64_t cpuNs(pid_t pid) {
    std::ifstream file("/proc/" + std::to_string(pid) + "/schedstat");
    std::uint64_t ns = 0;
    file >> ns;
    return ns;
}

struct Sample {
    std::uint64_t ns = 0, messages = 0, bytes = 0, cpuNs = 0;
};

Sample sample(const SnapshotReader& reader, const std::vector<Child>& children) {
    const ChannelSnapshot snapshot = reader.take(false);
    Sample s;
    s.ns = nowNs();
    s.messages = snapshot.total(Counter::Messages, Role::Producer);
    s.bytes = snapshot.total(Counter::Bytes, Role::Producer);
    for (const Child& child : children)
        s.cpuNs += cpuNs(child.pid);
    return s;
}

// The number after "\"key\":" in one JSON line of a worker (docs/CLI.md, shmscope-worker).
std::optional<std::uint64_t> jsonNumber(const std::string& line, const std::string& key) {
    const std::string needle = "\"" + key + "\":";
    const std::size_t at = line.find(needle);
    if (at == std::string::npos)
        return std::nullopt;
    const char* begin = line.c_str() + at + needle.size();
    char* end = nullptr;
    const unsigned long long value = std::strtoull(begin, &end, 10);
    if (end == begin)
        return std::nullopt;
    return value;
}

// Latency and damage from the consumers' summary lines.
void readSummaries(const std::vector<Child>& children, std::size_t producers, PointResult& result) {
    for (std::size_t i = producers; i < children.size(); ++i) {
        const std::string& text = children[i].outText;
        const std::size_t at = text.find("{\"event\":\"summary\"");
        if (at == std::string::npos)
            continue;
        const std::string line = text.substr(at, text.find('\n', at) - at);
        for (const char* key : {"corrupt", "gaps", "incomplete"})
            result.damaged += jsonNumber(line, key).value_or(0);
        const std::size_t latency = line.find("\"latency_ns\":{");
        if (latency == std::string::npos)
            continue;
        const std::string histogram = line.substr(latency);
        const auto p50 = jsonNumber(histogram, "p50");
        const auto p99 = jsonNumber(histogram, "p99");
        if (p50)
            result.latP50Ns = std::max(result.latP50Ns.value_or(0), *p50);
        if (p99)
            result.latP99Ns = std::max(result.latP99Ns.value_or(0), *p99);
    }
}

// (max - min) / median of the values (sorted here); 0 when the median is 0.
double spreadOf(std::vector<double>& values) {
    std::sort(values.begin(), values.end());
    const double median = values[values.size() / 2];
    return median > 0 ? (values.back() - values.front()) / median : 0;
}

void summarise(const std::vector<Sample>& samples, PointResult& result) {
    std::vector<double> rates, cpuPerMessage;
    for (std::size_t i = 1; i < samples.size(); ++i) {
        const double seconds = static_cast<double>(samples[i].ns - samples[i - 1].ns) / 1e9;
        const double messages = static_cast<double>(samples[i].messages - samples[i - 1].messages);
        rates.push_back(messages / seconds);
        if (messages > 0)
            cpuPerMessage.push_back(static_cast<double>(samples[i].cpuNs - samples[i - 1].cpuNs) /
                                    messages);
    }
    const Sample& first = samples.front();
    const Sample& last = samples.back();
    const double seconds = static_cast<double>(last.ns - first.ns) / 1e9;
    const double messages = static_cast<double>(last.messages - first.messages);
    const double cpu = static_cast<double>(last.cpuNs - first.cpuNs);
    result.spread = spreadOf(rates);
    result.msgsPerS = rates[rates.size() / 2];
    if (!cpuPerMessage.empty())
        result.cpuSpread = spreadOf(cpuPerMessage);
    // The median rate in bytes: every message of a workload has the same size.
    result.bytesPerS =
        messages > 0 ? result.msgsPerS * static_cast<double>(last.bytes - first.bytes) / messages
                     : 0;
    result.cpuNsPerMsg = messages > 0 ? cpu / messages : 0;
    result.cpus = cpu / (seconds * 1e9);
    if (messages <= 0)
        result.failure = "no message moved while measuring";
}

// Waits for the channel and the first message, then takes the window samples.
std::optional<std::string> measure(const PointSpec& spec, std::vector<Child>& children,
                                   std::vector<Sample>& samples) {
    const auto channelDeadline = Clock::now() + kChannelTimeout;
    std::optional<SnapshotReader> reader;
    while (!reader) {
        if (Runner::interrupted())
            return "interrupted";
        if (auto failed = failureOf(children))
            return failed;
        if (Clock::now() > channelDeadline)
            return "the channel did not appear";
        Result<SnapshotReader> opened =
            SnapshotReader::openChannel(spec.channel, std::chrono::milliseconds(kPollSliceMs));
        if (opened)
            reader.emplace(std::move(*opened));
        else
            pump(children, kPollSliceMs);
    }
    const auto firstDeadline = Clock::now() + kFirstMessageTimeout;
    while (sample(*reader, children).messages == 0) {
        if (Runner::interrupted())
            return "interrupted";
        if (auto failed = failureOf(children))
            return failed;
        if (Clock::now() > firstDeadline)
            return "no message was sent";
        pump(children, kPollSliceMs);
    }
    const auto wait = [&](double seconds) -> std::optional<std::string> {
        const auto until = Clock::now() + std::chrono::duration<double>(seconds);
        while (Clock::now() < until) {
            if (Runner::interrupted())
                return "interrupted";
            if (auto failed = failureOf(children))
                return failed;
            if (anyExited(children))
                return "a worker ended before the measurement did";
            pump(children, kPollSliceMs);
        }
        return std::nullopt;
    };
    if (auto failed = wait(spec.warmupS))
        return failed;
    samples.push_back(sample(*reader, children));
    for (std::uint32_t window = 0; window < spec.windows; ++window) {
        if (auto failed = wait(spec.windowS))
            return failed;
        samples.push_back(sample(*reader, children));
    }
    return std::nullopt;
}

} // namespace

std::string workerProgram() {
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const std::filesystem::path beside = self.parent_path() / "shmscope-worker";
        if (::access(beside.c_str(), X_OK) == 0)
            return beside.string();
    }
    return "shmscope-worker";
}

PointResult runPoint(const PointSpec& spec) {
    const std::string program = workerProgram();
    std::vector<Child> children;
    // Consumers first: the producers wait for them (--wait-consumers) in any case.
    std::vector<std::size_t> order;
    for (std::size_t i = spec.producers; i < spec.processes.size(); ++i)
        order.push_back(i);
    for (std::size_t i = 0; i < spec.producers; ++i)
        order.push_back(i);
    children.resize(spec.processes.size());
    for (std::size_t i : order) {
        std::vector<std::string> args = spec.processes[i];
        args.push_back("--json");
        children[i] = spawnWorker(program, args);
    }
    PointResult result;
    std::vector<Sample> samples;
    result.failure = measure(spec, children, samples);
    // Producers end with SIGTERM; the consumers drain the ring and end after them.
    pump(children, 0); // reap what already ended
    for (std::size_t i = 0; i < spec.producers; ++i)
        if (!children[i].exited && children[i].pid > 0)
            ::kill(children[i].pid, SIGTERM);
    const auto drainDeadline = Clock::now() + kDrainTimeout;
    while (!allExited(children, 0, children.size()) && Clock::now() < drainDeadline &&
           !Runner::interrupted())
        pump(children, kPollSliceMs);
    stopAll(children, 0, SIGTERM);
    for (Child& child : children)
        for (int* fd : {&child.out, &child.err})
            if (*fd >= 0) {
                ::close(*fd);
                *fd = -1;
            }
    (void)removeChannel(spec.channel); // a worker that was killed could not
    if (!result.failure)
        result.failure = failureOf(children);
    if (result.failure)
        return result;
    summarise(samples, result);
    readSummaries(children, spec.producers, result);
    return result;
}

} // namespace shmscope::bench
