#include "signals.hpp"

#include <cmath>
#include <csignal>
#include <sys/time.h>
#include <unistd.h>

namespace shmscope::worker {
namespace {

std::atomic<bool> gStop{false};
static_assert(std::atomic<bool>::is_always_lock_free); // touched from signal handlers

extern "C" void onStopSignal(int) { gStop.store(true, std::memory_order_relaxed); }

extern "C" void onBusError(int) {
    static constexpr char kLine[] = "shmscope-worker: channel truncated under us (SIGBUS)\n";
    const ssize_t written = ::write(STDERR_FILENO, kLine, sizeof kLine - 1);
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

} // namespace

std::atomic<bool>& stopFlag() { return gStop; }

void installSignalHandlers() {
    install(SIGINT, onStopSignal);
    install(SIGTERM, onStopSignal);
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

} // namespace shmscope::worker
