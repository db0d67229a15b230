// Plain values a Monitor hands to the widgets: one snapshot of a channel, already copied out of
// shared memory. widgets/ knows nothing of shared memory; app/gui fills these in.
#pragma once

#include <QString>
#include <array>
#include <cstdint>
#include <vector>

namespace shmscope::widgets {

inline constexpr int kHistogramBuckets =
    64; // log2 buckets: bucket b counts values in [2^b, 2^(b+1))
using Log2Histogram = std::array<std::uint64_t, kHistogramBuckets>;

enum class ProcessRole { Unknown, Producer, Consumer };

// What a process is doing (mirrors the stats record's activity, in the GUI's own type).
enum class ProcessActivity {
    Starting,
    Running,
    Paused,
    BlockedNoSlot,
    BlockedNoData,
    WaitingLock,
    InCriticalSection,
    Exiting,
    Writing,
    Reading,
};

enum class SlotKind { Free, Writing, Ready, Reading, Abandoned };

// The counters the monitor turns into rates and tables.
struct Counters {
    std::uint64_t messages = 0;
    std::uint64_t bytes = 0;
    std::uint64_t lockAcquires = 0;
    std::uint64_t lockContended = 0;
    std::uint64_t casRetries = 0;
    std::uint64_t waitNs = 0;
    std::uint64_t holdNs = 0;
    std::uint64_t drops = 0;
    std::uint64_t overrun = 0;
    std::uint64_t gaps = 0;
    std::uint64_t reordered = 0;
    std::uint64_t corrupt = 0;
    std::uint64_t lostToCrash = 0;
    std::uint64_t incomplete = 0;
    std::uint64_t lockRecoveries = 0;
};

struct ProcessSample {
    std::uint32_t record = 0;
    std::uint32_t incarnation = 0;
    std::uint32_t pid = 0;
    ProcessRole role = ProcessRole::Unknown;
    bool bridge = false; // shmscope-bridge: a consumer sends the channel on, a producer receives
    ProcessActivity activity = ProcessActivity::Starting;
    bool alive = false;  // the kernel still holds its liveness lock
    bool exited = false; // detached cleanly
    std::uint32_t appliedGeneration = 0;
    std::uint64_t messageBytes = 0;
    std::uint64_t rateHz = 0; // 0 = unthrottled
    Counters counters;
    Log2Histogram waitHistogram{};
    Log2Histogram latencyHistogram{};
};

// Semaphore slots that a dead process took with it (docs/PROTOCOL.md, semaphore).
struct SlotLeak {
    std::uint32_t pid = 0;
    std::uint64_t slotCount = 0;
    bool operator==(const SlotLeak&) const = default;
};

struct RingSample {
    std::uint32_t slotCount = 0;
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    std::uint64_t occupiedSlots = 0;
    std::uint64_t highWaterSlots = 0;
    std::uint32_t lockHolderPid = 0;
    std::vector<SlotLeak> leaks;
};

struct ChannelSample {
    std::uint64_t takenNs = 0;            // CLOCK_MONOTONIC of the snapshot itself
    std::vector<ProcessSample> processes; // every attached or recently detached process
    Counters departed;                    // folded totals of records that were reused
    RingSample ring;
    bool hasSlots = false; // slot states are read at a lower rate
    std::vector<SlotKind> slotStates;
};

} // namespace shmscope::widgets
