// shmscope-stat: counters of shmscope channels, read-only (docs/CLI.md).
#include "channels.hpp"
#include "metrics.hpp"
#include "options.hpp"
#include "render.hpp"
#include "shmscope/cli/flags.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <unistd.h>

namespace shmscope::stat {
namespace {

constexpr std::chrono::milliseconds kOpenTimeout{1000}; // lets a channel finish initialising
constexpr std::string_view kClearScreen = "\x1b[H\x1b[2J";

std::atomic<bool> gStop{false};

extern "C" void onStopSignal(int) { gStop.store(true, std::memory_order_relaxed); }

extern "C" void onBusError(int) {
    static constexpr char kLine[] = "shmscope-stat: channel truncated under us (SIGBUS)\n";
    const ssize_t written = ::write(STDERR_FILENO, kLine, sizeof kLine - 1);
    (void)written;
    ::_exit(1);
}

void installSignalHandlers() {
    struct sigaction action {};
    sigemptyset(&action.sa_mask);
    action.sa_handler = onStopSignal; // no SA_RESTART: sleeps and accept() return early
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    action.sa_handler = onBusError;
    sigaction(SIGBUS, &action, nullptr);
    action.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &action, nullptr);
}

constexpr std::uint32_t kOnceSampleMs = 250;

void sleepMs(std::uint32_t ms) {
    const timespec pause{static_cast<time_t>(ms / 1000), static_cast<long>(ms % 1000) * 1'000'000};
    nanosleep(&pause, nullptr); // EINTR: the caller checks the stop flag
}

int runWatch(const StatOptions& options) {
    Result<SnapshotReader> reader = SnapshotReader::openChannel(options.channel, kOpenTimeout);
    if (!reader)
        return cli::reportError(kProgram, reader.error());
    const bool terminal = isatty(STDOUT_FILENO) == 1;
    std::optional<ChannelSnapshot> previous;
    if (options.once && !options.json) {
        // One sample has no rate: the rates of --once come from two samples kOnceSampleMs apart.
        previous = reader->take(false);
        sleepMs(kOnceSampleMs);
    }
    while (!gStop.load(std::memory_order_relaxed)) {
        ChannelSnapshot snapshot = reader->take(false);
        std::string text;
        if (options.json) {
            text = snapshotJson(reader->info(), snapshot) + "\n";
        } else {
            if (terminal && !options.once)
                text = kClearScreen;
            text += snapshotText(reader->info(), snapshot, previous);
            if (!terminal && !options.once)
                text += "\n";
        }
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
        if (options.once)
            break;
        previous = std::move(snapshot);
        sleepMs(options.intervalMs);
    }
    return 0;
}

} // namespace
} // namespace shmscope::stat

int main(int argc, char** argv) {
    using namespace shmscope;
    using namespace shmscope::stat;
    const std::span<const char* const> args(argv + 1,
                                            static_cast<std::size_t>(argc > 0 ? argc - 1 : 0));
    if (cli::wantsHelp(args)) {
        std::fputs(statHelp().data(), stdout);
        return 0;
    }
    if (cli::wantsVersion(args)) {
        std::puts(cli::versionLine(kProgram).c_str());
        return 0;
    }
    Result<StatOptions> options = parseStatOptions(args);
    if (!options)
        return cli::reportError(kProgram, options.error());
    installSignalHandlers();
    switch (options->command) {
    case Command::Watch:
        return runWatch(*options);
    case Command::List:
        return runList(options->json);
    case Command::Gc:
        return runGc();
    case Command::Remove:
        return runRemove(options->channel);
    case Command::Serve:
        return serveMetrics(*options, gStop);
    }
    return 0;
}
