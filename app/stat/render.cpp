#include "render.hpp"

#include "shmscope/cli/json.hpp"

#include <cinttypes>
#include <cstdio>

namespace shmscope::stat {
namespace {

std::string recordStateName(RecordState state) {
    switch (state) {
    case RecordState::Free:
        return "free";
    case RecordState::Claiming:
        return "claiming";
    case RecordState::Active:
        return "active";
    case RecordState::Exited:
        return "exited";
    case RecordState::Dead:
        return "dead";
    }
    return "unknown";
}

// The ROLE column: a bridge says which way it carries messages (a consumer sends them on).
std::string roleLabel(const RecordSnapshot& record) {
    if (record.program != Program::Bridge)
        return std::string(roleName(record.role));
    switch (record.role) {
    case Role::Consumer:
        return "bridge (send)";
    case Role::Producer:
        return "bridge (receive)";
    case Role::None:
        break;
    }
    return "bridge";
}

std::string countersJson(const RecordSnapshot& record) {
    cli::JsonObject counters;
    for (std::uint32_t c = 0; c < kCounterCount; ++c) {
        const auto counter = static_cast<Counter>(c);
        counters.u64(counterName(counter), record.counter(counter));
    }
    return counters.text();
}

std::string recordJson(const RecordSnapshot& r) {
    return cli::JsonObject()
        .u64("record", r.index)
        .u64("pid", r.pid)
        .str("role", roleName(r.role))
        .str("program", programName(r.program))
        .str("state", recordStateName(r.state))
        .boolean("alive", r.alive)
        .u64("incarnation", r.incarnation)
        .str("activity", activityName(r.activity))
        .boolean("closed", r.closed)
        .u64("applied_generation", r.appliedGeneration)
        .u64("message_bytes", r.messageBytes)
        .u64("rate_hz", r.rateHz)
        .u64("last_sequence", r.lastSequence)
        .u64("heartbeat_ns", r.heartbeatNs)
        .raw("counters", countersJson(r))
        .text();
}

const RecordSnapshot* findPrevious(const std::optional<ChannelSnapshot>& previous,
                                   const RecordSnapshot& record) {
    if (!previous)
        return nullptr;
    for (const RecordSnapshot& old : previous->records)
        if (old.index == record.index && old.incarnation == record.incarnation)
            return &old;
    return nullptr;
}

double rate(std::uint64_t now, std::uint64_t before, double seconds) {
    return seconds > 0.0 && now >= before ? static_cast<double>(now - before) / seconds : 0.0;
}

} // namespace

std::string snapshotJson(const ChannelInfo& info, const ChannelSnapshot& snapshot) {
    const ChannelParams& p = info.params;
    cli::JsonArray records;
    for (const RecordSnapshot& record : snapshot.records)
        records.raw(recordJson(record));
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", p.mode);
    cli::JsonArray leaks;
    for (const PermitLeak& leak : snapshot.permitLeaks())
        leaks.raw(cli::JsonObject()
                      .u64("record", leak.record)
                      .u64("pid", leak.pid)
                      .str("role", roleName(leak.role))
                      .u64("slots", leak.leakedSlots)
                      .text());
    return cli::JsonObject()
        .str("channel", info.name)
        .u64("taken_ns", snapshot.takenNs)
        .u64("owner_uid", info.ownerUid)
        .u64("creator_pid", info.creatorPid)
        .raw("params", cli::JsonObject()
                           .str("sync", syncName(p.sync))
                           .str("delivery", deliveryName(p.delivery))
                           .str("backpressure", backpressureName(p.backpressure))
                           .str("checksum", checksumName(p.checksum))
                           .str("transport", transportName(p.transport))
                           .u64("slots", p.slotCount)
                           .u64("slot_size", p.slotPayloadBytes)
                           .str("mode", mode)
                           .boolean("hugepages", p.hugepages)
                           .text())
        .raw("ring", cli::JsonObject()
                         .u64("head", snapshot.ring.head)
                         .u64("tail", snapshot.ring.tail)
                         .u64("occupied_slots", snapshot.ring.occupiedSlots)
                         .u64("high_water_slots", snapshot.ring.highWaterSlots)
                         .u64("lock_holder_pid", snapshot.ring.lockHolderPid)
                         .raw("leaked_permits", leaks.text())
                         .text())
        .raw("records", records.text())
        .raw("departed", countersJson(snapshot.departed))
        .text();
}

std::string snapshotText(const ChannelInfo& info, const ChannelSnapshot& snapshot,
                         const std::optional<ChannelSnapshot>& previous) {
    const ChannelParams& p = info.params;
    const double seconds = previous && snapshot.takenNs > previous->takenNs
                               ? static_cast<double>(snapshot.takenNs - previous->takenNs) / 1e9
                               : 0.0;
    std::string text;
    char line[512];
    std::snprintf(line, sizeof line,
                  "channel %s  %s/%s/%s  checksum %s  %u slots × %s  mode %04o  owner uid %u\n",
                  info.name.c_str(), std::string(syncName(p.sync)).c_str(),
                  std::string(deliveryName(p.delivery)).c_str(),
                  std::string(backpressureName(p.backpressure)).c_str(),
                  std::string(checksumName(p.checksum)).c_str(), p.slotCount,
                  formatBytes(p.slotPayloadBytes).c_str(), p.mode, info.ownerUid);
    text += line;
    std::snprintf(
        line, sizeof line,
        "ring: head %" PRIu64 "  tail %" PRIu64 "  occupied %" PRIu64 "/%u  high water %" PRIu64
        "%s\n\n",
        snapshot.ring.head, snapshot.ring.tail, snapshot.ring.occupiedSlots, p.slotCount,
        snapshot.ring.highWaterSlots,
        snapshot.ring.lockHolderPid != 0
            ? ("  lock held by pid " + std::to_string(snapshot.ring.lockHolderPid)).c_str()
            : "");
    text += line;
    for (const PermitLeak& leak : snapshot.permitLeaks())
        text += "semaphore: " + describeLeak(leak) + (leak.role == Role::Producer ? " (free slots)" : " (ready messages)") + "\n";
    std::snprintf(line, sizeof line,
                  "%3s %8s %-16s %-8s %-16s %12s %10s %11s %11s %8s %6s %7s %6s %6s\n", "REC", "PID",
                  "ROLE", "STATE", "ACTIVITY", "MESSAGES", "BYTES", "MSG/S", "BYTES/S", "DROPS",
                  "GAPS", "CORRUPT", "LOST", "REORD");
    text += line;
    for (const RecordSnapshot& r : snapshot.records) {
        const RecordSnapshot* old = findPrevious(previous, r);
        const double msgRate =
            old ? rate(r.counter(Counter::Messages), old->counter(Counter::Messages), seconds)
                : 0.0;
        const double byteRate =
            old ? rate(r.counter(Counter::Bytes), old->counter(Counter::Bytes), seconds) : 0.0;
        std::string state = recordStateName(r.state);
        if (r.state == RecordState::Active && !r.alive)
            state = "dead";
        std::snprintf(line, sizeof line,
                      "%3u %8u %-16s %-8s %-16s %12" PRIu64 " %10s %11.0f %9s/s %8" PRIu64
                      " %6" PRIu64 " %7" PRIu64 " %6" PRIu64 " %6" PRIu64 "\n",
                      r.index, r.pid, roleLabel(r).c_str(), state.c_str(),
                      std::string(activityName(r.activity)).c_str(), r.counter(Counter::Messages),
                      formatBytes(r.counter(Counter::Bytes)).c_str(), msgRate,
                      formatBytes(static_cast<std::uint64_t>(byteRate)).c_str(),
                      r.counter(Counter::Drops), r.counter(Counter::Gaps),
                      r.counter(Counter::Corrupt), r.counter(Counter::LostToCrash),
                      r.counter(Counter::Reordered));
        text += line;
    }
    if (snapshot.records.empty())
        text += "(no process attached)\n";
    const RecordSnapshot& d = snapshot.departed;
    std::snprintf(line, sizeof line,
                  "departed: %" PRIu64 " messages, %s, drops %" PRIu64 ", gaps %" PRIu64
                  ", corrupt %" PRIu64 ", lost to crash %" PRIu64 "\n",
                  d.counter(Counter::Messages), formatBytes(d.counter(Counter::Bytes)).c_str(),
                  d.counter(Counter::Drops), d.counter(Counter::Gaps), d.counter(Counter::Corrupt),
                  d.counter(Counter::LostToCrash));
    text += line;
    return text;
}

} // namespace shmscope::stat
