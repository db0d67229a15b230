// A channel attached read-write: the segment (header, stats table, ring) and its control object,
// with docs/PROTOCOL.md's lifecycle (create, attach, validate, liveness, last one out removes).
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
    // `name`: the channel name (shm transport). For the file transport pass the name used in
    // messages (usually the path) and set options.path.
    static Result<Channel> open(const std::string& name, const OpenOptions& options);

    Channel(Channel&&) noexcept;
    Channel& operator=(Channel&&) noexcept;
    ~Channel();   // detaches; removes the channel when this is the last process out (not --keep)

    [[nodiscard]] const std::string& name() const;
    [[nodiscard]] const ChannelParams& params() const;
    [[nodiscard]] bool created() const;      // this process created it

    // Validated views into the mapping.
    [[nodiscard]] SegmentHeader& header() const;
    [[nodiscard]] StatsRecord& record(std::uint32_t index) const;  // index <= kDepartedRecord
    [[nodiscard]] RingControl& ring() const;
    [[nodiscard]] SlotDescriptor& descriptor(std::uint32_t slot) const;
    [[nodiscard]] std::byte* slot(std::uint32_t slot) const;       // message header, then payload
    [[nodiscard]] BroadcastCursor& cursor(std::uint32_t record) const;
    [[nodiscard]] const ControlHeader& controlHeader() const;
    [[nodiscard]] const ControlEntry& controlEntry(std::uint32_t record) const;

    // --msync (file transport): writes the mapping's dirty pages to the file and waits, so that
    // committed messages survive a machine crash. A no-op cost for clean pages.
    Status sync() const;

    // Liveness: is the process that owns record `index` alive? (F_OFD_GETLK on byte `index`.)
    [[nodiscard]] bool recordAlive(std::uint32_t index) const;

    // Claims a free (or dead) stats record for this process with `role`, naming `program` for
    // monitors; holds its OFD lock until release or death. Dead records met on the way are
    // repaired (repairDeadRecord) and folded.
    Result<std::uint32_t> claimRecord(Role role, Program program = Program::Application);
    // Marks the record Exited (clean detach) and drops its OFD lock.
    void releaseRecord();
    [[nodiscard]] std::uint32_t recordIndex() const;    // kNoRecord before claimRecord
    [[nodiscard]] std::uint32_t incarnation() const;

    // Crash repair (docs/PROTOCOL.md): holding the record's OFD lock (so nobody reuses it
    // meanwhile) and the repair mutex, abandons the slots claimed by the dead process in record
    // `index`, releases roles it owned and marks the record Dead; its counters stay for display and
    // are folded into the departed record when the record is reused. Returns the slots abandoned.
    // Does nothing for a live or already repaired record.
    std::uint64_t repairDeadRecord(std::uint32_t index);

    // Scans the table for dead records and repairs them; returns how many it repaired.
    std::uint32_t repairDeadRecords();

private:
    struct Impl;
    explicit Channel(std::unique_ptr<Impl> impl);
    std::uint64_t repairDeadRecordLocked(std::uint32_t index);
    std::unique_ptr<Impl> impl_;
};

} // namespace shmscope
