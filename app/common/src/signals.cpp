#include "shmscope/cli/signals.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <dirent.h>
#include <cstdio>
#include <cstring>
#include <sys/time.h>
#include <unistd.h>

namespace shmscope::cli {
namespace {

std::atomic<bool> gStop{false};
static_assert(std::atomic<bool>::is_always_lock_free); // touched from signal handlers

// "PROGRAM: channel truncated under us (SIGBUS)\n", built before the handler is installed so that
// the handler only writes it (write(2) is async-signal-safe, formatting is not).
char gBusErrorLine[128];
std::size_t gBusErrorBytes = 0;

pid_t gParent = 0; // the parent when the handlers were installed

// The state letter of /proc/PID/stat or /proc/PID/task/TID/stat; 0 when it is gone.
char stateOf(const char* path) {
    std::FILE* file = std::fopen(path, "re");
    if (file == nullptr)
        return 0;
    char text[512] = {};
    const std::size_t read = std::fread(text, 1, sizeof text - 1, file);
    std::fclose(file);
    const char* close = read > 0 ? std::strrchr(text, ')') : nullptr;
    return close != nullptr && close[1] == ' ' ? close[2] : 0;
}

bool deadState(char state) { return state == 0 || state == 'Z' || state == 'X'; }

// The process's first thread has exited (so its other threads are on their way out, or gone).
bool leaderDead(pid_t pid) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/%d/stat", static_cast<int>(pid));
    return deadState(stateOf(path));
}

// Every thread has exited: the process has closed its files and released its locks.
bool fullyExited(pid_t pid) {
    char directory[64];
    std::snprintf(directory, sizeof directory, "/proc/%d/task", static_cast<int>(pid));
    DIR* tasks = ::opendir(directory);
    if (tasks == nullptr)
        return true;
    bool exited = true;
    while (const dirent* entry = ::readdir(tasks)) {
        if (entry->d_name[0] == '.')
            continue;
        char path[sizeof directory + sizeof entry->d_name + 8];
        std::snprintf(path, sizeof path, "%s/%s/stat", directory, entry->d_name);
        exited = exited && deadState(stateOf(path));
    }
    ::closedir(tasks);
    return exited;
}

extern "C" void onStopSignal(int) { gStop.store(true, std::memory_order_relaxed); }

extern "C" void onBusError(int) {
    const ssize_t written = ::write(STDERR_FILENO, gBusErrorLine, gBusErrorBytes);
    (void)written;
    ::_exit(1);
}

void install(int signal, void (*handler)(int)) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: blocking calls return EINTR and re-check the flag
    sigaction(signal, &action, nullptr);
}

void setBusErrorLine(std::string_view program) {
    static constexpr std::string_view kWhat = ": channel truncated under us (SIGBUS)\n";
    const std::size_t name = std::min(program.size(), sizeof gBusErrorLine - kWhat.size());
    std::memcpy(gBusErrorLine, program.data(), name);
    std::memcpy(gBusErrorLine + name, kWhat.data(), kWhat.size());
    gBusErrorBytes = name + kWhat.size();
}

} // namespace

std::atomic<bool>& stopFlag() { return gStop; }

void waitForParentExit() {
    // The parent-death signal comes when the thread that started us exits, the parent's first
    // thread: then the parent is still our parent, its first thread a zombie.
    if (gParent <= 1 || (::getppid() == gParent && !leaderDead(gParent)))
        return;
    constexpr int kPollMs = 5;
    for (int waited = 0; waited < kParentExitWaitMs && !fullyExited(gParent); waited += kPollMs)
        ::usleep(kPollMs * 1000);
}

void installSignalHandlers(std::string_view program, bool alarmStops) {
    gParent = ::getppid();
    setBusErrorLine(program);
    install(SIGINT, onStopSignal);
    install(SIGTERM, onStopSignal);
    if (alarmStops)
        install(SIGALRM, onStopSignal);
    install(SIGBUS, onBusError);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
}

void stopAfter(double seconds) {
    const double whole = std::floor(seconds);
    itimerval timer{};
    timer.it_value.tv_sec = static_cast<time_t>(whole);
    timer.it_value.tv_usec = static_cast<suseconds_t>(std::lround((seconds - whole) * 1e6));
    if (timer.it_value.tv_sec == 0 && timer.it_value.tv_usec == 0)
        timer.it_value.tv_usec = 1;
    setitimer(ITIMER_REAL, &timer, nullptr);
}

} // namespace shmscope::cli
