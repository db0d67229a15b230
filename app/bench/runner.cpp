#include "runner.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

volatile std::sig_atomic_t gInterrupted = 0;
// The children of the current measurement, for the signal handler (async-signal-safe kill).
std::atomic<pid_t> gChildren[2] = {-1, -1};
static_assert(std::atomic<pid_t>::is_always_lock_free);

void onSignal(int) {
    gInterrupted = 1;
    for (const std::atomic<pid_t>& child : gChildren) {
        const pid_t pid = child.load();
        if (pid > 0)
            ::kill(pid, SIGKILL);
    }
}

void pinTo(int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    ::sched_setaffinity(0, sizeof set, &set); // best effort: a 1-CPU machine still runs
}

pid_t spawn(const Runner::Body& body, RunReport& report, int cpu, unsigned timeoutS) {
    std::fflush(nullptr); // nothing buffered may be written twice
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid != 0)
        return pid;
    // A bench killed by SIGKILL takes its measuring children with it. Checked after setting:
    // a parent that died before the prctl left this child with another parent already.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent)
        ::_exit(1);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGPIPE, SIG_IGN);
    ::alarm(timeoutS);
    pinTo(cpu);
    const int status = body(report);
    // exit(), not _exit(): libraries with per-process registrations (iceoryx's runtime) detach.
    std::exit(status);
}

std::string describe(int status, const SideReport& side, const char* role) {
    if (side.error[0] != '\0')
        return side.error;
    if (WIFSIGNALED(status)) {
        const int signal = WTERMSIG(status);
        if (signal == SIGALRM)
            return std::string(role) + " timed out";
        return std::string(role) + " killed by signal " + std::to_string(signal);
    }
    return std::string(role) + " exited with status " + std::to_string(WEXITSTATUS(status));
}

} // namespace

Runner::Runner() {
    void* memory = ::mmap(nullptr, sizeof(RunReport), PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (memory == MAP_FAILED)
        throw std::bad_alloc();
    report_ = static_cast<RunReport*>(memory);
}

Runner::~Runner() { ::munmap(report_, sizeof(RunReport)); }

void Runner::installSignalHandlers() {
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, nullptr);
    ::sigaction(SIGTERM, &action, nullptr);
}

bool Runner::interrupted() { return gInterrupted != 0; }

std::string Runner::runPair(const Body& producer, const Body& consumer, unsigned timeoutS) {
    return run(&producer, &consumer, timeoutS);
}

std::string Runner::runAlone(const Body& body, unsigned timeoutS) {
    return run(&body, nullptr, timeoutS);
}

std::string Runner::run(const Body* producer, const Body* consumer, unsigned timeoutS) {
    std::memset(static_cast<void*>(report_), 0, sizeof(RunReport));
    if (interrupted())
        return "interrupted";
    const SideReport* sides[2] = {&report_->producer, &report_->consumer};
    const char* roles[2] = {"producer", "consumer"};
    pid_t pids[2] = {-1, -1};
    if (consumer != nullptr) {
        pids[1] = spawn(*consumer, *report_, kConsumerCpu, timeoutS);
        gChildren[1] = pids[1];
    }
    pids[0] = spawn(*producer, *report_, kProducerCpu, timeoutS);
    gChildren[0] = pids[0];
    std::string failure;
    int running = consumer != nullptr ? 2 : 1;
    while (running > 0) {
        int status = 0;
        const pid_t done = ::waitpid(-1, &status, 0);
        if (done < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int side = 0; side < 2; ++side) {
            if (pids[side] != done)
                continue;
            pids[side] = -1;
            gChildren[side] = -1;
            --running;
            const bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
            if (ok)
                continue;
            if (failure.empty())
                failure = describe(status, *sides[side], roles[side]);
            const pid_t peer = pids[1 - side];
            if (peer > 0)
                ::kill(peer, SIGKILL);
        }
    }
    if (interrupted() && failure.empty())
        failure = "interrupted";
    return failure;
}

} // namespace shmscope::bench
