#include "child_process.hpp"

#include <csignal>
#include <sys/prctl.h>
#include <unistd.h>

namespace shmscope::test {

void dieWithTest(QProcess& process)
{
    const pid_t parent = ::getpid();
    process.setChildProcessModifier([parent] {
        // Between fork and exec: async-signal-safe calls only.
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent)
            ::_exit(1);
    });
}

} // namespace shmscope::test
