#include "shmscope/cli/channel_table.hpp"

#include "shmscope/cli/flags.hpp"
#include "shmscope/snapshot.hpp"

#include <cstdlib>

namespace shmscope::cli {
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

void exitFromStuckWait(std::string_view program, const Channel& channel, const Error& error) {
    const bool keep = (channel.header().flags & kFlagKeep) != 0;
    if (!keep && countLiveRecords(channel, Role::None) <= 1)
        (void)removeChannel(channel.name());
    reportError(program, error);
    std::_Exit(1);
}

} // namespace shmscope::cli
