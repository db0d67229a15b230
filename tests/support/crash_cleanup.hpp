// A test process that dies of a fatal signal (Qt Test's function timeout aborts) removes the
// shared-memory objects it created itself: every name a test makes carries its pid
// ("test-<prefix>-<pid>-<n>", the application's "demo-<pid>-<n>").
#pragma once

namespace shmscope::test {

// Installs, once, handlers for SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGINT and SIGTERM that
// unlink /dev/shm/shmscope.* objects whose name holds "-<own pid>-", then let the signal take its
// course: the handler in place before (QTest's, a sanitizer's) still gets it.
void removeOwnChannelsOnCrash();

} // namespace shmscope::test
