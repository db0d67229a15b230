#include "shmscope/snapshot.hpp"

#include "shmscope/channel.hpp"

#include "segment_attach.hpp"
#include "shmscope/wait.hpp"

#include <algorithm>

namespace shmscope {
namespace {

Role roleOf(const ChannelSnapshot& snap, std::uint32_t record)
{
    for (const RecordSnapshot& r : snap.records)
        if (r.index == record) return r.role;
    return Role::None;
}

// How often a snapshot reads the ring again when its positions moved while it read the slots.
constexpr int kConsistentReadTries = 8;

struct RingPositions {
    std::uint64_t head = 0;
    std::uint64_t tail = 0;
    bool operator==(const RingPositions&) const = default;
};

// Head and tail as they were at one instant: tail, head, then tail again, until the tail held
// still (positions only grow, so an unchanged tail was the tail when head was read). A ring too
// busy for that gets the newest pair, its tail raised to at most a ring's worth behind the head.
// Either way tail <= head <= tail + slots.
RingPositions readPositions(const RingControl& ring, std::uint32_t slots)
{
    RingPositions p;
    p.tail = ring.consumer.position.load(std::memory_order_acquire);
    for (int attempt = 0; attempt < kConsistentReadTries; ++attempt) {
        p.head = ring.producer.position.load(std::memory_order_acquire);
        const std::uint64_t again = ring.consumer.position.load(std::memory_order_acquire);
        if (again == p.tail && p.head >= p.tail && p.head - p.tail <= slots) return p;
        p.tail = again;
    }
    p.head = std::max(ring.producer.position.load(std::memory_order_acquire), p.tail);
    p.tail = std::max(p.tail, p.head >= slots ? p.head - slots : 0);
    return p;
}

template <typename T> T loadRelaxed(const std::atomic<T>& value)
{
    return value.load(std::memory_order_relaxed);
}

RecordSnapshot copyRecord(const StatsRecord& record, std::uint32_t index)
{
    RecordSnapshot snap;
    snap.index = index;
    const std::uint32_t state = record.state.load(std::memory_order_acquire);
    snap.state = state <= static_cast<std::uint32_t>(RecordState::Dead) ? static_cast<RecordState>(state)
                                                                         : RecordState::Free;
    const std::uint32_t role = loadRelaxed(record.role);
    snap.role = role <= static_cast<std::uint32_t>(Role::Consumer) ? static_cast<Role>(role) : Role::None;
    const std::uint32_t program = loadRelaxed(record.program);
    snap.program = program <= static_cast<std::uint32_t>(Program::Bridge) ? static_cast<Program>(program)
                                                                         : Program::Application;
    snap.pid = loadRelaxed(record.pid);
    snap.incarnation = loadRelaxed(record.incarnation);
    const std::uint32_t activity = loadRelaxed(record.activity);
    snap.activity = activity <= static_cast<std::uint32_t>(Activity::Reading) ? static_cast<Activity>(activity)
                                                                              : Activity::Starting;
    snap.closed = loadRelaxed(record.closed) != 0;
    snap.appliedGeneration = loadRelaxed(record.applied_generation);
    snap.messageBytes = loadRelaxed(record.message_bytes);
    snap.rateHz = loadRelaxed(record.rate_hz);
    snap.startedNs = loadRelaxed(record.started_ns);
    snap.heartbeatNs = loadRelaxed(record.heartbeat_ns);
    snap.lastSequence = loadRelaxed(record.last_sequence);
    for (std::uint32_t i = 0; i < kCounterCount; ++i) snap.counters[i] = loadRelaxed(record.counters[i]);
    for (std::uint32_t i = 0; i < kHistogramBuckets; ++i) {
        snap.waitHistogram[i] = loadRelaxed(record.wait_hist[i]);
        snap.latencyHistogram[i] = loadRelaxed(record.latency_hist[i]);
    }
    return snap;
}

ChannelInfo makeInfo(const std::string& name, const detail::AttachedSegment& segment)
{
    ChannelInfo info;
    info.name = name;
    info.params = detail::paramsFromHeader(segment.header);
    info.flags = segment.header.flags;
    info.segmentBytes = segment.header.segment_bytes;
    info.createdRealtimeNs = segment.header.created_ns;
    info.creatorPid = segment.header.creator_pid;
    info.ownerUid = segment.ownerUid;
    info.versionMajor = segment.header.version_major;
    info.versionMinor = segment.header.version_minor;
    return info;
}

} // namespace

std::vector<PermitLeak> ChannelSnapshot::permitLeaks() const
{
    std::vector<PermitLeak> leaks;
    for (const RecordSnapshot& record : records) {
        const std::uint64_t held = record.counter(Counter::PermitsHeld);
        if (record.alive || held == 0) continue;
        leaks.push_back({record.index, record.pid, record.role, std::min<std::uint64_t>(held, ring.slotCount)});
    }
    return leaks;
}

std::vector<PermitLeak> permitLeaks(const Channel& channel, Role role, std::uint32_t except)
{
    std::vector<PermitLeak> leaks;
    const std::uint64_t slots = channel.params().slotCount;
    for (std::uint32_t record = 0; record < kMaxRecords; ++record) {
        if (record == except) continue;
        const StatsRecord& r = channel.record(record);
        const std::uint64_t held =
            r.counters[static_cast<std::uint32_t>(Counter::PermitsHeld)].load(std::memory_order_relaxed);
        const std::uint32_t recordRole = r.role.load(std::memory_order_relaxed);
        if (held == 0 || (role != Role::None && recordRole != static_cast<std::uint32_t>(role)) ||
            channel.recordAlive(record))
            continue;
        const Role known = recordRole == static_cast<std::uint32_t>(Role::Consumer) ? Role::Consumer : Role::Producer;
        leaks.push_back({record, r.pid.load(std::memory_order_relaxed), known, std::min(held, slots)});
    }
    return leaks;
}

std::string describeLeak(const PermitLeak& leak)
{
    return std::to_string(leak.leakedSlots) + (leak.leakedSlots == 1 ? " slot" : " slots") + " leaked by dead process " +
           std::to_string(leak.pid);
}

std::uint64_t ChannelSnapshot::total(Counter c, Role role) const
{
    std::uint64_t sum = role == Role::None ? departed.counter(c) : 0;
    for (const RecordSnapshot& record : records)
        if (role == Role::None || record.role == role) sum += record.counter(c);
    return sum;
}

struct SnapshotReader::Impl {
    detail::AttachedSegment segment;
    ChannelInfo info;
    const std::byte* base = nullptr;

