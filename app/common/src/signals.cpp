#include "shmscope/cli/signals.hpp"

#include <algorithm>
#include <cmath>
#include <csignal>
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

void installSignalHandlers(std::string_view program, bool alarmStops) {
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
