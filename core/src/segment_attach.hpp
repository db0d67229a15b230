// Creating and attaching the two objects of a channel, shared by read-write channels and
// read-only snapshot readers.
#pragma once

#include "segment_file.hpp"

#include <atomic>
#include <chrono>

namespace shmscope::detail {

struct AttachedSegment {
    Fd dataFd;
    Mapping data;
    Fd controlFd;
    Mapping control;
    SegmentHeader header{};        // validated local copy
    std::uint32_t ownerUid = 0;
    bool created = false;
    bool recovered = false;        // file transport: locks and indices were rebuilt at attach
};

struct AttachRequest {
    ObjectPaths paths;
    std::string displayName;       // channel name or file path, for messages
    bool writable = true;
    bool allowOtherOwner = false;
    bool fileTransport = false;    // regular file: the first attacher after a restart recovers it
    std::chrono::milliseconds timeout{5000};
    const std::atomic<bool>* stop = nullptr;
};

// Waits (up to the timeout) for the channel to exist and finish initialising, then validates
// everything. Read-write attachers hold flock(LOCK_SH) on the data object.
Result<AttachedSegment> attachSegment(const AttachRequest& request);

// Creates both objects exclusively and initialises them; the magic words are stored last.
Result<AttachedSegment> createSegment(const AttachRequest& request, const ChannelParams& params,
                                      bool keep);

// Removes both objects if no process holds the data object's flock (LOCK_EX|LOCK_NB) and the
// names still refer to `fd`'s object. Returns true when removed.
bool removeIfUnused(int fd, const ObjectPaths& paths);

} // namespace shmscope::detail
