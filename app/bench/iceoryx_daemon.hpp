// The iceoryx RouDi daemon for the iceoryx rows: started once per run with memory pools large
// enough for the run's message sizes, under a keeper process that stops it when the bench ends,
// also after SIGINT or when the bench is killed, and removes what RouDi leaves if it aborts. A
// RouDi left by a dead benchmark (no running bench and no iceoryx application uses it) is
// stopped first, with one line on stderr.
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
