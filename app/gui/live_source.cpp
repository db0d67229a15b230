#include "live_source.hpp"

#include <algorithm>
#include <shmscope/params.hpp>
#include <shmscope/snapshot.hpp>

namespace shmscope::gui {
namespace {

using widgets::ChannelSample;
using widgets::ProcessActivity;
using widgets::ProcessRole;
using widgets::ProcessSample;
using widgets::SlotKind;

widgets::Counters countersOf(const RecordSnapshot& record) {
    widgets::Counters c;
    c.messages = record.counter(Counter::Messages);
    c.bytes = record.counter(Counter::Bytes);
    c.lockAcquires = record.counter(Counter::LockAcquires);
    c.lockContended = record.counter(Counter::LockContended);
    c.casRetries = record.counter(Counter::CasRetries);
    c.waitNs = record.counter(Counter::WaitNs);
    c.holdNs = record.counter(Counter::HoldNs);
    c.drops = record.counter(Counter::Drops);
    c.overrun = record.counter(Counter::Overrun);
    c.gaps = record.counter(Counter::Gaps);
    c.reordered = record.counter(Counter::Reordered);
    c.corrupt = record.counter(Counter::Corrupt);
    c.lostToCrash = record.counter(Counter::LostToCrash);
    c.incomplete = record.counter(Counter::Incomplete);
    c.lockRecoveries = record.counter(Counter::LockRecoveries);
    return c;
}

ProcessRole roleOf(Role role) {
    switch (role) {
    case Role::Producer:
        return ProcessRole::Producer;
    case Role::Consumer:
        return ProcessRole::Consumer;
    case Role::None:
        break;
    }
    return ProcessRole::Unknown;
}

ProcessActivity activityOf(Activity activity) {
    switch (activity) {
    case Activity::Starting:
        return ProcessActivity::Starting;
    case Activity::Running:
        return ProcessActivity::Running;
    case Activity::Paused:
        return ProcessActivity::Paused;
    case Activity::BlockedNoSlot:
        return ProcessActivity::BlockedNoSlot;
    case Activity::BlockedNoData:
        return ProcessActivity::BlockedNoData;
    case Activity::WaitingLock:
        return ProcessActivity::WaitingLock;
    case Activity::InCriticalSection:
        return ProcessActivity::InCriticalSection;
    case Activity::Exiting:
        return ProcessActivity::Exiting;
    case Activity::Writing:
        return ProcessActivity::Writing;
    case Activity::Reading:
        return ProcessActivity::Reading;
    }
    return ProcessActivity::Running;
}

SlotKind slotOf(SlotState state) {
    // The first slot of an mpmc run shows as its peers (displayState).
    switch (displayState(state)) {
    case SlotState::Free:
        return SlotKind::Free;
    case SlotState::Writing:
        return SlotKind::Writing;
    case SlotState::Ready:
        return SlotKind::Ready;
    case SlotState::Reading:
        return SlotKind::Reading;
    case SlotState::Abandoned:
        return SlotKind::Abandoned;
    case SlotState::WritingRun:
    case SlotState::ReadyRun:
    case SlotState::ReadingRun:
        break;
    }
    return SlotKind::Free;
}

ProcessSample processOf(const RecordSnapshot& record) {
    ProcessSample p;
    p.record = record.index;
    p.incarnation = record.incarnation;
    p.pid = record.pid;
    p.role = roleOf(record.role);
    p.bridge = record.program == Program::Bridge;
    p.activity = activityOf(record.activity);
    p.alive = record.alive;
    p.exited = record.state == RecordState::Exited;
    p.appliedGeneration = record.appliedGeneration;
    p.messageBytes = record.messageBytes;
    p.rateHz = record.rateHz;
    p.counters = countersOf(record);
    std::copy(record.waitHistogram.begin(), record.waitHistogram.end(), p.waitHistogram.begin());
    std::copy(record.latencyHistogram.begin(), record.latencyHistogram.end(),
              p.latencyHistogram.begin());
    return p;
}

static_assert(widgets::kHistogramBuckets == static_cast<int>(kHistogramBuckets));

} // namespace

std::unique_ptr<LiveSource> LiveSource::open(const QString& channel, QString* error) {
    return fromReader(SnapshotReader::openChannel(channel.toStdString(),
                                                  std::chrono::milliseconds(kOpenTimeoutMs)),
                      channel, error);
}

std::unique_ptr<LiveSource> LiveSource::openFile(const QString& path, QString* error) {
    return fromReader(
        SnapshotReader::openFile(path.toStdString(), std::chrono::milliseconds(kOpenTimeoutMs)),
        path, error);
}

std::unique_ptr<LiveSource> LiveSource::fromReader(Result<SnapshotReader> reader,
                                                   const QString& channel, QString* error) {
    if (!reader) {
        if (error)
            *error = QString::fromStdString(reader.error().message);
        return nullptr;
    }
    const ChannelInfo& info = reader->info();
    ChannelDescription description;
    description.name = channel;
    description.sync = QString::fromUtf8(syncName(info.params.sync).data(),
                                         static_cast<qsizetype>(syncName(info.params.sync).size()));
    description.slotCount = info.params.slotCount;
    description.slotBytes = info.params.slotPayloadBytes;
    return std::unique_ptr<LiveSource>(
        new LiveSource(std::make_unique<SnapshotReader>(std::move(reader.value())), description));
}

LiveSource::LiveSource(std::unique_ptr<SnapshotReader> reader, ChannelDescription description)
    : reader_(std::move(reader)), description_(std::move(description)) {}

LiveSource::~LiveSource() = default;

ChannelDescription LiveSource::describe() const { return description_; }

std::optional<ChannelSample> LiveSource::take(bool withSlots) {
    const ChannelSnapshot snapshot = reader_->take(withSlots);
    ChannelSample sample;
    sample.takenNs = snapshot.takenNs;
    sample.processes.reserve(snapshot.records.size());
    for (const RecordSnapshot& record : snapshot.records)
        sample.processes.push_back(processOf(record));
    sample.departed = countersOf(snapshot.departed);
    const RingSnapshot& ring = snapshot.ring;
    sample.ring.slotCount = ring.slotCount;
    sample.ring.head = ring.head;
    sample.ring.tail = ring.tail;
    sample.ring.occupiedSlots = ring.occupiedSlots;
    sample.ring.highWaterSlots = ring.highWaterSlots;
    sample.ring.lockHolderPid = ring.lockHolderPid;
    for (const PermitLeak& leak : snapshot.permitLeaks())
        sample.ring.leaks.push_back({leak.pid, leak.leakedSlots});
    sample.hasSlots = withSlots && !ring.slotStates.empty();
    sample.slotStates.reserve(ring.slotStates.size());
    for (const SlotState state : ring.slotStates)
        sample.slotStates.push_back(slotOf(state));
    return sample;
}

} // namespace shmscope::gui
