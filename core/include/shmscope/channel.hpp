// A channel attached read-write: the segment (header, stats table, ring) and its control object,
// with docs/PROTOCOL.md's lifecycle (create, attach, validate, liveness, last one out removes).
// Who uses it: a process that produces or consumes (the creator is one of them); monitors use
// SnapshotReader (snapshot.hpp) and never attach read-write. Errors are values (result.hpp).
// Thread-safety: a Channel is used by one thread at a time, except where a call says otherwise.
#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"
#include "shmscope/result.hpp"

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace shmscope {

enum class OpenMode {
    Attach,         // wait up to attachTimeout for the channel to appear
    Create,         // create if absent, else attach and compare the given parameters
    CreateOnly,     // O_EXCL: fail if present
};

struct OpenOptions {
    OpenMode mode = OpenMode::Attach;
    ChannelParams params;           // used when creating; compared where `given` says so
    GivenParams given;
    bool keep = false;              // --keep: the last process out leaves the channel
    bool allowOtherOwner = false;   // attach read-write to a channel another uid owns
    std::string path;               // file transport: the data file (control at path + ".ctl")
    std::chrono::milliseconds attachTimeout{5000};
    const std::atomic<bool>* stop = nullptr; // SIGINT/SIGTERM while waiting to attach
};

class Channel {
public:
    // Creates (per options.mode) or attaches channel `name`, validates its header against
    // docs/PROTOCOL.md and the given parameters, maps it read-write and holds its shared flock.
    // `name`: the channel name (shm transport). For the file transport pass the name used in
    // messages (usually the path) and set options.path. Errors: Usage (bad name or parameters),
    // NotFound (absent after attachTimeout), Exists (CreateOnly), Mismatch (a given parameter
    // differs), Corrupt, NoSpace, Permission, Stopped (options.stop raised while waiting), System.
    // Any process that will produce or consume; claim a record (claimRecord) before using the ring.
    static Result<Channel> open(const std::string& name, const OpenOptions& options);

    Channel(Channel&&) noexcept;
    Channel& operator=(Channel&&) noexcept;
    // Releases the record if still held and detaches; removes an shm channel when this is the
    // last process out (not --keep).
    ~Channel();

    [[nodiscard]] const std::string& name() const;
    [[nodiscard]] const ChannelParams& params() const; // as read from the validated header
    [[nodiscard]] bool created() const;      // this process created it

    // Views into the mapping, valid while the Channel lives. Indices are not checked: record()
    // takes 0 … kDepartedRecord, descriptor() and slot() 0 … slot_count - 1, cursor() and
    // controlEntry() 0 … kMaxRecords - 1. The shared fields follow layout.hpp's writer and
    // ordering rules; the control object is untrusted input (a controller may write it any time).
    [[nodiscard]] SegmentHeader& header() const;
    [[nodiscard]] StatsRecord& record(std::uint32_t index) const;
    [[nodiscard]] RingControl& ring() const;
    [[nodiscard]] SlotDescriptor& descriptor(std::uint32_t slot) const;
    [[nodiscard]] std::byte* slot(std::uint32_t slot) const;       // message header, then payload
    [[nodiscard]] BroadcastCursor& cursor(std::uint32_t record) const;
    [[nodiscard]] const ControlHeader& controlHeader() const;
    [[nodiscard]] const ControlEntry& controlEntry(std::uint32_t record) const;

    // --msync (file transport): writes the mapping's dirty pages to the file and waits, so that
    // committed messages survive a machine crash. A no-op cost for clean pages.
    // Errors: System (msync failed). The producer, after committing.
    Status sync() const;

    // Liveness: is the process that owns record `index` alive? (F_OFD_GETLK on byte `index`;
    // true for this process's own record, false for index >= kMaxRecords.) Any thread.
    [[nodiscard]] bool recordAlive(std::uint32_t index) const;

    // Claims a free (or dead) stats record for this process with `role`, naming `program` for
    // monitors; holds its OFD lock until release or death. Dead records met on the way are
    // repaired (repairDeadRecord) and folded. Returns the record index; TableFull when all 64 are
    // held by live processes. A producer or consumer, once, after open().
    Result<std::uint32_t> claimRecord(Role role, Program program = Program::Application);
    // Marks the record Exited (clean detach) and drops its OFD lock; nothing without a record.
    // The record's owner, after its endpoint is gone.
    void releaseRecord();
    [[nodiscard]] std::uint32_t recordIndex() const;    // kNoRecord before claimRecord
    [[nodiscard]] std::uint32_t incarnation() const;    // of the claimed record

    // Crash repair (docs/PROTOCOL.md): holding the record's OFD lock (so nobody reuses it
    // meanwhile) and the repair mutex, abandons the slots claimed by the dead process in record
    // `index`, releases roles it owned and marks the record Dead; its counters stay for display and
    // are folded into the departed record when the record is reused. Returns the slots abandoned.
    // Does nothing for a live or already repaired record. Any attached process (the rings call it
    // when a peer's lock or slot looks abandoned).
    std::uint64_t repairDeadRecord(std::uint32_t index);

    // Scans the table for dead records and repairs them; returns how many it repaired. Any
    // attached process.
    std::uint32_t repairDeadRecords();

private:
    struct Impl;
    explicit Channel(std::unique_ptr<Impl> impl);
    std::uint64_t repairDeadRecordLocked(std::uint32_t index);
    std::unique_ptr<Impl> impl_;
};

} // namespace shmscope
