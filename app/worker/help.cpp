#include "options.hpp"

namespace shmscope::worker {

std::string_view workerHelp() {
    return R"(Usage: shmscope-worker --role producer|consumer --channel NAME [OPTIONS]

Moves messages through a shmscope shared-memory channel (/dev/shm/shmscope.NAME) as a producer
or a consumer, publishing live counters in the channel's stats table, and prints a summary at the
end. Flags are GNU style: --name value or --name=value.

Required:
  --role producer|consumer   what this process does
  --channel NAME             [A-Za-z0-9_-][A-Za-z0-9._-]{0,199}, no "..", not ending in ".ctl"

Lifecycle (default: attach only, waiting up to --attach-timeout for the channel to appear):
  --create                   create the channel if absent, else attach and compare parameters
  --create-only              create the channel; fail (exit 1) if it already exists
  --keep                     the last process out leaves the channel in place (default: removes it)

Channel parameters (used when this process creates the channel; when attaching, a given value
that differs from the channel's exits 1 naming both, an omitted one is read from the channel):
  --sync spsc|mpmc|mutex|semaphore|boost-mutex|none      default spsc
  --delivery queue|broadcast  default queue (each message to one consumer); broadcast: every
                             consumer gets every message, one producer, its own ring (omit --sync
                             or use spsc), --backpressure block or drop-oldest
  --slots N                  power of two, 2 … 1048576; default 8
  --slot-size BYTES          payload bytes per slot, multiple of 64, 64 B … 1 GiB; default 1MiB
  --backpressure block|drop-newest|drop-oldest           default block
  --transport shm|file       default shm; file: the same layout in a regular file mapped
                             MAP_SHARED (--path FILE required, control in FILE.ctl); what a
                             producer left is read by a consumer started later; a file channel
                             is never removed by the workers; --channel defaults to FILE
  --path FILE                the data file of --transport file (only with it)
  --mode OCTAL               permission bits of the shared-memory objects; default 0600
  --hugepages                back the ring with huge pages where the system allows
  --checksum xxh3|none       xxh3-64 of every chunk and, streaming, of the whole uncompressed
                             message; default xxh3
  Allowed combinations: spsc and mpmc with block or drop-newest; mutex with block, drop-newest
  or drop-oldest; semaphore, boost-mutex and none with block only; broadcast with block or
  drop-oldest. --zero-copy only with spsc, mpmc or mutex and without --compress. Others exit 2.

Process settings:
  --allow-other-owner        attach read-write to a channel owned by another uid (group sharing)
  --msync                    producer, file transport: msync after each committed message, so
                             that messages survive a machine crash
  --wait spin|yield|sleep|adaptive   how to wait for space, data or a lock; default adaptive
                             (spin is downgraded to adaptive, with a warning, when more workers
                             are attached than there are online CPUs)
  --spin-ns NS               adaptive: spin this long first; default 20000
  --yield-ns NS              adaptive: then yield this long before sleeping; default 200000
  --msg-size BYTES           producer: payload bytes per message, 1 B … 64 GiB; default 4KiB;
                             a message larger than a slot travels as slot-sized chunks and is
                             reassembled (and verified) by the consumer. With queue delivery and
                             more than one consumer attached, the slots of such a message are
                             reserved together and one consumer takes them all (mpmc, mutex);
                             a message larger than the ring, or one needing several slots under
                             semaphore, boost-mutex or none, is refused (counted in drops, one
                             warning): it needs one consumer, or broadcast
  --rate N|max               messages per second, paced by absolute deadlines; 0 or max = as fast
                             as possible; default max (a consumer reads at most N per second)
  --count N                  producer: messages to send (refused ones included); consumer:
                             messages to receive
  --duration S               stop after S seconds (decimal); with --count, whichever ends first
  --payload random|text|zeros|sensor   producer: payload drawn from a pre-generated pool of at
                             least 64 MiB at a random 64-byte-aligned offset; default random
  --compress none|lz4|zstd|auto   producer: compress each chunk (a chunk that does not shrink
                             goes raw); auto compresses (with lz4) only while the codec time is
                             below the transport time it saves, probing now and then; default none
  --zstd-level N             1 … 19; default 3
  --zero-copy                producer: fill loaned slots in place; consumer: verify messages in
                             place through read-only views (spsc, mpmc, mutex; not with --compress)
  --from oldest|latest       consumer: start at the oldest message still in the ring or at the
                             next one; default latest for broadcast over shm, else oldest (under
                             queue delivery, latest takes and discards what was committed before
                             the consumer attached, counted in its drops)
  --wait-consumers N         producer: wait until N consumers are attached, 0 … 63; default 0
  --max-msg-size BYTES       consumer: largest message it reassembles, 64 B … 64 GiB; default
                             1GiB (a larger one is counted corrupt)
  --attach-timeout S         wait this long for the channel to appear; default 5
  --stall-timeout S          report an unrecoverable dead lock owner after S; default 2
  --hold-lock-ms MS          testing and teaching aid: stay MS inside each critical section,
                             0 … 10000; default 0
  --json                     machine-readable stdout: one JSON object per line
  --help, --version          print this text or the version and exit 0

End: a producer ends after --count messages or --duration; a consumer after --count messages or
--duration, or, given neither, once every producer that attached has closed cleanly and the ring
is drained. SIGINT or SIGTERM ends either cleanly: the summary is printed and the exit status is 0; a
producer in the middle of a chunked message finishes it if that takes less than 100 ms, else
abandons it (consumers count it incomplete). A consumer discards the partial message of a
producer it sees dead (counted incomplete) and goes on with a restarted one.
The channel's control object (the GUI) may change rate, message size, pause, single steps and the
hold time while running.

Output with --json: first {"event":"ready","pid":N,"role":R,"channel":C,"record":I}, then any
{"event":"warning","text":...}, last {"event":"summary",...} with messages, bytes, seconds,
msgs_per_s, bytes_per_s, corrupt, gaps, reordered, drops, overrun, lost_to_crash, incomplete,
latency_ns {p50,p99,p999,max} (null for a producer) and producers [{record, incarnation, first,
last, count, digest}] for exactly-once checks (digests of several consumers add up, mod 2^64).
Without --json a short human summary goes to stdout.

Environment:
  SHMSCOPE_CRASH_POINT=name[:N]   testing aid: raise SIGKILL at the N-th pass of after-claim,
                             mid-copy, before-publish, holding-lock, after-dequeue or mid-chunk

Exit status:
  0  done (count, duration, producers closed, or SIGINT/SIGTERM)
  1  runtime failure, one line on stderr: channel missing after the attach timeout, parameter
     mismatch, corrupt segment, no space, role taken, stats table full, "lock held by dead
     process N", channel truncated (SIGBUS)
  2  bad usage, one line on stderr naming the flag; nothing is created
)";
}

} // namespace shmscope::worker
