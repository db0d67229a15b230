// The producer loop: pace, take a payload from the pool, stamp the header, push, count.
#include "shmscope/checksum.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/params.hpp"
#include "shmscope/payload.hpp"
#include "signals.hpp"
#include "steering.hpp"
#include "summary.hpp"
#include "table.hpp"
#include "worker.hpp"

#include <ctime>

namespace shmscope::worker {
namespace {

constexpr std::uint64_t kConsumerPollNs = 10'000'000;

// --wait-consumers: false when stopped first.
bool waitForConsumers(const WorkerContext& context) {
    const std::uint32_t wanted = context.options.waitConsumers;
    while (wanted > 0 && countLiveRecords(context.channel, Role::Consumer) < wanted) {
        if (context.stop.load(std::memory_order_relaxed))
            return false;
        const timespec pause{0, static_cast<long>(kConsumerPollNs)};
        nanosleep(&pause, nullptr);
    }
    return !context.stop.load(std::memory_order_relaxed);
}

MessageHeader makeHeader(const Channel& channel, std::uint64_t sequence,
                         std::span<const std::byte> payload, bool withChecksum) {
    MessageHeader header{};
    header.producer_record = channel.recordIndex();
    header.incarnation = channel.incarnation();
    header.sequence = sequence;
    header.chunk_index = 0;
    header.chunk_count = 1;
    header.total_length = payload.size();
    header.payload_length = static_cast<std::uint32_t>(payload.size());
    header.flags = kMsgLastChunk;
    const std::uint64_t checksum = withChecksum ? checksum64(payload) : 0;
    header.chunk_checksum = checksum;
    header.message_checksum = checksum;
    return header;
}

} // namespace

int runProducer(WorkerContext& context, RingProducer& producer, PayloadPool& pool) {
    const WorkerOptions& options = context.options;
    Channel& channel = context.channel;
    RecordWriter& stats = context.stats;
    StatsRecord& record = *stats.record();
    const std::uint64_t slotBytes = channel.params().slotPayloadBytes;
    const bool withChecksum = channel.params().checksum == ChecksumKind::Xxh3;

    Pacer pacer(options.rateHz);
    Steering steering(channel, stats, context.holdMs, pacer, options.messageBytes, slotBytes);

    Summary summary;
    summary.role = Role::Producer;
    ProducerTally tally{channel.recordIndex(), channel.incarnation()};
    std::uint64_t firstNs = 0, lastNs = 0;
    std::uint64_t sequence = 1;
    const std::uint64_t wanted = options.count.value_or(UINT64_MAX);

    if (options.durationSeconds)
        stopAfter(*options.durationSeconds); // setup is not counted
    bool go = waitForConsumers(context);
    stats.setActivity(Activity::Running);
    pacer.restart();
    while (go && tally.count < wanted && !context.stop.load(std::memory_order_relaxed)) {
        steering.poll();
        if (!steering.mayProceed() || !pacer.waitTurn(context.stop)) {
            stats.tick(monotonicNs()); // the heartbeat goes on while paused or paced
            continue;
        }
        const std::uint64_t bytes = steering.messageBytes();
        if (bytes > pool.windowBytes()) { // the controller asked for larger messages
            if (Status grown = pool.reserveWindow(bytes); !grown)
                return cli::reportError(kProgram, grown.error());
        }
        OutgoingMessage message;
        message.payload = pool.next(bytes);
        message.header = makeHeader(channel, sequence, message.payload, withChecksum);
        if (firstNs == 0)
            firstNs = monotonicNs();
        Result<PushStatus> pushed = producer.push(message);
        if (!pushed)
            return cli::reportError(kProgram, pushed.error());
        const std::uint64_t now = monotonicNs();
        if (*pushed == PushStatus::Committed) {
            stats.add(Counter::Messages);
            stats.add(Counter::Bytes, bytes);
            record.last_sequence.store(sequence, std::memory_order_release);
            tally.add(sequence);
            ++sequence; // dropped messages keep their number: consumers see no false gap
            lastNs = now;
        } else if (*pushed == PushStatus::Stopped) {
            break;
        }
        stats.tick(now);
    }

    stats.setActivity(Activity::Exiting);
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
