// shmscope-bridge: a channel carried to another machine over ZeroMQ (docs/CLI.md, docs/BRIDGE.md).
#include "bridge.hpp"
#include "options.hpp"
#include "report.hpp"
#include "shmscope/cli/channel_table.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/signals.hpp"

#include <memory>
#include <optional>

namespace shmscope::bridge {
namespace {

OpenOptions openOptions(const BridgeOptions& options) {
    OpenOptions open;
    open.attachTimeout = options.attachTimeout;
    open.stop = &cli::stopFlag();
    if (options.direction == Direction::Receive) {
        open.mode = options.openMode;
        open.params = options.params;
        open.given = options.given;
        open.keep = options.keep;
    }
    return open;
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
    cli::installSignalHandlers(kProgram);
    std::atomic<bool>& stop = cli::stopFlag();

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
    endpoint.fatal = [&channel](const Error& error) {
        cli::exitFromStuckWait(kProgram, channel, error);
    };
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
    const std::span<const char* const> args = cli::argumentsOf(argc, argv);
    if (const std::optional<int> answered =
            cli::answerHelpOrVersion(args, bridge::kProgram, bridge::bridgeHelp()))
        return *answered;
    Result<bridge::BridgeOptions> options = bridge::parseBridgeOptions(args);
    if (!options)
        return cli::reportError(bridge::kProgram, options.error());
    return bridge::run(*options);
}
