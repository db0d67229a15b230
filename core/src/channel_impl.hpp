// Channel internals shared by the lifecycle, record and ring code.
#pragma once

#include "segment_attach.hpp"
#include "shmscope/channel.hpp"

#include <pthread.h>

namespace shmscope {

struct Channel::Impl {
    std::string name;
    detail::ObjectPaths paths;
    detail::AttachedSegment segment;
    ChannelParams params;
    std::byte* base = nullptr;
    std::uint32_t record = kNoRecord;
    std::uint32_t incarnation = 0;
};

namespace detail {

// Locks a robust process-shared mutex; a dead previous owner is reported through `recovered`
// and the mutex made consistent (the caller's repair must be idempotent).
void lockRobust(std::uint8_t* storage, bool* recovered = nullptr);
void unlockRobust(std::uint8_t* storage);

// Strategy-specific part of crash repair: abandons the ring claims (slots, roles) of the dead
// process in `record`. Called with the record's OFD lock and the repair mutex held.
std::uint64_t repairRingClaims(Channel& channel, std::uint32_t record);

} // namespace detail
} // namespace shmscope
