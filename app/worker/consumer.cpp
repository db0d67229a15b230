// The consumer loop: receive chunks until a message is complete and verified (receiver.hpp),
// tally it per producer incarnation (gaps, reordering, digest), measure latency.
#include "coarse_clock.hpp"
#include "receiver.hpp"
#include "shmscope/cli/channel_table.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/signals.hpp"
#include "shmscope/params.hpp"
#include "steering.hpp"
#include "summary.hpp"
#include "worker.hpp"

#include <algorithm>
#include <vector>

namespace shmscope::worker {
namespace {

constexpr std::uint64_t kPopWaitNs = kWaitSliceNs;

// Per (producer record, incarnation) accounting of what this consumer saw.
class Tallies {
public:
    // `countGapsFromOne`: this consumer was the first ever, so sequence 1 is its to see.
    explicit Tallies(bool countGapsFromOne) : countGapsFromOne_(countGapsFromOne) {}

    struct Verdict {
        std::uint64_t gaps = 0;
        bool reordered = false;
    };

    Verdict add(std::uint32_t record, std::uint32_t incarnation, std::uint64_t sequence) {
        ProducerTally& tally = tallies_.find(record, incarnation);
        Verdict verdict;
        if (tally.count == 0) {
            if (countGapsFromOne_ && sequence > 1)
                verdict.gaps = sequence - 1;
        } else if (sequence <= tally.last) {
            verdict.reordered = true;
        } else if (sequence > tally.last + 1) {
            verdict.gaps = sequence - tally.last - 1;
        }
        tally.add(sequence);
        return verdict;
    }

    [[nodiscard]] std::vector<ProducerTally> sorted() const { return tallies_.sorted(); }

private:
    bool countGapsFromOne_;
    cli::ProducerTallies tallies_;
};

// Gaps mean something only where this consumer should see every message: spsc always; other
// strategies while it is the only consumer that ever joined since it did; never under
// drop-oldest, where the ring discards messages by design.
class GapPolicy {
public:
    GapPolicy(const Channel& channel, std::uint64_t joinsAtStart, bool soleAtStart)
        : ring_(channel.ring()), joinsAtStart_(joinsAtStart),
          always_(channel.params().sync == SyncKind::Spsc),
          never_(channel.params().backpressure == Backpressure::DropOldest), sole_(soleAtStart) {}

    [[nodiscard]] bool counts() const {
        if (never_)
            return false;
        if (always_)
            return true;
        return sole_ && ring_.consumer_joins.load(std::memory_order_acquire) == joinsAtStart_;
    }

private:
    const RingControl& ring_;
    std::uint64_t joinsAtStart_;
    bool always_, never_, sole_;
};

} // namespace

int runConsumer(WorkerContext& context, RingConsumer& consumer) {
    const WorkerOptions& options = context.options;
    Channel& channel = context.channel;
    RecordWriter& stats = context.stats;
    Result<MessageReceiver> created = MessageReceiver::create(options, channel, consumer, stats);
    if (!created)
        return cli::reportError(kProgram, created.error());
    MessageReceiver& receiver = *created;

    const std::uint64_t joinsAtStart =
        channel.ring().consumer_joins.load(std::memory_order_acquire);
    const GapPolicy gapPolicy(channel, joinsAtStart,
                              cli::countLiveRecords(channel, Role::Consumer) <= 1);
    Tallies tallies(joinsAtStart <= 1);
    LatencyHistogram latency;
    Pacer pacer(options.rateHz);
    Steering steering(channel, stats, context.holdMs, pacer, 0, options.maxMessageBytes);
    const bool endWithProducers = !options.count && !options.durationSeconds;
    const std::uint64_t wanted = options.count.value_or(UINT64_MAX);
    std::uint64_t delivered = 0, firstNs = 0, lastNs = 0;
    CoarseClock clock(stats);

    if (options.durationSeconds)
        cli::stopAfter(*options.durationSeconds); // setup is not counted
    stats.setActivity(Activity::Running);
    while (delivered < wanted && !context.stop.load(std::memory_order_relaxed)) {
        steering.poll();
        if (pacer.rateHz() != 0 || steering.paused())
            consumer.releaseHeld(); // about to sleep: what it read goes back to the producer now
        if (!steering.mayProceed() || !pacer.waitTurn(context.stop)) {
            stats.tick(monotonicNs()); // the heartbeat goes on while paused or paced
            continue;
        }
        // The deadline only matters when the ring is empty; a reading up to 63 messages old
        // shortens it by microseconds.
        Result<Receipt> received = receiver.receive(clock.latest() + kPopWaitNs);
        if (!received)
            return cli::reportError(kProgram, received.error());
        const bool completed = *received == Receipt::Completed;
        const std::uint64_t now =
            completed ? clock.after(receiver.completed().totalBytes,
                                    receiver.completed().header.commit_ns != 0 || pacer.rateHz() != 0 ||
                                        delivered + 1 == wanted)
                      : clock.read();
        if (*received == Receipt::Stopped)
            break;
        if (*received == Receipt::Empty) {
            if (endWithProducers &&
                channel.ring().producer_joins.load(std::memory_order_acquire) > 0 &&
                cli::producersFinished(channel) && consumer.drained())
                break;
            stats.tick(now);
            continue;
        }
        if (*received != Receipt::Completed) { // the receiver counted what needed counting
            stats.tick(now);
            continue;
        }
        const CompletedMessage& message = receiver.completed();
        const MessageHeader& header = message.header;
        const Tallies::Verdict verdict =
            tallies.add(header.producer_record, header.incarnation, header.sequence);
        if (verdict.reordered)
            stats.add(Counter::Reordered);
        if (verdict.gaps > 0 && gapPolicy.counts())
            stats.add(Counter::Gaps, verdict.gaps);
        stats.add(Counter::Messages);
        stats.add(Counter::Bytes, message.totalBytes);
        if (header.commit_ns != 0 && header.commit_ns <= now) {
            stats.recordLatency(now - header.commit_ns);
            latency.record(now - header.commit_ns);
        }
        if (firstNs == 0)
            firstNs = now;
        lastNs = now;
        ++delivered;
        stats.tick(now);
    }

    stats.setActivity(Activity::Exiting);
    receiver.flushCounters();
    stats.flush(monotonicNs());
    Summary summary;
    summary.role = Role::Consumer;
    takeCounters(summary, stats);
    summary.seconds = lastNs > firstNs ? static_cast<double>(lastNs - firstNs) / 1e9 : 0.0;
    if (latency.count() > 0)
        summary.latency = summarizeLatency(latency);
    summary.producers = tallies.sorted();
    context.output.summary(summaryJson(summary), summaryText(summary, channel.name()));
    return 0;
}

} // namespace shmscope::worker
