// The two roles' main loops. Each returns the process exit status and has printed the summary
// (or the one error line) by then.
#pragma once

#include "options.hpp"
#include "output.hpp"
#include "shmscope/channel.hpp"
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
    const Output& output;
    const std::atomic<bool>& stop; // SIGINT, SIGTERM, --duration
};

int runProducer(WorkerContext& context, RingProducer& producer);
int runConsumer(WorkerContext& context, RingConsumer& consumer);

} // namespace shmscope::worker
