#include "options.hpp"

namespace shmscope::bridge {

std::string_view bridgeHelp() {
    return R"(Usage: shmscope-bridge send --channel NAME --connect|--bind ENDPOINT [OPTIONS]
       shmscope-bridge receive --channel NAME --bind|--connect ENDPOINT [OPTIONS]

Carries a shmscope channel to another machine over ZeroMQ. send reads the channel as a consumer
and forwards every chunk, header and payload as they were in the slot; receive republishes them
as a producer into a channel on the other host, with the origin's producer record, incarnation,
sequence numbers and checksums, so the far consumer's summary matches the producers' own. Both
channels need the same slot size. Prints a summary at the end. Flags are GNU style.

Required:
  send|receive               the direction (first argument)
  --channel NAME             [A-Za-z0-9_-][A-Za-z0-9._-]{0,199}, no "..", not ending in ".ctl"
  --connect ENDPOINT         connect to a ZeroMQ endpoint, e.g. tcp://host:5555
  --bind ENDPOINT            or bind one; tcp://HOST:* takes a free port (the ready line and the
                             summary name it)

Link:
  --pattern queue|broadcast  queue: PUSH/PULL, each frame to one receiver; broadcast: PUB/SUB,
                             every receiver gets every frame, a slow one loses frames (counted);
                             default: the channel's delivery (both sides must agree)
  --heartbeat SECONDS        ZeroMQ heartbeat interval; a peer silent for 3 of them is gone;
                             0.01 … 600, default 1
  --high-water N             frames queued per connection, 1 … 1000000, default 1000 (and at
                             most 64 MiB of frames)

send:
  --count N                  forward N messages, then end (default: until every producer of the
                             channel has finished and the ring is drained)

receive (channel lifecycle and parameters as shmscope-worker's; default: attach only):
  --create                   create the channel if absent, else attach and compare parameters
  --create-only              create the channel; fail (exit 1) if it already exists
  --keep                     the last process out leaves the channel in place
  --sync spsc|mpmc|mutex|semaphore|boost-mutex|none      default spsc
  --delivery queue|broadcast  default queue
  --slots N                  power of two, 2 … 1048576; default 8
  --slot-size BYTES          multiple of 64, 64 B … 1 GiB; default 1MiB; must equal the sending
                             channel's
  --backpressure block|drop-newest|drop-oldest           default block
  --checksum xxh3|none       default xxh3
  --exit-on-end              end when a sender says its stream ended

Process:
  --attach-timeout SECONDS   wait this long for the channel to appear; default 5
  --json                     print the ready line and the summary as JSON lines

  --help                     print this help and exit
  --version                  print the version and exit

A broken connection or a peer whose heartbeats stop is one line on stderr; ZeroMQ reconnects on
its own. SIGINT or SIGTERM ends the bridge cleanly with its summary.

Exit status: 0 done (also when stopped by SIGINT/SIGTERM), 1 runtime failure, 2 bad usage.
)";
}

} // namespace shmscope::bridge
