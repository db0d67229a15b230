// shmscope-bridge: a channel carried to another machine over ZeroMQ (docs/CLI.md, docs/BRIDGE.md).
#include "../worker/table.hpp"
#include "bridge.hpp"
#include "options.hpp"
#include "report.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/snapshot.hpp"
#include "signals.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace shmscope::bridge {
namespace {

OpenOptions openOptions(const BridgeOptions& options) {
    OpenOptions open;
    open.attachTimeout = options.attachTimeout;
    open.stop = &stopFlag();
    if (options.direction == Direction::Receive) {
        open.mode = options.openMode;
        open.params = options.params;
        open.given = options.given;
        open.keep = options.keep;
    }
    return open;
}

// The endpoint's last resort when a wait can never end (boost-mutex, dead lock owner): called
// from its watchdog thread, so destructors will not run. Do what the last process out would
// have done, then exit 1 with the one line.
[[noreturn]] void exitFromStuckWait(const Channel& channel, const Error& error) {
    const bool keep = (channel.header().flags & kFlagKeep) != 0;
    if (!keep && worker::countLiveRecords(channel, Role::None) <= 1)
        (void)removeChannel(channel.name());
    cli::reportError(kProgram, error);
    std::_Exit(1);
}

// A stop before the channel was there: an empty summary, as shmscope-worker prints.
int stoppedBeforeAttach(const BridgeOptions& options, const Report& report) {
    BridgeSummary summary;
    summary.direction = options.direction;
    summary.endpoint = options.endpoint;
    report.summary(summary, options.channel);
    return 0;
}

int run(const BridgeOptions& options) {
    const Report report(options.json);
    installSignalHandlers();
    std::atomic<bool>& stop = stopFlag();

    Result<Channel> opened = Channel::open(options.channel, openOptions(options));
    if (!opened) {
        if (opened.error().code == ErrorCode::Stopped)
            return stoppedBeforeAttach(options, report);
        return cli::reportError(kProgram, opened.error());
    }
    Channel& channel = *opened;
    const Role role = options.direction == Direction::Send ? Role::Consumer : Role::Producer;
    Result<std::uint32_t> claimed = channel.claimRecord(role, Program::Bridge);
    if (!claimed)
        return cli::reportError(kProgram, claimed.error());
    RecordWriter stats(&channel.record(*claimed));

    EndpointOptions endpoint;
    endpoint.stop = &stop;
    endpoint.fromLatest = false; // a bridge forwards what the channel still holds
    endpoint.fatal = [&channel](const Error& error) { exitFromStuckWait(channel, error); };
    BridgeContext context{options, channel, stats, report, stop};
    int status = 0;
    if (role == Role::Consumer) {
        auto consumer = makeConsumer(channel, stats, endpoint);
        if (!consumer) {
            channel.releaseRecord();
            return cli::reportError(kProgram, consumer.error());
        }
        status = runSend(context, **consumer);
    } else {
        auto producer = makeProducer(channel, stats, endpoint);
        if (!producer) {
            channel.releaseRecord();
            return cli::reportError(kProgram, producer.error());
        }
        status = runReceive(context, **producer);
    }
    channel.releaseRecord();
    return status;
}

} // namespace
} // namespace shmscope::bridge

int main(int argc, char** argv) {
    using namespace shmscope;
    const std::span<const char* const> args(argv + 1,
                                            static_cast<std::size_t>(argc > 0 ? argc - 1 : 0));
    if (cli::wantsHelp(args)) {
        std::fputs(bridge::bridgeHelp().data(), stdout);
        return 0;
    }
    if (cli::wantsVersion(args)) {
        std::puts(cli::versionLine(bridge::kProgram).c_str());
        return 0;
    }
    Result<bridge::BridgeOptions> options = bridge::parseBridgeOptions(args);
    if (!options)
        return cli::reportError(bridge::kProgram, options.error());
    return bridge::run(*options);
}
