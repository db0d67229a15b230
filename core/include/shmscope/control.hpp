// The control object (/shmscope.<ch>.ctl): per-worker rate, message size, pause, step and hold,
// written by one controller (the GUI) and polled by workers (docs/PROTOCOL.md, control object).
#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/result.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace shmscope {

// What a controller asks of one worker. Unset optionals leave the worker's value as it is.
struct ControlRequest {
    std::optional<std::uint64_t> rateHz;        // 0 = as fast as possible
    std::optional<std::uint64_t> messageBytes;
    std::optional<bool> paused;
    std::optional<std::uint32_t> holdMs;
    std::uint32_t addStepTokens = 0;           // while paused: let this many messages through
};

// The values a worker applies, already clamped to docs/CLI.md's limits.
struct ControlValues {
    std::optional<std::uint64_t> rateHz;
    std::optional<std::uint64_t> messageBytes;
    std::optional<std::uint32_t> holdMs;
    bool paused = false;
    std::uint32_t stepTokens = 0;
    std::uint32_t generation = 0;
};

// The controller's side: maps the control object read-write. One controller per channel (the
// desktop application); it needs no stats record. Not thread-safe: one thread per object.
class ControlWriter {
public:
    // `name` is the channel name (shm) or the data file path (file transport, control at FILE.ctl).
    // Errors: Usage (not a channel name), NotFound, Permission, Corrupt (truncated, bad magic),
    // System.
    static Result<ControlWriter> open(const std::string& name, TransportKind transport);

    ControlWriter(ControlWriter&&) noexcept;
    ControlWriter& operator=(ControlWriter&&) noexcept;
    ~ControlWriter();

    // Writes the request into entry `record` and bumps its generation (release). Returns the new
    // generation: the worker has applied the request once its stats record's applied_generation
    // reaches it. Errors: Usage (record >= kMaxRecords).
    Result<std::uint32_t> apply(std::uint32_t record, const ControlRequest& request);
    // Pauses or resumes every worker of the channel at once (relaxed store). Cannot fail.
    void setPauseAll(bool paused);

private:
    struct Impl;
    explicit ControlWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The worker's side: reads its own entry as untrusted input. The owner of the entry's stats
// record (a producer or consumer), from one thread. Default-constructed (no entry), every call
// reports nothing to apply. Never fails; never writes the control object.
class ControlReader {
public:
    ControlReader() = default;
    // `header` and `entry` from Channel::controlHeader() and controlEntry(own record); they must
    // outlive the reader. Changes made before construction are the baseline, not applied.
    ControlReader(const ControlHeader* header, const ControlEntry* entry);

    // Returns new values when the entry's generation moved since the last call (or the baseline
    // taken at construction), clamped to the static limits; std::nullopt otherwise. Cheap: one
    // acquire load on the fast path.
    std::optional<ControlValues> poll();
    // The channel-wide pause (ControlWriter::setPauseAll).
    [[nodiscard]] bool pauseAll() const;

    // Takes one step token if any is available (paused single-stepping): true when it took one.
    bool takeStepToken();

private:
    const ControlHeader* header_ = nullptr;
    const ControlEntry* entry_ = nullptr;
    std::uint32_t seenGeneration_ = 0;
    std::uint32_t stepTokensUsed_ = 0;
};

} // namespace shmscope
