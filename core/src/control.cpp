#include "shmscope/control.hpp"

#include "segment_file.hpp"
#include "shmscope/params.hpp"

#include <cstring>
#include <sys/stat.h>

namespace shmscope {

struct ControlWriter::Impl {
    detail::Fd fd;
    detail::Mapping mapping;
    ControlHeader* header = nullptr;
    ControlEntry* entries = nullptr;
};

ControlWriter::ControlWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ControlWriter::ControlWriter(ControlWriter&&) noexcept = default;
ControlWriter& ControlWriter::operator=(ControlWriter&&) noexcept = default;
ControlWriter::~ControlWriter() = default;

Result<ControlWriter> ControlWriter::open(const std::string& name, TransportKind transport)
{
    if (transport == TransportKind::Shm)
        if (Status valid = validateChannelName(name); !valid) return valid.error();
    const detail::ObjectPaths paths =
        transport == TransportKind::Shm ? detail::shmPaths(name) : detail::filePaths(name);
    bool absent = false;
    Result<detail::Fd> fd = detail::openObject(paths.control, true, &absent);
    if (!fd) return fd.error();
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0 || static_cast<std::uint64_t>(st.st_size) < kControlObjectBytes)
        return makeError(ErrorCode::Corrupt, "channel corrupted: control object truncated");
    Result<detail::Mapping> mapping = detail::Mapping::map(fd->get(), kControlObjectBytes, true);
    if (!mapping) return mapping.error();
    if (detail::loadMagic(mapping->data()) != detail::magicWord(kControlMagic))
        return makeError(ErrorCode::Corrupt, "channel corrupted: control object has a bad magic");
    auto impl = std::make_unique<Impl>();
    impl->header = reinterpret_cast<ControlHeader*>(mapping->data());
    impl->entries = reinterpret_cast<ControlEntry*>(mapping->data() + sizeof(ControlHeader));
    impl->fd = std::move(*fd);
    impl->mapping = std::move(*mapping);
    return ControlWriter(std::move(impl));
}

Result<std::uint32_t> ControlWriter::apply(std::uint32_t record, const ControlRequest& request)
{
    if (record >= kMaxRecords) return makeError(ErrorCode::Usage, "no such worker record");
    ControlEntry& entry = impl_->entries[record];
    std::uint32_t fields = entry.fields.load(std::memory_order_relaxed);
    if (request.rateHz) {
        entry.rate_hz.store(*request.rateHz, std::memory_order_relaxed);
        fields |= kControlRate;
    }
    if (request.messageBytes) {
        entry.message_bytes.store(*request.messageBytes, std::memory_order_relaxed);
        fields |= kControlMsgSize;
    }
    if (request.holdMs) {
        entry.hold_ms.store(*request.holdMs, std::memory_order_relaxed);
        fields |= kControlHold;
    }
    if (request.paused) entry.paused.store(*request.paused ? 1u : 0u, std::memory_order_relaxed);
    if (request.addStepTokens != 0)
        entry.step_tokens.store(entry.step_tokens.load(std::memory_order_relaxed) + request.addStepTokens,
                                std::memory_order_relaxed);
    entry.fields.store(fields, std::memory_order_relaxed);
    const std::uint32_t generation = entry.generation.load(std::memory_order_relaxed) + 1;
    entry.generation.store(generation, std::memory_order_release);
    return generation;
}

void ControlWriter::setPauseAll(bool paused)
{
    impl_->header->pause_all.store(paused ? 1u : 0u, std::memory_order_relaxed);
}

ControlReader::ControlReader(const ControlHeader* header, const ControlEntry* entry)
    : header_(header), entry_(entry)
{
    if (entry_ != nullptr) {
        seenGeneration_ = entry_->generation.load(std::memory_order_acquire);
        stepTokensUsed_ = entry_->step_tokens.load(std::memory_order_relaxed);
    }
}

std::optional<ControlValues> ControlReader::poll()
{
    if (entry_ == nullptr) return std::nullopt;
    const std::uint32_t generation = entry_->generation.load(std::memory_order_acquire);
    if (generation == seenGeneration_) return std::nullopt;
    // Copy, then re-check the generation: a change in between means a torn read; take it next time.
    ControlValues values;
    const std::uint32_t fields = entry_->fields.load(std::memory_order_relaxed);
    const std::uint64_t rate = entry_->rate_hz.load(std::memory_order_relaxed);
    const std::uint64_t bytes = entry_->message_bytes.load(std::memory_order_relaxed);
    const std::uint32_t hold = entry_->hold_ms.load(std::memory_order_relaxed);
    values.paused = entry_->paused.load(std::memory_order_relaxed) != 0;
    std::atomic_thread_fence(std::memory_order_acquire);
    if (entry_->generation.load(std::memory_order_relaxed) != generation) return std::nullopt;
    if ((fields & kControlRate) != 0) values.rateHz = rate > kMaxRateHz ? kMaxRateHz : rate;
    if ((fields & kControlMsgSize) != 0)
        values.messageBytes = bytes < kMinMessageBytes ? kMinMessageBytes
                              : bytes > kMaxMessageBytes ? kMaxMessageBytes : bytes;
    if ((fields & kControlHold) != 0) values.holdMs = hold > kMaxHoldMs ? kMaxHoldMs : hold;
    values.generation = generation;
    seenGeneration_ = generation;
    return values;
}

bool ControlReader::pauseAll() const
{
    return header_ != nullptr && header_->pause_all.load(std::memory_order_relaxed) != 0;
}

bool ControlReader::takeStepToken()
{
    if (entry_ == nullptr) return false;
    const std::uint32_t granted = entry_->step_tokens.load(std::memory_order_relaxed);
    // Unsigned difference: a hostile writer that lowers the count cannot make this negative.
    const std::uint32_t available = granted - stepTokensUsed_;
    if (available == 0 || available > 1'000'000) {
        if (available != 0) stepTokensUsed_ = granted; // implausible: resynchronise
        return false;
    }
    ++stepTokensUsed_;
    return true;
}

} // namespace shmscope
