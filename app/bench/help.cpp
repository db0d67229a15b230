#include "options.hpp"

namespace shmscope::bench {

std::string_view benchHelp() {
    return R"(Usage: shmscope-bench [OPTIONS]
       shmscope-bench --tune --msg-size BYTES [TUNE OPTIONS]

Measures how fast messages move between two processes through shmscope's shared-memory rings
and through the IPC a user would otherwise pick, in the same run, with the same workload:
payloads from a pre-generated pool, each byte written once by the producer and read once by the
consumer, producer and consumer pinned to CPUs 0 and 1. Prints one row per transport and size:
throughput (median of the repetitions and their spread), one-way latency percentiles from a
fixed-rate (10 k msg/s) timestamped stream, a ping-pong estimate, and CPU time per message.

  --transports ID,...   default: every id below with its default wait, plus shm-spsc+xxh3
                        and shm-spsc@spin. Ids: memcpy (the ceiling: one process copying the
                        row's working set), limit-ring (a bare two-process ring of the row's
                        slots: no header, statistics, checksum or waking; the md column
                        "× limit" is each shm and file row's msgs/s over it), limit-line (two
                        processes ping-ponging one cache line: the one-way latency floor;
                        rows up to 64 B), shm-spsc, shm-mpmc, shm-mutex, shm-semaphore,
                        shm-boost-mutex, shm-broadcast, shm-spsc-zero-copy, file-spsc, pipe,
                        pipe-large (F_SETPIPE_SZ), unix, tcp, boost-mq, zmq-ipc, iceoryx
                        (copy in and out), iceoryx-loan (zero-copy). Suffixes: @spin, @yield,
                        @sleep, @adaptive pick the wait strategy; +xxh3 turns checksums on
                        (shm-* and file-* rows), e.g. shm-spsc@spin+xxh3.
  --sizes BYTES,...     message sizes (K, M, G or KiB, MiB, GiB suffixes);
                        default 64,4KiB,64KiB,1MiB,16MiB
  --reps N              repetitions per row (median and spread reported); default 3
  --seconds S           measured seconds per repetition, after a warm-up; default 0.3
  --sweep slots|codec|wait
                        instead of the transport list: slot count and slot size (shm-spsc),
                        compression codec against payload kind, or wait strategy against
                        latency and CPU
  --slots N             ring slots of the shm and file rows (power of two); default 8
  --slot-size BYTES     payload bytes per slot; default the message size rounded up to 64,
                        capped at 16 MiB (larger messages are chunked)
  --compress none|lz4|zstd|auto   default none
  --payload random|text|zeros|sensor   pool contents; default random
  --format md|csv|json|jsonl
                        default md. jsonl follows the run: one JSON object per line,
                        {"event":"progress","step":N,"steps":N,"row":...,"what":...} before
                        each step, and {"event":"row",...} as each row finishes: the fields
                        of the json rows plus "lat_cdf_ns" (up to 100 latency quantiles)
  --out FILE            default - (stdout)
  --plot PREFIX         write PREFIX-throughput.png and PREFIX-latency.png
  --help, --version

Tuning: --tune searches the sync strategy, wait strategy, slot size, slot count and codec for
one workload, each point a real run of its producers and consumers as shmscope-worker
processes, and recommends one configuration on the Pareto front of throughput, p99 latency and
CPU time per message, with the shmscope-worker arguments that reproduce it. With --tune, only
--payload, --format (md, json, jsonl) and --out of the flags above apply.
  --tune                search instead of comparing transports
  --msg-size BYTES      the workload's message size (required with --tune)
  --rate N|max          messages per second per producer; default max
  --producers N         producer processes, 1 … 32; default 1
  --consumers N         consumer processes, 1 … 63; default 1
  --delivery queue|broadcast
                        default queue; broadcast has one producer
  --cpu-budget CPUS     CPUs the workload's processes may use together (e.g. 1.5);
                        default unlimited
  --objective throughput|latency|cpu
                        what the recommendation maximises or minimises; default throughput
  --budget-s S          seconds the whole search may take, 5 … 3600; default 180

Progress goes to stderr when it is a terminal (with --tune, always: one line a point). Exit status: 0 done (also after SIGINT, with
the rows finished so far), 1 runtime failure, 2 bad usage.
)";
}

} // namespace shmscope::bench
