// shmscope-worker: one producer or consumer process on a channel (docs/CLI.md).
#include "options.hpp"
#include "output.hpp"
#include "shmscope/cli/channel_table.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/signals.hpp"
#include "shmscope/crash_point.hpp"
#include "shmscope/params.hpp"
#include "shmscope/snapshot.hpp"
#include "summary.hpp"
#include "worker.hpp"

#include <optional>
#include <unistd.h>

namespace shmscope::worker {
namespace {

OpenOptions openOptions(const WorkerOptions& options) {
    OpenOptions open;
    open.mode = options.openMode;
    open.params = options.params;
    open.given = options.given;
    open.keep = options.keep;
    open.allowOtherOwner = options.allowOtherOwner;
    open.path = options.path;
    open.attachTimeout = options.attachTimeout;
    open.stop = &cli::stopFlag();
    return open;
}

// An empty summary for a worker stopped before it attached.
void printStoppedSummary(const WorkerOptions& options, const Output& output) {
    Summary summary;
    summary.role = options.role;
    output.summary(summaryJson(summary), summaryText(summary, options.channel));
}

// `spin` with more live workers than online CPUs would burn the CPUs the others need: downgrade
// to adaptive; `warning` says so (printed after the ready line).
WaitPolicy effectiveWait(const WorkerOptions& options, const Channel& channel,
                         std::string& warning) {
    WaitPolicy wait = options.wait;
    if (wait.kind != WaitKind::Spin)
        return wait;
    const long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    const std::uint32_t workers = cli::countLiveRecords(channel, Role::None);
    if (cpus > 0 && workers > static_cast<std::uint64_t>(cpus)) {
        warning = "--wait spin: " + std::to_string(workers) + " workers on " +
                  std::to_string(cpus) + " online CPUs; using adaptive instead";
        wait.kind = WaitKind::Adaptive;
    }
    return wait;
}

// docs/CLI.md --from: oldest for queue delivery and the file transport (what was left is the
// point), latest for broadcast over shm.
bool startsFromLatest(const WorkerOptions& options, const ChannelParams& params) {
    if (options.from != StartFrom::Default)
        return options.from == StartFrom::Latest;
    return params.delivery == Delivery::Broadcast && params.transport == TransportKind::Shm;
}

int run(const WorkerOptions& options) {
    const Output output(options.json);
    cli::installSignalHandlers(kProgram, true); // SIGALRM ends --duration
    std::atomic<bool>& stop = cli::stopFlag();

    // The producer's payload pool first, before the channel exists: a stop while it is being
    // generated then leaves nothing behind.
    std::optional<PayloadPool> pool;
    if (options.role == Role::Producer) {
        const std::uint64_t seed = monotonicNs() ^ (static_cast<std::uint64_t>(getpid()) << 32);
        Result<PayloadPool> created = PayloadPool::create(options.payload, seed, 0, &stop);
        if (!created && created.error().code == ErrorCode::Stopped) {
            printStoppedSummary(options, output);
            return 0;
        }
        if (!created)
            return cli::reportError(kProgram, created.error());
        pool.emplace(std::move(*created));
    }
    Result<Channel> opened = Channel::open(options.channel, openOptions(options));
    if (!opened) {
        if (opened.error().code == ErrorCode::Stopped) {
            printStoppedSummary(options, output);
            return 0;
        }
        return cli::reportError(kProgram, opened.error());
    }
    Channel& channel = *opened;
    if (options.zeroCopy) { // the channel's strategy is known for sure only now
        if (Status zeroCopy = checkZeroCopy(channel.params()); !zeroCopy)
            return cli::reportError(kProgram, zeroCopy.error());
    }
    if (pool) {
        if (Status window = pool->reserveWindow(channel.params().slotPayloadBytes); !window)
            return cli::reportError(kProgram, window.error());
    }
    Result<std::uint32_t> claimed = channel.claimRecord(options.role);
    if (!claimed)
        return cli::reportError(kProgram, claimed.error());
    RecordWriter stats(&channel.record(*claimed));

    std::atomic<std::uint32_t> holdMs{options.holdLockMs};
    std::atomic<std::uint32_t> stampEvery{kDefaultStampEvery};
    EndpointOptions endpoint;
    std::string waitWarning;
    endpoint.wait = effectiveWait(options, channel, waitWarning);
    endpoint.stallTimeoutNs = options.stallTimeoutNs;
    endpoint.stop = &stop;
    endpoint.holdMs = &holdMs;
    endpoint.stampEvery = &stampEvery;
    endpoint.fromLatest = startsFromLatest(options, channel.params());
    endpoint.fatal = [&channel](const Error& error) {
        cli::exitFromStuckWait(kProgram, channel, error);
    };

    WorkerContext context{options, channel, stats, holdMs, stampEvery, output, stop};
    const std::string role(roleName(options.role));
    const auto pid = static_cast<std::uint32_t>(getpid());
    int status = 0;
    if (options.role == Role::Producer) {
        auto producer = makeProducer(channel, stats, endpoint);
        if (!producer) {
            channel.releaseRecord();
            return cli::reportError(kProgram, producer.error());
        }
        output.ready(pid, role, channel.name(), *claimed);
        if (!waitWarning.empty())
            output.warning(waitWarning);
        status = runProducer(context, **producer, *pool);
    } else {
        auto consumer = makeConsumer(channel, stats, endpoint);
        if (!consumer) {
            channel.releaseRecord();
            return cli::reportError(kProgram, consumer.error());
        }
        output.ready(pid, role, channel.name(), *claimed);
        if (!waitWarning.empty())
            output.warning(waitWarning);
        status = runConsumer(context, **consumer);
    }
    // Semaphore slots that dead processes took with them (docs/PROTOCOL.md, semaphore).
    for (const PermitLeak& leak : permitLeaks(channel, Role::None, channel.recordIndex()))
        output.warning(describeLeak(leak));
    channel.releaseRecord();
    cli::waitForParentExit(); // before the last-one-out check of the channel's destructor
    return status;
}

} // namespace
} // namespace shmscope::worker

int main(int argc, char** argv) {
    using namespace shmscope;
    const std::span<const char* const> args = cli::argumentsOf(argc, argv);
    if (const std::optional<int> answered =
            cli::answerHelpOrVersion(args, worker::kProgram, worker::workerHelp()))
        return *answered;
    Result<worker::WorkerOptions> options = worker::parseWorkerOptions(args);
    if (!options)
        return cli::reportError(worker::kProgram, options.error());
    if (!armCrashPointFromEnvironment()) {
        return cli::reportError(worker::kProgram,
                                cli::usageError("SHMSCOPE_CRASH_POINT",
                                                "expected NAME[:N] with NAME one of after-claim, "
                                                "mid-copy, before-publish, holding-lock, "
                                                "after-dequeue, mid-chunk"));
    }
    return worker::run(*options);
}
