// The producer loop: pace, send a message of the current size (sender.hpp), count, --msync.
#include "coarse_clock.hpp"
#include "sender.hpp"
#include "shmscope/cli/channel_table.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/signals.hpp"
#include "shmscope/params.hpp"
#include "shmscope/payload.hpp"
#include "steering.hpp"
#include "summary.hpp"
#include "worker.hpp"

#include <ctime>

namespace shmscope::worker {
namespace {

constexpr std::uint64_t kConsumerPollNs = 10'000'000;

// --wait-consumers: false when stopped first.
bool waitForConsumers(const WorkerContext& context) {
    const std::uint32_t wanted = context.options.waitConsumers;
    while (wanted > 0 && cli::countLiveRecords(context.channel, Role::Consumer) < wanted) {
        if (context.stop.load(std::memory_order_relaxed))
            return false;
        const timespec pause{0, static_cast<long>(kConsumerPollNs)};
        nanosleep(&pause, nullptr);
    }
    return !context.stop.load(std::memory_order_relaxed);
}

} // namespace

int runProducer(WorkerContext& context, RingProducer& producer, PayloadPool& pool) {
    const WorkerOptions& options = context.options;
    Channel& channel = context.channel;
    RecordWriter& stats = context.stats;
    StatsRecord& record = *stats.record();
    const bool msync = options.msync && channel.params().transport == TransportKind::File;
    Result<MessageSender> created = MessageSender::create(options, channel, producer, stats, pool,
                                                          context.output, context.stop);
    if (!created)
        return cli::reportError(kProgram, created.error());
    MessageSender& sender = *created;

    Pacer pacer(options.rateHz);
    Steering steering(channel, stats, context.holdMs, pacer, options.messageBytes,
                      kMaxMessageBytes);

    Summary summary;
    summary.role = Role::Producer;
    ProducerTally tally{channel.recordIndex(), channel.incarnation()};
    std::uint64_t firstNs = 0, lastNs = 0;
    CoarseClock clock(stats);
    std::uint64_t sequence = 1;
    std::uint64_t refused = 0; // count towards --count: they would be refused again and again
    const std::uint64_t wanted = options.count.value_or(UINT64_MAX);

    if (options.durationSeconds)
        cli::stopAfter(*options.durationSeconds); // setup is not counted
    bool go = waitForConsumers(context);
    stats.setActivity(Activity::Running);
    pacer.restart();
    while (go && tally.count + refused < wanted && !context.stop.load(std::memory_order_relaxed)) {
        steering.poll();
        if (!steering.mayProceed() || !pacer.waitTurn(context.stop)) {
            stats.tick(monotonicNs()); // the heartbeat goes on while paused or paced
            continue;
        }
        // A paced producer stamps every message: its latency is what a user tunes for, and a
        // clock read costs nothing beside the sleep between messages.
        context.stampEvery.store(pacer.rateHz() != 0 ? 1 : kDefaultStampEvery, std::memory_order_relaxed);
        const std::uint64_t bytes = steering.messageBytes();
        if (firstNs == 0)
            firstNs = clock.read();
        Result<SendOutcome> sent = sender.send(sequence, bytes);
        if (!sent)
            return cli::reportError(kProgram, sent.error());
        if (*sent == SendOutcome::Stopped)
            break;
        if (*sent == SendOutcome::Refused)
            ++refused;
        if (*sent == SendOutcome::Sent) {
            if (msync) {
                if (Status synced = channel.sync(); !synced)
                    return cli::reportError(kProgram, synced.error());
            }
            stats.add(Counter::Messages);
            stats.add(Counter::Bytes, bytes);
            record.last_sequence.store(sequence, std::memory_order_release);
            tally.add(sequence);
            ++sequence; // dropped and refused messages keep their number: no false gap
            lastNs = clock.after(bytes, pacer.rateHz() != 0 || tally.count + refused == wanted);
        }
        stats.tick(clock.after(0, *sent != SendOutcome::Sent));
    }

    stats.setActivity(Activity::Exiting);
    sender.flushCounters();
    record.closed.store(1, std::memory_order_release); // after last_sequence: consumers may end
    stats.flush(monotonicNs());
    takeCounters(summary, stats);
    summary.seconds = lastNs > firstNs ? static_cast<double>(lastNs - firstNs) / 1e9 : 0.0;
    if (tally.count > 0)
        summary.producers.push_back(tally);
    context.output.summary(summaryJson(summary), summaryText(summary, channel.name()));
    return 0;
}

} // namespace shmscope::worker
