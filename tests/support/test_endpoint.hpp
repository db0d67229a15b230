// In-process ring endpoints for tests: a channel created with given parameters, and a thread's
// own attachment to it (its own Channel, so OFD locks and records behave as between processes).
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/params.hpp"
#include "shmscope/stats.hpp"

#include <cstdint>
#include <string>

namespace shmscope::test {

// One attachment with a claimed record; `stats` writes into that record.
struct Endpoint {
    Channel channel;
    RecordWriter stats;
};

// Attaches to `name` and claims a record in `role`; fails the test process on error.
Endpoint attachEndpoint(const std::string& name, Role role);

// Creates the channel (kept until removed: pair it with a ChannelGuard); fails on error.
void createTestChannel(const std::string& name, SyncKind sync, std::uint32_t slotCount, std::uint64_t slotBytes,
                       Backpressure backpressure = Backpressure::Block, Delivery delivery = Delivery::Queue);

} // namespace shmscope::test
