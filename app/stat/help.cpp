#include "options.hpp"

namespace shmscope::stat {

std::string_view statHelp() {
    return R"(Usage: shmscope-stat --channel NAME [--once] [--json] [--interval MS]
       shmscope-stat --list [--json]
       shmscope-stat --gc
       shmscope-stat --rm NAME
       shmscope-stat --serve ADDRESS:PORT [--channel NAME]

Reads the counters of shmscope channels (/dev/shm/shmscope.NAME) without disturbing the processes
that use them: the segment is mapped read-only, no lock is taken, nothing is written.

Watching one channel:
  --channel NAME     the channel to watch: every attached process's counters and rates, the
                     ring's head, tail, occupancy and high-water mark, departed totals
  --path FILE        a file-transport channel (not supported yet)
  --once             print one snapshot and exit; its rates come from two samples 250 ms
                     apart (default: refresh until SIGINT or SIGTERM, top-like; the screen is
                     cleared only when stdout is a terminal)
  --json             one JSON object per snapshot, one per line
  --interval MS      refresh period, 10 … 3600000 ms; default 1000

Channels:
  --list             every channel: name, owner uid, mode, size, attached and live processes
                     (--json: one JSON array)
  --gc               remove every channel no live process is attached to; prints each name removed
  --rm NAME          remove one channel (its data and control objects)

Prometheus:
  --serve ADDRESS:PORT   serve metrics at http://ADDRESS:PORT/metrics (HTTP/1.0, one request
                     at a time) until SIGINT or SIGTERM, for the --channel given, else for every
                     channel: OpenMetrics 1.0.0 when the Accept header asks for
                     application/openmetrics-text, else the text format 0.0.4; counters such as
                     shmscope_messages_total and shmscope_wait_seconds_total labelled
                     {channel,record,role}, the pid in shmscope_record_info (docs/METRICS.md);
                     ADDRESS 0.0.0.0 listens everywhere; PORT 0 takes a free port, named on stderr

  --help, --version  print this text or the version and exit 0

Flags are GNU style: --name value or --name=value.

Exit status:
  0  done
  1  runtime failure, one line on stderr: channel absent or corrupt, --rm of a channel that does
     not exist, address in use
  2  bad usage, one line on stderr naming the flag
)";
}

} // namespace shmscope::stat
