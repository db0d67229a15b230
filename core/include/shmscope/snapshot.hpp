// Read-only views of a channel, for monitors (the GUI, shmscope-stat, Prometheus).
// A reader maps the segment PROT_READ, never takes a lock, never writes: like AeronStat, it cannot
// disturb the writers it watches. Any process may read, attached to the channel or not; the
// snapshot types are plain values.
#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"
#include "shmscope/result.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace shmscope {

struct RecordSnapshot {
    std::uint32_t index = 0;               // record index in the table (kDepartedRecord: departed)
    RecordState state = RecordState::Free;
    bool alive = false;                    // OFD lock on byte `index` held (kernel-checked)
    Role role = Role::None;
    Program program = Program::Application; // unknown values read as Application
    std::uint32_t pid = 0;
    std::uint32_t incarnation = 0;
    Activity activity = Activity::Starting;
    bool closed = false;
    std::uint32_t appliedGeneration = 0;
    std::uint64_t messageBytes = 0;
    std::uint64_t rateHz = 0;
    std::uint64_t startedNs = 0;
    std::uint64_t heartbeatNs = 0;
    std::uint64_t lastSequence = 0;
    std::array<std::uint64_t, kCounterCount> counters{};
    std::array<std::uint64_t, kHistogramBuckets> waitHistogram{};
    std::array<std::uint64_t, kHistogramBuckets> latencyHistogram{};

    [[nodiscard]] std::uint64_t counter(Counter c) const
    {
        return counters[static_cast<std::uint32_t>(c)];
    }
};

struct CursorSnapshot {
    std::uint32_t record = 0;              // the broadcast consumer's stats record
    std::uint64_t position = 0;            // next position it reads
};

struct RingSnapshot {
    std::uint32_t slotCount = 0;
    std::uint64_t head = 0;                // producer position (messages ever enqueued)
    std::uint64_t tail = 0;                // consumer position
    std::uint64_t occupiedSlots = 0;       // ready or in use
    std::uint64_t highWaterSlots = 0;
    std::uint32_t lockHolderPid = 0;       // 0 = free or not a lock-based strategy
    std::uint32_t lockHolderRecord = kNoRecord;
    std::vector<SlotState> slotStates;     // empty unless requested ("slots" is a Qt macro)
    std::vector<CursorSnapshot> cursors;   // broadcast delivery: every active read cursor
};

struct ChannelInfo {
    std::string name;                      // channel name, or the file path for file channels
    ChannelParams params;
    std::uint32_t flags = 0;
    std::uint64_t segmentBytes = 0;
    std::uint64_t createdRealtimeNs = 0;
    std::uint32_t creatorPid = 0;
    std::uint32_t ownerUid = 0;            // from fstat
    std::uint32_t versionMajor = 0, versionMinor = 0;
    // File channel left by another boot, or by processes that are all gone: the next read-write
    // attacher will rebuild its locks and indices. A read-only reader changes nothing.
    bool needsRecovery = false;
};

// Semaphore slots leaked by a process that died between taking a permit and passing it on.
struct PermitLeak {
    std::uint32_t record = 0;
    std::uint32_t pid = 0;
    Role role = Role::None;       // producer: an empty permit (a free slot); consumer: a full one
    std::uint64_t leakedSlots = 0; // (not `slots`: a Qt macro)
};

// "N slot(s) leaked by dead process P", one line per leak. Any thread.
std::string describeLeak(const PermitLeak& leak);

class Channel;
// The same, read from an attached channel's records (role None: producers and consumers), for
// its own processes; `except` is the caller's record. Liveness by the records' OFD locks. A
// producer or consumer attached read-write (a monitor uses ChannelSnapshot::permitLeaks). Never
// fails: no leak, an empty list.
std::vector<PermitLeak> permitLeaks(const Channel& channel, Role role, std::uint32_t except = kNoRecord);

struct ChannelSnapshot {
    std::uint64_t takenNs = 0;             // CLOCK_MONOTONIC when the snapshot was taken
    std::vector<RecordSnapshot> records;   // every non-free record, in table order
    RecordSnapshot departed;               // folded totals of records that were reused
    RingSnapshot ring;

    // Sum of counter `c` over every record and the departed totals, optionally one role only
    // (the departed totals, which mix roles, count only for Role::None).
    [[nodiscard]] std::uint64_t total(Counter c, Role role = Role::None) const;
    // Records of dead processes that still hold semaphore permits (any strategy: 0 outside the
    // semaphore ring). The counter is untrusted: at most slot_count slots per record.
    [[nodiscard]] std::vector<PermitLeak> permitLeaks() const;
};

// A monitor's read-only attachment to one channel: it claims no record and takes no lock.
// Not thread-safe: one thread per reader (readers are cheap; open one per thread).
class SnapshotReader {
public:
    // Attach read-only to channel `name` (openChannel, /dev/shm) or to the data file `path`
    // (openFile, file transport). Waits up to `timeout` for the channel to appear and finish
    // initialising. Errors: Usage (not a channel name), NotFound (absent after the timeout),
    // Corrupt (fails validation, docs/PROTOCOL.md), Permission, System.
    static Result<SnapshotReader> openChannel(const std::string& name,
                                              std::chrono::milliseconds timeout);
    static Result<SnapshotReader> openFile(const std::string& path,
                                           std::chrono::milliseconds timeout);

    SnapshotReader(SnapshotReader&&) noexcept;
    SnapshotReader& operator=(SnapshotReader&&) noexcept;
    ~SnapshotReader();

    // The header, as validated at open; it does not change while the channel exists.
    [[nodiscard]] const ChannelInfo& info() const;

    // Copies every record and the ring indices; slot states only when `withSlots` (heavier: one
    // load per slot). Values are validated and clamped; nothing here trusts the mapping. Cannot
    // fail: a value out of range reads as its default.
    [[nodiscard]] ChannelSnapshot take(bool withSlots) const;

private:
    struct Impl;
    explicit SnapshotReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// One line of `shmscope-stat --list`.
struct ChannelListing {
    std::string name;
    std::uint32_t ownerUid = 0;
    std::uint32_t mode = 0;
    std::uint64_t sizeBytes = 0;
    std::uint32_t attached = 0;    // Active records
    std::uint32_t live = 0;        // of those, alive by their OFD lock
    bool inUse = false;            // some process holds the segment's flock
    std::string problem;           // non-empty when the segment failed validation
};

// Every channel in /dev/shm, sorted by name; a segment that fails validation is listed with its
// problem. Never fails (an unreadable /dev/shm lists nothing). Any process.
std::vector<ChannelListing> listChannels();

// Remove one channel (data and control objects), whoever is attached: attached processes keep
// their mappings, new ones no longer find it. Errors: Usage (a name that fails validation),
// NotFound, Permission. Any process with the right to unlink it (a tool, a test, a last one out).
Status removeChannel(const std::string& name);

// Remove every channel no process is attached to (flock LOCK_EX|LOCK_NB, unlink while holding),
// optionally only those whose name starts with `namePrefix`, and control objects left without
// their channel. Returns the channel names removed; never fails. Any process.
std::vector<std::string> collectGarbage(std::string_view namePrefix = {});

} // namespace shmscope
