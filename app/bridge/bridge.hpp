// The two directions' main loops. Each returns the process exit status and has printed the
// summary (or the one error line) by then.
#pragma once

#include "options.hpp"
#include "report.hpp"
#include "shmscope/channel.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/stats.hpp"

#include <atomic>

namespace shmscope::bridge {

struct BridgeContext {
    const BridgeOptions& options;
    Channel& channel;
    RecordWriter& stats;
    const Report& report;
    const std::atomic<bool>& stop; // SIGINT, SIGTERM
};

// Whether frames travel PUSH/PULL (false) or PUB/SUB (true): --pattern, else the channel's
// delivery.
bool broadcastPattern(const BridgeOptions& options, const ChannelParams& params);

// send: the channel's chunks, as a consumer, out over ZeroMQ.
int runSend(BridgeContext& context, RingConsumer& consumer);
// receive: frames from ZeroMQ into the channel, as a producer.
int runReceive(BridgeContext& context, RingProducer& producer);

} // namespace shmscope::bridge
