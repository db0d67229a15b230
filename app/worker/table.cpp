#include "table.hpp"

namespace shmscope::worker {
namespace {

bool isActive(const StatsRecord& record) {
    return record.state.load(std::memory_order_acquire) ==
           static_cast<std::uint32_t>(RecordState::Active);
}

bool hasRole(const StatsRecord& record, Role role) {
    return role == Role::None ||
           record.role.load(std::memory_order_relaxed) == static_cast<std::uint32_t>(role);
}

} // namespace

std::uint32_t countLiveRecords(const Channel& channel, Role role) {
    std::uint32_t live = 0;
    for (std::uint32_t i = 0; i < kMaxRecords; ++i) {
        const StatsRecord& record = channel.record(i);
        if (isActive(record) && hasRole(record, role) && channel.recordAlive(i))
            ++live;
    }
    return live;
}

bool producersFinished(const Channel& channel) {
    for (std::uint32_t i = 0; i < kMaxRecords; ++i) {
        const StatsRecord& record = channel.record(i);
        const std::uint32_t state = record.state.load(std::memory_order_acquire);
        const bool attachedOrDied = state == static_cast<std::uint32_t>(RecordState::Active) ||
                                    state == static_cast<std::uint32_t>(RecordState::Dead);
        if (attachedOrDied && hasRole(record, Role::Producer) &&
            record.closed.load(std::memory_order_acquire) == 0)
            return false;
    }
    return true;
}

} // namespace shmscope::worker
