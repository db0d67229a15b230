#include "shmscope/wait.hpp"

#include <climits>
#include <linux/membarrier.h>
#include <ctime>
#include <linux/futex.h>
#include <sched.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace shmscope {

std::string_view waitName(WaitKind kind)
{
    switch (kind) {
    case WaitKind::Spin: return "spin";
    case WaitKind::Yield: return "yield";
    case WaitKind::Sleep: return "sleep";
    case WaitKind::Adaptive: return "adaptive";
    }
    return "unknown";
}

std::optional<WaitKind> parseWait(std::string_view text)
{
    for (WaitKind kind : {WaitKind::Spin, WaitKind::Yield, WaitKind::Sleep, WaitKind::Adaptive})
        if (waitName(kind) == text) return kind;
    return std::nullopt;
}

std::uint64_t monotonicNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

std::uint64_t realtimeNs()
{
    timespec ts{};
    clock_gettime(CLOCK_REALTIME, &ts);
    return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

// Shared futexes (no FUTEX_PRIVATE_FLAG): the word lives in memory mapped by several processes.
void futexWake(AtomicU32& word)
{
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE, INT_MAX, nullptr, nullptr, 0);
}

void futexWait(AtomicU32& word, std::uint32_t expected, std::uint64_t timeoutNs)
{
    if (timeoutNs > kWaitSliceNs) timeoutNs = kWaitSliceNs;
    timespec relative{};
    relative.tv_sec = static_cast<time_t>(timeoutNs / 1'000'000'000u);
    relative.tv_nsec = static_cast<long>(timeoutNs % 1'000'000'000u);
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT, expected, &relative,
            nullptr, 0);
}

void cpuRelax() { __builtin_ia32_pause(); }
void yieldCpu() { sched_yield(); }

Waiter::Waiter(const WaitPolicy& policy, EventCountWord& event, std::uint64_t startNs)
    : policy_(policy), event_(event), startNs_(startNs)
{
}

void Waiter::sleepOnce(std::uint32_t seen, std::uint64_t sliceNs)
{
    futexWait(event_.sequence, seen, sliceNs);
}

namespace detail {
bool gLightWake = false;
} // namespace detail

namespace {

int membarrier(int command)
{
    return static_cast<int>(syscall(SYS_membarrier, command, 0u, 0));
}

WakeMode probeWakeMode()
{
    WakeMode mode;
    const int supported = membarrier(MEMBARRIER_CMD_QUERY);
    if (supported < 0 || (supported & MEMBARRIER_CMD_GLOBAL_EXPEDITED) == 0 ||
        (supported & MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED) == 0)
        return mode;
    mode.wakerRegistered = membarrier(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED) == 0;
    mode.sleeperBarrier = membarrier(MEMBARRIER_CMD_GLOBAL_EXPEDITED) == 0;
    return mode;
}

} // namespace

const WakeMode& registerWaker()
{
    static const WakeMode mode = [] {
        const WakeMode probed = probeWakeMode();
        detail::gLightWake = probed.wakerRegistered;
        return probed;
    }();
    return mode;
}

const WakeMode& wakeMode() { return registerWaker(); }

bool sleeperBarrier()
{
    if (!wakeMode().sleeperBarrier) return false;
    return membarrier(MEMBARRIER_CMD_GLOBAL_EXPEDITED) == 0;
}

} // namespace shmscope
