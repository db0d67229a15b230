// Children of a test die with it: a test that aborts (a timeout, a fatal signal, SIGKILL from
// CTest) leaves no worker, GUI or benchmark process behind.
#pragma once

#include <QProcess>

namespace shmscope::test {

// Call before process.start(): the child gets SIGTERM when the test process dies, the signal on
// which every shmscope executable stops cleanly (a worker that is the last one out removes its
// channel). A child whose parent died before the signal was armed exits at once.
void dieWithTest(QProcess& process);

} // namespace shmscope::test
