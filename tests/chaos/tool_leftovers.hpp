// What a killed shmscope tool may leave behind, found from /proc, /dev/shm and the temporary
// directories: the processes it started (its descendants, and orphans whose command line names
// its channels or files) and the objects named after it or its children. Used by the chaos test
// of the tools (tst_tool_chaos).
#pragma once

#include <QSet>
#include <QStringList>
#include <sys/types.h>

namespace shmscope::test {

// The live descendants of `root` (not `root` itself), zombies excluded.
QSet<pid_t> descendantsOf(pid_t root);

// Which of `pids` are still alive (a zombie, dead but not yet reaped, counts as gone).
QSet<pid_t> stillAlive(const QSet<pid_t>& pids);

// Everything a killed tool left: `tool` is its pid, `started` what it had started before the kill
// (descendantsOf just before it). One line an item: "process 123 shmscope-worker …",
// "/dev/shm/shmscope.demo-77-1". Empty when nothing is left.
//  - processes: those of `started` still alive, and any process whose parent is init and whose
//    command line names the tool's demo channels ("demo-PID-") or a benchmark's files
//    ("shmscope-bench-PID-") of the tool or one of `started`;
//  - /dev/shm: shmscope objects of those channels, the benchmarks' channels, and iceoryx's
//    management segment when `iceoryxWasAbsent`;
//  - /tmp and the temporary directory: the benchmarks' files ("shmscope-bench-PID", "-PID-…",
//    "-PID.lock": ring files, sockets, RouDi's configuration, iceoryx runtime locks) and RouDi's
//    own locks when `iceoryxWasAbsent`.
QStringList leftoversOf(pid_t tool, const QSet<pid_t>& started, bool iceoryxWasAbsent);

// Whether one of `pids` runs `program` (its /proc/PID/comm).
bool anyRuns(const QSet<pid_t>& pids, const QString& program);

// Whether an iceoryx RouDi (or what it leaves) is present now: /dev/shm/iceoryx_mgmt.
bool iceoryxPresent();

} // namespace shmscope::test
