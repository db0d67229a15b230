#include "segment_attach.hpp"

#include "ring_init.hpp"
#include "shmscope/wait.hpp"

#include <cstring>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace shmscope::detail {
namespace {

constexpr auto kAttachPoll = std::chrono::milliseconds(10);

Status validateControl(const ControlHeader& control, std::uint64_t bytes, const SegmentHeader& data)
{
    if (bytes < kControlObjectBytes)
        return makeError(ErrorCode::Corrupt, "channel corrupted: control object truncated");
    if (std::memcmp(control.magic, kControlMagic, sizeof control.magic) != 0)
        return makeError(ErrorCode::Corrupt, "channel corrupted: control object has a bad magic");
    if (control.version_major != kVersionMajor || control.entries != kMaxRecords)
        return makeError(ErrorCode::Corrupt, "channel corrupted: control object of another layout");
    if (control.data_created_ns != data.created_ns)
        return makeError(ErrorCode::Corrupt,
                         "channel corrupted: control object belongs to another channel");
    return {};
}

// A file channel outlives its processes and the machine: the first read-write attacher finds
// nobody else attached (flock LOCK_EX|LOCK_NB under the init lock) and rebuilds every lock,
// futex word and index, since robust mutexes and semaphores from dead processes or from a
// previous boot cannot be trusted. Returns whether it recovered. Holds LOCK_SH afterwards.
Result<bool> joinFileChannel(int fd, std::byte* base, const SegmentHeader& header)
{
    if (!ofdLockWait(fd, kInitLockByte))
        return makeError(ErrorCode::System, "cannot take the channel's init lock: " + errnoText(errno));
    bool recovered = false;
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        recoverRing(base, header);
        recovered = true;
    }
    const bool shared = ::flock(fd, LOCK_SH) == 0;
    const int error = errno;
    ofdUnlock(fd, kInitLockByte);
    if (!shared) return makeError(ErrorCode::System, "flock: " + errnoText(error));
    return recovered;
}

enum class Step { Done, Retry, Fail };

struct AttemptResult {
    Step step = Step::Retry;
    Error error;          // Fail: the error; Retry: the reason if the deadline passes
};

AttemptResult tryAttach(const AttachRequest& request, AttachedSegment& out)
{
    const auto fail = [](Error e) { return AttemptResult{Step::Fail, std::move(e)}; };
    const auto retry = [](Error e) { return AttemptResult{Step::Retry, std::move(e)}; };
    bool absent = false;
    Result<Fd> fd = openObject(request.paths.data, request.writable, &absent);
    if (!fd) {
        if (absent)
            return retry(makeError(ErrorCode::NotFound, "channel " + request.displayName + " not found"));
        return fail(fd.error());
    }
    struct stat st {};
    if (::fstat(fd->get(), &st) != 0)
        return fail(makeError(ErrorCode::System, "fstat: " + errnoText(errno)));
    if (request.writable && st.st_uid != ::geteuid() && !request.allowOtherOwner)
        return fail(makeError(ErrorCode::Permission,
                              "channel " + request.displayName + " is owned by uid " +
                                  std::to_string(st.st_uid) +
                                  "; attaching read-write needs --allow-other-owner"));
    const auto size = static_cast<std::uint64_t>(st.st_size);
    if (size < sizeof(SegmentHeader)) {
        if (size == 0)
            return retry(makeError(ErrorCode::Corrupt, "channel " + request.displayName +
                                                           " never finished initialising"));
        return fail(makeError(ErrorCode::Corrupt, "channel corrupted: object truncated to " +
                                                      std::to_string(size) + " bytes"));
    }
    if (request.writable && !request.fileTransport) {
        if (::flock(fd->get(), LOCK_SH) != 0)
            return fail(makeError(ErrorCode::System, "flock: " + errnoText(errno)));
        if (!sameObject(fd->get(), request.paths.data))
            return retry(makeError(ErrorCode::NotFound, "channel " + request.displayName +
                                                            " was removed while attaching"));
    }
    Result<Mapping> mapping = Mapping::map(fd->get(), size, request.writable);
    if (!mapping) return fail(mapping.error());
    if (loadMagic(mapping->data()) == 0)
        return retry(makeError(ErrorCode::Corrupt,
                               "channel " + request.displayName + " never finished initialising"));
    SegmentHeader header{};
    std::memcpy(&header, mapping->data(), sizeof header);
    if (Status valid = validateHeader(header, size); !valid) return fail(valid.error());

    Result<Fd> controlFd = openObject(request.paths.control, false, &absent);
    if (!controlFd) {
        if (absent)
            return retry(makeError(ErrorCode::Corrupt, "channel " + request.displayName +
                                                           " has no control object"));
        return fail(controlFd.error());
    }
    struct stat controlStat {};
    if (::fstat(controlFd->get(), &controlStat) != 0)
        return fail(makeError(ErrorCode::System, "fstat: " + errnoText(errno)));
    const auto controlSize = static_cast<std::uint64_t>(controlStat.st_size);
    if (controlSize < sizeof(ControlHeader))
        return retry(makeError(ErrorCode::Corrupt, "channel corrupted: control object truncated"));
    Result<Mapping> control = Mapping::map(controlFd->get(), controlSize, false);
    if (!control) return fail(control.error());
    if (loadMagic(control->data()) == 0)
        return retry(makeError(ErrorCode::Corrupt, "channel " + request.displayName +
                                                       " never finished initialising"));
    ControlHeader controlHeader{};
    std::memcpy(static_cast<void*>(&controlHeader), control->data(), sizeof controlHeader);
    if (Status valid = validateControl(controlHeader, controlSize, header); !valid)
        return fail(valid.error());

    if (request.writable && request.fileTransport) {
        Result<bool> recovered = joinFileChannel(fd->get(), mapping->data(), header);
        if (!recovered) return fail(recovered.error());
        out.recovered = *recovered;
    }
    out.dataFd = std::move(*fd);
    out.data = std::move(*mapping);
    out.controlFd = std::move(*controlFd);
    out.control = std::move(*control);
    out.header = header;
    out.ownerUid = st.st_uid;
    return {Step::Done, {}};
}

