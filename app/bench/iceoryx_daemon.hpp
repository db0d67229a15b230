// The iceoryx RouDi daemon for the iceoryx rows: started once per run with memory pools large
// enough for the run's message sizes, stopped by its pid at exit (also after SIGINT).
#pragma once

#include "shmscope/result.hpp"

#include <cstdint>
#include <span>

namespace shmscope::bench {

// The message sizes the pools must hold; call before the first iceoryx row.
void planIceoryxPools(std::span<const std::uint64_t> sizes);

// Starts the daemon on first use and waits until it accepts clients; the error is the reason
// the iceoryx rows are skipped.
Status ensureIceoryxDaemon();

// The header iceoryx puts in front of every chunk, with room for 64-byte payload alignment.
inline constexpr std::uint64_t kIceoryxChunkOverhead = 128;

} // namespace shmscope::bench
