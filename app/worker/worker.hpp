// The two roles' main loops. Each returns the process exit status and has printed the summary
// (or the one error line) by then.
#pragma once

#include "options.hpp"
#include "output.hpp"
#include "shmscope/channel.hpp"
#include "shmscope/payload.hpp"
#include "shmscope/ring.hpp"
#include "shmscope/stats.hpp"

#include <atomic>
#include <cstdint>

namespace shmscope::worker {

struct WorkerContext {
    const WorkerOptions& options;
    Channel& channel;
    RecordWriter& stats;
    std::atomic<std::uint32_t>& holdMs; // EndpointOptions::holdMs; control may change it
    std::atomic<std::uint32_t>& stampEvery; // EndpointOptions::stampEvery: 1 while paced
    const Output& output;
    const std::atomic<bool>& stop; // SIGINT, SIGTERM, --duration
};

// `pool` is generated before the ready line, so that a producer is ready to send when it says so.
int runProducer(WorkerContext& context, RingProducer& producer, PayloadPool& pool);
int runConsumer(WorkerContext& context, RingConsumer& consumer);

} // namespace shmscope::worker