void fillHeader(SegmentHeader& h, const ChannelParams& params, const SegmentLayout& layout, bool keep)
{
    h.version_major = kVersionMajor;
    h.version_minor = kVersionMinor;
    h.header_bytes = sizeof(SegmentHeader);
    h.segment_bytes = layout.totalBytes;
    h.endian_marker = kEndianMarker;
    h.abi_tag = abiTag();
    h.boot_id_hash = bootIdHash();
    h.created_ns = realtimeNs();
    h.creator_pid = static_cast<std::uint32_t>(::getpid());
    h.sync = static_cast<std::uint32_t>(params.sync);
    h.delivery = static_cast<std::uint32_t>(params.delivery);
    h.backpressure = static_cast<std::uint32_t>(params.backpressure);
    h.checksum = static_cast<std::uint32_t>(params.checksum);
    h.transport = static_cast<std::uint32_t>(params.transport);
    h.flags = (keep ? kFlagKeep : 0u) | (params.hugepages ? kFlagHugepages : 0u);
    h.slot_count = params.slotCount;
    h.record_count = kMaxRecords;
    h.slot_payload_bytes = params.slotPayloadBytes;
    h.slot_stride = layout.slotStride;
    h.stats_offset = layout.statsOffset;
    h.stats_record_bytes = sizeof(StatsRecord);
    h.ring_offset = layout.ringOffset;
    h.ring_control_bytes = sizeof(RingControl);
    h.descriptors_offset = layout.descriptorsOffset;
    h.cursors_offset = layout.cursorsOffset;
    h.slots_offset = layout.slotsOffset;
    h.mode = params.mode;
}

} // namespace

Result<AttachedSegment> attachSegment(const AttachRequest& request)
{
    const auto deadline = std::chrono::steady_clock::now() + request.timeout;
    for (;;) {
        AttachedSegment segment;
        AttemptResult attempt = tryAttach(request, segment);
        if (attempt.step == Step::Done) return segment;
        if (attempt.step == Step::Fail) return attempt.error;
        if (request.stop != nullptr && request.stop->load(std::memory_order_relaxed))
            return makeError(ErrorCode::Stopped, "stopped while waiting for channel " + request.displayName);
        if (std::chrono::steady_clock::now() >= deadline) {
            if (attempt.error.code == ErrorCode::NotFound)
                attempt.error.message += " (waited " +
                                         std::to_string(request.timeout.count() / 1000.0).substr(0, 4) +
                                         " s)";
            return attempt.error;
        }
        std::this_thread::sleep_for(kAttachPoll);
    }
}

Result<AttachedSegment> createSegment(const AttachRequest& request, const ChannelParams& params,
                                      bool keep)
{
    if (Status limits = validateLimits(params); !limits) return limits.error();
    const Result<SegmentLayout> layout = computeLayout(params);
    if (!layout) return layout.error();

    Result<Fd> fd = createObject(request.paths.data, params.mode, layout->totalBytes);
    if (!fd) return fd.error();
    const auto abandon = [&](Error error) {
        ::unlink(request.paths.data.c_str());
        return error;
    };
    if (::flock(fd->get(), LOCK_SH) != 0) return abandon(makeError(ErrorCode::System, "flock: " + errnoText(errno)));
    Result<Mapping> mapping = Mapping::map(fd->get(), layout->totalBytes, true);
    if (!mapping) return abandon(mapping.error());
    std::byte* base = mapping->data();
    if (params.hugepages)
        ::madvise(base + layout->slotsOffset, layout->totalBytes - layout->slotsOffset, MADV_HUGEPAGE);

    auto* header = new (base) SegmentHeader{};
    fillHeader(*header, params, *layout, keep);
    initRingControl(*reinterpret_cast<RingControl*>(base + layout->ringOffset),
                    reinterpret_cast<SlotDescriptor*>(base + layout->descriptorsOffset), params);

    // A control object without a data object is a leftover of a crashed creator: replace it.
    ::unlink(request.paths.control.c_str());
    Result<Fd> controlFd = createObject(request.paths.control, params.mode, kControlObjectBytes);
    if (!controlFd) return abandon(controlFd.error());
    Result<Mapping> control = Mapping::map(controlFd->get(), kControlObjectBytes, true);
    if (!control) {
        ::unlink(request.paths.control.c_str());
        return abandon(control.error());
    }
    auto* controlHeader = new (control->data()) ControlHeader{};
    controlHeader->version_major = kVersionMajor;
    controlHeader->version_minor = kVersionMinor;
    controlHeader->entries = kMaxRecords;
    controlHeader->data_created_ns = header->created_ns;
    storeMagic(control->data(), kControlMagic);
    storeMagic(base, kSegmentMagic);

    AttachedSegment segment;
    segment.header = *header;
    segment.dataFd = std::move(*fd);
    segment.data = std::move(*mapping);
    segment.controlFd = std::move(*controlFd);
    segment.ownerUid = ::geteuid();
    segment.created = true;
    segment.control = std::move(*control);
    return segment;
}

bool removeIfUnused(int fd, const ObjectPaths& paths)
{
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return false;
    if (!sameObject(fd, paths.data)) return false;
    ::unlink(paths.control.c_str());
    ::unlink(paths.data.c_str());
    return true;
}

} // namespace shmscope::detail
