#include "crash_cleanup.hpp"

#include <array>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <sys/syscall.h>
#include <unistd.h>

namespace shmscope::test {
namespace {

constexpr int kFatalSignals[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGINT, SIGTERM};
constexpr char kShmDirectory[] = "/dev/shm";
constexpr char kPrefix[] = "shmscope.";

// "-<pid>-", formatted before any signal arrives: the handler may not allocate.
std::array<char, 24> ownMark{};

// The handlers in place before ours, which ours hands the signal on to.
struct sigaction previousActions[NSIG];

// getdents64's record; glibc's struct dirent64 has the same layout.
struct LinuxDirent64 {
    ino64_t inode;
    off64_t offset;
    unsigned short length;
    unsigned char type;
    char name[];
};

void formatOwnMark()
{
    char digits[16];
    int count = 0;
    for (pid_t pid = ::getpid(); pid > 0; pid /= 10)
        digits[count++] = static_cast<char>('0' + pid % 10);
    std::size_t at = 0;
    ownMark[at++] = '-';
    while (count > 0)
        ownMark[at++] = digits[--count];
    ownMark[at++] = '-';
    ownMark[at] = '\0';
}

// Async-signal-safe: raw syscalls and string functions only.
void removeOwnObjects()
{
    const int directory = ::open(kShmDirectory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory < 0)
        return;
    alignas(8) char buffer[8192];
    while (true) {
        const long bytes = ::syscall(SYS_getdents64, directory, buffer, sizeof buffer);
        if (bytes <= 0)
            break;
        for (long at = 0; at < bytes;) {
            const auto* entry = reinterpret_cast<const LinuxDirent64*>(buffer + at);
            at += entry->length;
            if (std::strncmp(entry->name, kPrefix, sizeof kPrefix - 1) == 0 &&
                std::strstr(entry->name, ownMark.data()) != nullptr)
                ::unlinkat(directory, entry->name, 0);
        }
    }
    ::close(directory);
}

bool faultSignal(int signal)
{
    return signal == SIGSEGV || signal == SIGBUS || signal == SIGFPE || signal == SIGILL;
}

void onFatalSignal(int signal)
{
    removeOwnObjects();
    ::sigaction(signal, &previousActions[signal], nullptr);
    // A fault returns to the faulting instruction, which faults again into the previous handler
    // (a sanitizer's, QTest's) with the real fault address; any other signal is sent again.
    if (!faultSignal(signal))
        ::raise(signal);
}

} // namespace

void removeOwnChannelsOnCrash()
{
    static std::once_flag once;
    std::call_once(once, [] {
        formatOwnMark();
        for (const int signal : kFatalSignals) {
            struct sigaction action {};
            action.sa_handler = onFatalSignal;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_NODEFER;
            ::sigaction(signal, &action, &previousActions[signal]);
        }
    });
}

} // namespace shmscope::test