    [[nodiscard]] const StatsRecord& record(std::uint32_t index) const
    {
        return *reinterpret_cast<const StatsRecord*>(base + segment.header.stats_offset +
                                                     std::uint64_t{index} * sizeof(StatsRecord));
    }
    [[nodiscard]] const RingControl& ring() const
    {
        return *reinterpret_cast<const RingControl*>(base + segment.header.ring_offset);
    }
    [[nodiscard]] const BroadcastCursor& cursor(std::uint32_t record) const
    {
        return reinterpret_cast<const BroadcastCursor*>(base + segment.header.cursors_offset)[record];
    }
    [[nodiscard]] const SlotDescriptor& descriptor(std::uint32_t slot) const
    {
        return reinterpret_cast<const SlotDescriptor*>(base + segment.header.descriptors_offset)[slot];
    }
};

SnapshotReader::SnapshotReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SnapshotReader::SnapshotReader(SnapshotReader&&) noexcept = default;
SnapshotReader& SnapshotReader::operator=(SnapshotReader&&) noexcept = default;
SnapshotReader::~SnapshotReader() = default;

Result<SnapshotReader> SnapshotReader::openChannel(const std::string& name, std::chrono::milliseconds timeout)
{
    if (Status valid = validateChannelName(name); !valid) return valid.error();
    detail::AttachRequest request;
    request.paths = detail::shmPaths(name);
    request.displayName = name;
    request.writable = false;
    request.timeout = timeout;
    Result<detail::AttachedSegment> segment = detail::attachSegment(request);
    if (!segment) return segment.error();
    auto impl = std::make_unique<Impl>();
    impl->segment = std::move(*segment);
    impl->info = makeInfo(name, impl->segment);
    impl->base = impl->segment.data.data();
    return SnapshotReader(std::move(impl));
}

Result<SnapshotReader> SnapshotReader::openFile(const std::string& path, std::chrono::milliseconds timeout)
{
    detail::AttachRequest request;
    request.paths = detail::filePaths(path);
    request.displayName = path;
    request.writable = false;
    request.timeout = timeout;
    Result<detail::AttachedSegment> segment = detail::attachSegment(request);
    if (!segment) return segment.error();
    auto impl = std::make_unique<Impl>();
    impl->segment = std::move(*segment);
    impl->info = makeInfo(path, impl->segment);
    bool anyAlive = false;
    for (std::uint32_t i = 0; i < kMaxRecords && !anyAlive; ++i)
        anyAlive = detail::ofdHeldByOther(impl->segment.dataFd.get(), i);
    impl->info.needsRecovery = impl->segment.header.boot_id_hash != detail::bootIdHash() || !anyAlive;
    impl->base = impl->segment.data.data();
    return SnapshotReader(std::move(impl));
}

const ChannelInfo& SnapshotReader::info() const { return impl_->info; }

ChannelSnapshot SnapshotReader::take(bool withSlots) const
{
    ChannelSnapshot snap;
    snap.takenNs = monotonicNs();
    const int fd = impl_->segment.dataFd.get();
    for (std::uint32_t i = 0; i < kMaxRecords; ++i) {
        const StatsRecord& record = impl_->record(i);
        if (record.state.load(std::memory_order_acquire) == static_cast<std::uint32_t>(RecordState::Free))
            continue;
        RecordSnapshot copy = copyRecord(record, i);
        copy.alive = detail::ofdHeldByOther(fd, i);
        snap.records.push_back(copy);
    }
    snap.departed = copyRecord(impl_->record(kDepartedRecord), kDepartedRecord);

    const RingControl& ring = impl_->ring();
    const std::uint32_t slots = impl_->info.params.slotCount;
    RingSnapshot& out = snap.ring;
    out.slotCount = slots;
    out.highWaterSlots = std::min<std::uint64_t>(ring.high_water_slots.load(std::memory_order_relaxed), slots);
    const std::uint32_t holder = ring.ring_lock.holder.load(std::memory_order_relaxed);
    if (holder != 0) {
        out.lockHolderPid = ring.ring_lock.holder_pid.load(std::memory_order_relaxed);
        out.lockHolderRecord = ownerRecord(holder) < kMaxRecords ? ownerRecord(holder) : kNoRecord;
    }
    const SyncKind sync = impl_->info.params.sync;
    const bool broadcast = impl_->info.params.delivery == Delivery::Broadcast;
    // Rings whose slot states follow from their positions: the lock-free spsc, none and
    // broadcast rings, and the mutex ring, whose descriptors are only written for runs (the slot
    // at head or tail is being written or read while a producer or consumer holds its lock).
    const bool derived =
        sync == SyncKind::Spsc || sync == SyncKind::None || sync == SyncKind::Mutex || broadcast;
    // One pass gives head, tail, the occupied count and every slot state, so that the summary
    // ("N of M in use") and the cells always agree: the count is taken from the very slot words
    // the states come from, and the pass is repeated while the positions moved under it.
    std::vector<std::uint64_t> words;
    for (int pass = 0; pass < kConsistentReadTries; ++pass) {
        const RingPositions before = readPositions(ring, slots);
        if (!derived) {
            words.resize(slots);
            for (std::uint32_t i = 0; i < slots; ++i)
                words[i] = impl_->descriptor(i).word.load(std::memory_order_relaxed);
        }
        const RingPositions after = derived ? before : readPositions(ring, slots);
        out.head = after.head;
        out.tail = after.tail;
        if (before == after) break;
    }
    if (broadcast) {
        // The tail of a broadcast ring is its slowest active cursor.
        const std::uint64_t active = ring.broadcast_cursors.load(std::memory_order_acquire);
        out.tail = out.head;
        for (std::uint32_t record = 0; record < kMaxRecords; ++record) {
            if ((active & (std::uint64_t{1} << record)) == 0) continue;
            const std::uint64_t position = impl_->cursor(record).position.load(std::memory_order_relaxed);
            out.cursors.push_back({record, position});
            if (position <= out.head) out.tail = std::min(out.tail, position);
        }
        out.tail = std::max(out.tail, out.head >= slots ? out.head - slots : 0);
    }
    const std::uint64_t span = out.head - out.tail; // readPositions: tail <= head <= tail + slots
    const Role holderRole =
        sync == SyncKind::Mutex && out.lockHolderRecord != kNoRecord ? roleOf(snap, out.lockHolderRecord) : Role::None;
    // A producer holding the mutex ring's lock is writing the slot at head: in use, as a claimed
    // slot is in the rings that keep slot words.
    const bool writingAtHead = holderRole == Role::Producer && span < slots;
    if (derived) {
        out.occupiedSlots = span + (writingAtHead ? 1 : 0);
    } else {
        out.occupiedSlots = static_cast<std::uint64_t>(std::count_if(
            words.begin(), words.end(), [](std::uint64_t word) { return slotWordState(word) != SlotState::Free; }));
    }
    if (withSlots) {
        out.slotStates.assign(slots, SlotState::Free);
        for (std::uint32_t i = 0; i < slots; ++i) {
            if (derived) {
                // Ready between tail and head, in ring order.
                const std::uint64_t position = out.tail + ((i - out.tail) & (slots - 1));
                if (position < out.head) out.slotStates[i] = SlotState::Ready;
                if (writingAtHead && position == out.head) out.slotStates[i] = SlotState::Writing;
                if (holderRole == Role::Consumer && position == out.tail && span > 0)
                    out.slotStates[i] = SlotState::Reading;
            } else {
                out.slotStates[i] = displayState(slotWordState(words[i]));
            }
        }
    }
    return snap;
}

} // namespace shmscope
