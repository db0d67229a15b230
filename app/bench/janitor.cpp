#include "janitor.hpp"

#include "transport.hpp"

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <string>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace shmscope::bench {
namespace {

constexpr char kShmDirectory[] = "/dev/shm";
// A measuring child killed by the same death may be inside a system call that creates an object:
// a second sweep after this long removes what it finished creating.
constexpr std::chrono::milliseconds kSecondSweepDelay{200};

pid_t janitorPid = -1;

// Removes every entry of `directory` whose name contains `mark`.
void sweep(const std::filesystem::path& directory, const std::string& mark) {
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(directory, error)) {
        if (entry.path().filename().string().find(mark) != std::string::npos)
            std::filesystem::remove(entry.path(), error);
    }
}

[[noreturn]] void janitor(pid_t bench, std::vector<std::filesystem::path> directories,
                          std::string mark) {
    sigset_t wanted;
    sigemptyset(&wanted);
    for (const int signal : {SIGTERM, SIGINT, SIGHUP})
        sigaddset(&wanted, signal);
    ::sigprocmask(SIG_BLOCK, &wanted, nullptr);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != bench) // the bench died before the prctl: sweep now
        ::kill(::getpid(), SIGTERM);
    // Its own process group: a terminal's Ctrl-C and the GUI's group signals reach the bench,
    // which then ends normally; the janitor waits for that end.
    ::setpgid(0, 0);
    const int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    for (const int fd : {STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO})
        ::dup2(null, fd); // a reader of the bench's output sees its end when the bench ends
    int signal = 0;
    ::sigwait(&wanted, &signal);
    for (const auto& directory : directories)
        sweep(directory, mark);
    std::this_thread::sleep_for(kSecondSweepDelay);
    for (const auto& directory : directories)
        sweep(directory, mark);
    ::_exit(0);
}

} // namespace

void startJanitor() {
    if (janitorPid > 0)
        return;
    std::vector<std::filesystem::path> directories = {kShmDirectory};
    std::error_code error;
    if (const std::filesystem::path temp = std::filesystem::temp_directory_path(error); !error)
        directories.push_back(temp);
    const pid_t bench = ::getpid();
    const std::string mark = linkNamePrefix(bench);
    const pid_t pid = ::fork();
    if (pid == 0)
        janitor(bench, std::move(directories), mark);
    janitorPid = pid;
}

void stopJanitor() {
    if (janitorPid <= 0)
        return;
    ::kill(janitorPid, SIGTERM);
    int status = 0;
    while (::waitpid(janitorPid, &status, 0) < 0 && errno == EINTR) {
    }
    janitorPid = -1;
}

} // namespace shmscope::bench
