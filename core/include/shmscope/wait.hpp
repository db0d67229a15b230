// How a process waits for a slot, for data or for a lock, and how it wakes the other side
// (docs/PROTOCOL.md, waiting and waking): spin, yield, futex sleep, or adaptive (spin, then yield,
// then sleep). Nothing here fails or allocates; every call may be made from any thread of any
// process attached to the channel whose words it is given.
#pragma once

#include "shmscope/layout.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>
#include <optional>

namespace shmscope {

enum class WaitKind { Spin, Yield, Sleep, Adaptive };

// The --wait names ("spin", "yield", "sleep", "adaptive"); std::nullopt for other text.
std::string_view waitName(WaitKind kind);
std::optional<WaitKind> parseWait(std::string_view text);

inline constexpr std::uint64_t kWaitSliceNs = 100'000'000; // every blocking wait re-checks after this

struct WaitPolicy {
    WaitKind kind = WaitKind::Adaptive;
    std::uint64_t spinNs = 20'000;
    std::uint64_t yieldNs = 200'000;
};

// CLOCK_MONOTONIC and CLOCK_REALTIME in nanoseconds.
std::uint64_t monotonicNs();
std::uint64_t realtimeNs();

// Futex helpers on a shared (not private) futex word. futexWake wakes every sleeper on `word`.
void futexWake(AtomicU32& word);
// Sleeps while `word` == expected, at most `timeoutNs`. Returns on wake, timeout or mismatch.
void futexWait(AtomicU32& word, std::uint32_t expected, std::uint64_t timeoutNs);

// Waking without a full fence on the waker's side (docs/PROTOCOL.md, waiting and waking).
// Waker: publish (release store), then load `waiters`. Sleeper: waiters++, then an asymmetric
// barrier, then re-check. On x86 the waker's store may still sit in its store buffer when it
// loads `waiters`; the sleeper's membarrier(MEMBARRIER_CMD_GLOBAL_EXPEDITED) runs a full barrier
// on every CPU that runs a thread of a registered process, draining that buffer before the
// sleeper re-checks, so that either the waker sees the sleeper or the sleeper sees the publish.
// The sleeper (about to make a futex syscall anyway) pays ~1.5 µs; the waker a compiler barrier
// and a load. Checked in SPIN with a store buffer: tests/models/wake.pml.
//
// Fallbacks, per process, decided once: a process that cannot register as a waker fences in
// notify() (then the sleeper's barrier is not needed for it); a process that cannot issue the
// barrier as a sleeper sleeps in slices of kUnbarrieredSliceNs, so a wake it misses costs at
// most that.
struct WakeMode {
    bool wakerRegistered = false; // notify() may skip the fence
    bool sleeperBarrier = false;  // membarrier(GLOBAL_EXPEDITED) works here
};
// Registers this process for global expedited membarrier (idempotent; every process that
// attaches a channel calls it before its first notify(); Channel::open does). Returns the mode
// decided, which never changes afterwards; a failed registration is a fallback, not an error.
const WakeMode& registerWaker();
// The mode in force (registerWaker() if it was not called yet).
const WakeMode& wakeMode();
inline constexpr std::uint64_t kUnbarrieredSliceNs = 1'000'000;

namespace detail {
extern bool gLightWake; // wakeMode().wakerRegistered, readable without a call
} // namespace detail

// The sleeper's side of the barrier: true when it ran (the waker's stores are visible now).
bool sleeperBarrier();

// Waker side of an event count: call after publishing (data) or freeing (space). Costs a
// compiler barrier and one load unless somebody sleeps.
inline void notify(EventCountWord& event)
{
    if (detail::gLightWake) std::atomic_signal_fence(std::memory_order_seq_cst);
    else std::atomic_thread_fence(std::memory_order_seq_cst); // pairs with the sleeper's fence
    if (event.waiters.load(std::memory_order_relaxed) != 0) {
        event.sequence.fetch_add(1, std::memory_order_seq_cst);
        futexWake(event.sequence);
    }
}

// One blocking wait in progress: the caller loops `while (!ready()) waiter.pause(ready, now)`.
// The waiter spins, yields or sleeps per its policy, never longer than one slice (100 ms) at a
// time. `now` is the caller's latest CLOCK_MONOTONIC reading: pause() reads no clock itself, so
// a spinning wait costs a PAUSE and a re-check, not a clock read per pass.
// Process-local, for one wait of one thread; `policy` and `event` must outlive it.
class Waiter {
public:
    Waiter(const WaitPolicy& policy, EventCountWord& event, std::uint64_t startNs);

    // Waits a little for `event`; `ready` is re-checked after registering as a sleeper so that a
    // wake-up between the caller's check and the sleep is never lost. Returns true when the pause
    // was a cheap spin (the caller may skip its clock read for a few passes).
    template <typename Ready> bool pause(Ready&& ready, std::uint64_t nowNs);

    [[nodiscard]] std::uint64_t startNs() const { return startNs_; }

private:
    void sleepOnce(std::uint32_t seen, std::uint64_t sliceNs);
    const WaitPolicy& policy_;
    EventCountWord& event_;
    std::uint64_t startNs_;
};

void cpuRelax(); // one PAUSE instruction
void yieldCpu(); // sched_yield()

// Spins between re-checks: a PAUSE costs ~30 ns on current x86, so a few keep the reaction time
// near the cache-line transfer time while still yielding the core's pipeline to a sibling.
inline constexpr int kPausesPerSpin = 2;

template <typename Ready> bool Waiter::pause(Ready&& ready, std::uint64_t nowNs)
{
    const std::uint64_t waited = nowNs - startNs_;
    const bool spinPhase = policy_.kind == WaitKind::Spin ||
                           (policy_.kind == WaitKind::Adaptive && waited < policy_.spinNs);
    const bool yieldPhase =
        policy_.kind == WaitKind::Yield ||
        (policy_.kind == WaitKind::Adaptive && waited < policy_.spinNs + policy_.yieldNs);
    if (spinPhase) {
        for (int i = 0; i < kPausesPerSpin; ++i) cpuRelax();
        return true;
    }
    if (yieldPhase) {
        yieldCpu();
        return false;
    }
    event_.waiters.fetch_add(1, std::memory_order_seq_cst);
    const std::uint32_t seen = event_.sequence.load(std::memory_order_seq_cst);
    std::atomic_thread_fence(std::memory_order_seq_cst); // pairs with a fencing waker
    const bool barrier = sleeperBarrier();               // pairs with a registered waker
    if (!ready()) sleepOnce(seen, barrier ? kWaitSliceNs : kUnbarrieredSliceNs);
    event_.waiters.fetch_sub(1, std::memory_order_seq_cst);
    return false;
}

} // namespace shmscope
