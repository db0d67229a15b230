#include "signals.hpp"

#include <csignal>
#include <unistd.h>

namespace shmscope::bridge {
namespace {

std::atomic<bool> gStop{false};
static_assert(std::atomic<bool>::is_always_lock_free); // touched from signal handlers

extern "C" void onStopSignal(int) { gStop.store(true, std::memory_order_relaxed); }

extern "C" void onBusError(int) {
    static constexpr char kLine[] = "shmscope-bridge: channel truncated under us (SIGBUS)\n";
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
    install(SIGBUS, onBusError);
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, nullptr);
}

} // namespace shmscope::bridge
