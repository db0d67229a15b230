// Snapshots of one channel as text (a top-like table) or as a JSON line.
#pragma once

#include "shmscope/snapshot.hpp"

#include <optional>
#include <string>

namespace shmscope::stat {

std::string snapshotJson(const ChannelInfo& info, const ChannelSnapshot& snapshot);

// `previous`, when given, turns counter deltas into rates.
std::string snapshotText(const ChannelInfo& info, const ChannelSnapshot& snapshot,
                         const std::optional<ChannelSnapshot>& previous);

} // namespace shmscope::stat
