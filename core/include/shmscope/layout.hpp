// The bytes every process that touches a channel agrees on (docs/PROTOCOL.md).
//
// Rules for this file:
// - Plain structs of fixed-width integers and lock-free atomics of at most 8 bytes; nothing with a
//   vtable, a pointer or a size that depends on the compiler's cache-line guess.
// - Every field another process reads has a comment naming its writer and the ordering it uses.
// - Layout changes bump kVersionMajor (incompatible), or append inside header_bytes or give
//   always-zero space a meaning whose zero is the old behaviour, and bump
//   kVersionMinor (readers ignore what they do not know). The static_asserts pin the layout.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace shmscope {

inline constexpr char kSegmentMagic[8] = {'S', 'H', 'M', 'S', 'C', 'O', 'P', 'E'};
inline constexpr char kControlMagic[8] = {'S', 'H', 'M', 'S', 'C', 'C', 'T', 'L'};
// 2.0: the message header's `stamp` (spsc consumers learn of a message from its slot), with
// `producer_record` and `flags` narrowed to u16 to make room. 1.x minors: 1 runs (SlotState *Run,
// run_slots); 2 spsc batched release (IndexBlock::delivered); 3 relayed messages (kMsgRelayed);
// 4 StatsRecord::program.
inline constexpr std::uint16_t kVersionMajor = 2;
inline constexpr std::uint16_t kVersionMinor = 0;
inline constexpr std::uint32_t kEndianMarker = 0x01020304u;
inline constexpr std::size_t kCacheLine = 64;       // fixed: part of the ABI tag
inline constexpr std::size_t kIndexSeparation = 128; // writer/reader indices, against adjacent-line prefetch
inline constexpr std::uint32_t kMaxRecords = 64;     // processes per channel
inline constexpr std::uint32_t kDepartedRecord = kMaxRecords; // table index of the folded totals
inline constexpr std::uint32_t kNoRecord = 0xFFu;
inline constexpr std::size_t kMessageHeaderBytes = 64;
inline constexpr std::uint32_t kHistogramBuckets = 64; // log2 buckets: bucket b counts values in [2^b, 2^(b+1))

template <typename T> inline constexpr bool kSharedAtomicOk =
    std::atomic<T>::is_always_lock_free && sizeof(std::atomic<T>) == sizeof(T) && sizeof(T) <= 8;
static_assert(kSharedAtomicOk<std::uint32_t> && kSharedAtomicOk<std::uint64_t>);

using AtomicU32 = std::atomic<std::uint32_t>;
using AtomicU64 = std::atomic<std::uint64_t>;

enum class SyncKind : std::uint32_t { Spsc = 1, Mpmc = 2, Mutex = 3, Semaphore = 4, BoostMutex = 5, None = 6 };
enum class Delivery : std::uint32_t { Queue = 1, Broadcast = 2 };
enum class Backpressure : std::uint32_t { Block = 1, DropNewest = 2, DropOldest = 3 };
enum class ChecksumKind : std::uint32_t { None = 0, Xxh3 = 1 };
enum class TransportKind : std::uint32_t { Shm = 1, File = 2 };
enum class Role : std::uint32_t { None = 0, Producer = 1, Consumer = 2 };
// Which program owns a stats record, for display (since 1.4). Application: any program that does
// not say (shmscope-worker, the examples, a library user). Bridge: shmscope-bridge, whose `send`
// attaches as a consumer and whose `receive` attaches as a producer (docs/BRIDGE.md).
enum class Program : std::uint32_t { Application = 0, Bridge = 1 };

// Channel flags (SegmentHeader::flags).
inline constexpr std::uint32_t kFlagKeep = 1u;      // the last process out leaves the channel in place
inline constexpr std::uint32_t kFlagHugepages = 2u; // the ring was advised to use huge pages

// ---------------------------------------------------------------------------------------------
// Segment header: the first 64 bytes are fixed forever; parameters follow, inside header_bytes.
// Written once by the creator before `magic`, which is stored last with release ordering; read-only
// afterwards. Readers copy it to a local and validate it before using any offset.
struct SegmentHeader {
    char magic[8];                   // creator; stored last (release); all-zero means "initialising"
    std::uint16_t version_major;     // creator
    std::uint16_t version_minor;     // creator
    std::uint32_t header_bytes;      // creator: size of this header including parameters
    std::uint64_t segment_bytes;     // creator: must equal the object's size (fstat)
    std::uint32_t endian_marker;     // creator: kEndianMarker
    std::uint32_t abi_tag;           // creator: abiTag() of the creating build
    std::uint64_t boot_id_hash;      // creator: hash of /proc/sys/kernel/random/boot_id
    std::uint64_t created_ns;        // creator: CLOCK_REALTIME at creation
    std::uint32_t creator_pid;       // creator
    std::uint8_t reserved0[12];

    // Channel parameters (offset 64).
    std::uint32_t sync;              // SyncKind
    std::uint32_t delivery;          // Delivery
    std::uint32_t backpressure;      // Backpressure
    std::uint32_t checksum;          // ChecksumKind
    std::uint32_t transport;         // TransportKind
    std::uint32_t flags;             // kFlag*
    std::uint32_t slot_count;        // power of two, 2 … 2^20
    std::uint32_t record_count;      // kMaxRecords (+1 departed record follows)
    std::uint64_t slot_payload_bytes;// multiple of 64, 64 B … 1 GiB
    std::uint64_t slot_stride;       // kMessageHeaderBytes + slot_payload_bytes
    std::uint64_t stats_offset;      // from the segment start; 64-aligned
    std::uint64_t stats_record_bytes;// sizeof(StatsRecord)
    std::uint64_t ring_offset;       // RingControl; page-aligned
    std::uint64_t ring_control_bytes;// sizeof(RingControl)
    std::uint64_t descriptors_offset;// slot_count SlotDescriptor
    std::uint64_t slots_offset;      // slot_count * slot_stride bytes; page-aligned
    std::uint64_t mode;              // creation mode (display only)
    std::uint64_t cursors_offset;    // kMaxRecords BroadcastCursor (broadcast delivery reads them)
    std::uint8_t reserved1[80];
};
static_assert(sizeof(SegmentHeader) == 256);
static_assert(offsetof(SegmentHeader, version_major) == 8);
static_assert(offsetof(SegmentHeader, header_bytes) == 12);
static_assert(offsetof(SegmentHeader, segment_bytes) == 16);
static_assert(offsetof(SegmentHeader, endian_marker) == 24);
static_assert(offsetof(SegmentHeader, boot_id_hash) == 32);
static_assert(offsetof(SegmentHeader, created_ns) == 40);
static_assert(offsetof(SegmentHeader, creator_pid) == 48);
static_assert(offsetof(SegmentHeader, sync) == 64);

// ---------------------------------------------------------------------------------------------
// Stats table: kMaxRecords per-process records plus one record of departed totals.

enum class RecordState : std::uint32_t {
    Free = 0,     // never used, or folded and released
    Claiming = 1, // a process holds its OFD lock and is filling in the identity
    Active = 2,   // attached; alive exactly while its OFD lock on byte `index` is held
    Exited = 3,   // detached cleanly; counters kept for display until the record is reused
    Dead = 4,     // its owner died and its claims were repaired; counters kept until reuse
};

// What a process is doing, in the terms the GUI shows.
enum class Activity : std::uint32_t {
    Starting = 0,
    Running = 1,
    Paused = 2,
    BlockedNoSlot = 3,   // producer: no free slot (backpressure)
    BlockedNoData = 4,   // consumer: nothing to read
    WaitingLock = 5,
    InCriticalSection = 6,
    Exiting = 7,
    Writing = 8,         // copying into a slot
    Reading = 9,         // copying out of a slot
};

// Counter indices in StatsRecord::counters. Names (counterName()) are docs/CLI.md's JSON names.
enum class Counter : std::uint32_t {
    Messages = 0,        // messages committed (producer) or delivered (consumer)
    Bytes,               // payload bytes of those messages
    LockAcquires,        // lock or semaphore acquisitions
    LockContended,       // acquisitions that had to wait
    CasRetries,          // failed compare-exchange attempts (lock-free rings)
    WaitNs,              // time blocked on a lock, a slot or data
    HoldNs,              // time inside critical sections
    Drops,               // producer: messages dropped by drop-newest / drop-oldest
    Overrun,             // broadcast consumer: messages overwritten before it read them
    Gaps,                // consumer: sequence numbers never seen (sole-consumer cases only)
    Reordered,           // consumer: a sequence number lower than one already seen
    Corrupt,             // consumer: a header or checksum that failed validation
    LostToCrash,         // slots abandoned by a dead process and skipped
    Incomplete,          // chunked messages whose producer died or abandoned them
    Chunks,              // chunks written or read
    Reassembled,         // multi-chunk messages reassembled
    BytesUncompressed,   // codec input (producer) / output (consumer)
    BytesCompressed,     // codec output (producer) / input (consumer)
    CodecNs,             // time spent compressing or decompressing
    LockRecoveries,      // robust-mutex EOWNERDEAD repairs performed
    Blocked,             // times the process had to wait for a slot or data
    PermitsHeld,         // semaphore strategy, a gauge: 1 while the process holds a permit it took
                         // (empty: producer; full: consumer) and has not yet passed on; a dead
                         // process's non-zero value is a slot leaked (docs/PROTOCOL.md, semaphore)
    Count_
};
inline constexpr std::uint32_t kCounterCount = static_cast<std::uint32_t>(Counter::Count_);
inline constexpr std::uint32_t kCounterSlots = 31; // the 32nd 8-byte slot holds `program` (1.4)
static_assert(kCounterCount <= kCounterSlots);

// One record per attached process. The owner is the only writer of its record (single-writer
// counters: relaxed load + relaxed store, never read-modify-write); a repairer folding a dead
// record writes the departed record under the repair mutex. Monitors read with relaxed loads.
struct alignas(kCacheLine) StatsRecord {
    AtomicU32 state;                 // RecordState; Free->Claiming by CAS (claimer), then owner (release)
    AtomicU32 incarnation;           // claimer: incremented at every claim, before Active
    AtomicU32 pid;                   // owner
    AtomicU32 role;                  // owner: Role
    AtomicU32 activity;              // owner, relaxed: Activity
    AtomicU32 closed;                // producer: 1 after last_sequence is final (release)
    AtomicU32 applied_generation;    // owner: last control generation applied (release)
    AtomicU32 message_bytes;         // owner: current --msg-size, saturated at 4 GiB - 1
    AtomicU64 started_ns;            // owner: CLOCK_MONOTONIC at claim
    AtomicU64 heartbeat_ns;          // owner: CLOCK_MONOTONIC, ~10 Hz; display only
    AtomicU64 last_sequence;         // producer: highest committed sequence (release)
    AtomicU64 rate_hz;               // owner: current target rate, 0 = max
    AtomicU64 counters[kCounterSlots];       // owner: indexed by Counter
    AtomicU32 program;               // claimer, before Active: Program (since 1.4; was counter slot 31,
                                     // always zero, so older claimers leave Application)
    AtomicU32 reserved_program;      // zero
    AtomicU64 wait_hist[kHistogramBuckets];  // owner: log2(ns) of each wait, batched
    AtomicU64 latency_hist[kHistogramBuckets]; // consumer: log2(ns) commit→delivery, batched
};
static_assert(offsetof(StatsRecord, counters) == 64);
static_assert(offsetof(StatsRecord, program) == 312);
static_assert(offsetof(StatsRecord, wait_hist) == 320);
static_assert(sizeof(StatsRecord) == 1344);
static_assert(sizeof(StatsRecord) % kCacheLine == 0);

// ---------------------------------------------------------------------------------------------
// Ring control: indices, owners, event counts and the locks of every strategy. Each group sits on
// its own 128-byte block so that the producer's and the consumer's hot fields never share lines.

// A futex-backed event count (docs/PROTOCOL.md, waiting and waking). `sequence` is the futex word.
struct EventCountWord {
    AtomicU32 sequence;   // waker: incremented (seq_cst) before FUTEX_WAKE when waiters > 0
    AtomicU32 waiters;    // each sleeper: +1 before re-checking its condition, -1 after waking
};

inline constexpr std::size_t kPthreadMutexBytes = 40;
inline constexpr std::size_t kSemBytes = 32;
inline constexpr std::size_t kBoostMutexBytes = 64;
inline constexpr std::size_t kBoostConditionBytes = 64;

struct alignas(kIndexSeparation) IndexBlock {
    AtomicU64 position;       // producer block: head / enqueue position; consumer block: tail / dequeue
                              // (spsc consumer: released in batches, release; see `delivered`)
    AtomicU32 owner;          // spsc: packOwner(record, incarnation) of the role owner; 0 = none
    AtomicU32 owner_pid;      // spsc: pid of the owner (display and messages)
    // spsc consumer block only, on the block's second line (nobody polls it): the position after
    // the last message handed to the application (release, per message). Between `position` and
    // `head`; slots in [position, delivered) are read but not yet given back. A successor consumer
    // resumes here, so batching the release redelivers nothing. Since version 1.2.
    alignas(kCacheLine) AtomicU64 delivered;
};
static_assert(offsetof(IndexBlock, delivered) == 64);

struct alignas(kIndexSeparation) LockBlock {
    alignas(8) std::uint8_t mutex[kPthreadMutexBytes]; // robust process-shared pthread mutex
    AtomicU32 holder;         // packOwner() of the holder, 0 = free (holder, after locking)
    AtomicU32 holder_pid;     // holder pid, for "lock held by dead process N"
};

struct alignas(kIndexSeparation) RingControl {
    IndexBlock producer;      // 0
    IndexBlock consumer;      // 128
    alignas(kIndexSeparation) EventCountWord data;   // 256: producers wake consumers
    alignas(kIndexSeparation) EventCountWord space;  // 384: consumers wake producers
    LockBlock ring_lock;      // 512: mutex strategy; semaphore/boost strategies use holder fields
    LockBlock repair_lock;    // 640: serialises crash repair and record folding
    alignas(kIndexSeparation) std::uint8_t sem_empty[kSemBytes]; // 768: semaphore strategy
    std::uint8_t sem_full[kSemBytes];
    std::uint8_t sem_mutex[kSemBytes];
    alignas(kIndexSeparation) std::uint8_t boost_mutex[kBoostMutexBytes]; // 896
    std::uint8_t boost_not_full[kBoostConditionBytes];
    alignas(kIndexSeparation) std::uint8_t boost_not_empty[kBoostConditionBytes]; // 1024
    // Channel-wide, rarely written (1152).
    alignas(kIndexSeparation) AtomicU64 high_water_slots; // producers: max occupancy seen (CAS max)
    AtomicU64 producer_joins;  // each producer at attach (fetch_add): consumers know producers came
    AtomicU64 consumer_joins;  // each consumer at attach (fetch_add): for sole-consumer gap counting
    AtomicU64 live_count;      // occupied slots for lock-based strategies (under their lock)
    AtomicU64 broadcast_cursors; // broadcast: bit i set while record i's consumer cursor is active
};
static_assert(offsetof(RingControl, consumer) == 128);
static_assert(offsetof(RingControl, data) == 256);
static_assert(offsetof(RingControl, space) == 384);
static_assert(offsetof(RingControl, ring_lock) == 512);
static_assert(offsetof(RingControl, repair_lock) == 640);
static_assert(offsetof(RingControl, sem_empty) == 768);
static_assert(offsetof(RingControl, boost_mutex) == 896);
static_assert(offsetof(RingControl, boost_not_empty) == 1024);
static_assert(offsetof(RingControl, high_water_slots) == 1152);
static_assert(sizeof(RingControl) == 1280);

// Owner words (docs/PROTOCOL.md, liveness): the record and the low 24 bits of its incarnation,
// 0 meaning nobody. Pure functions, as are the slot-word helpers below: any process, any thread.
inline constexpr std::uint32_t packOwner(std::uint32_t record, std::uint32_t incarnation)
{
    return ((incarnation & 0xFFFFFFu) << 8) | ((record + 1u) & 0xFFu);
}
// The record of a non-zero owner word.
inline constexpr std::uint32_t ownerRecord(std::uint32_t packed) { return (packed & 0xFFu) - 1u; }

// Slot states, as the heat map shows them.
enum class SlotState : std::uint32_t {
    Free = 0,
    Writing = 1,
    Ready = 2,
    Reading = 3,
    Abandoned = 4,
    // mpmc runs (docs/PROTOCOL.md, runs): the first slot of a run of slots reserved in one index
    // advance, while the run is reserved and written, once all of it is published, and while the
    // one consumer that took it reads it.
    WritingRun = 5,
    ReadyRun = 6,
    ReadingRun = 7,
};

// The textbook state a slot shows (heat map, snapshots): a run's first slot shows as its peers.
inline constexpr SlotState displayState(SlotState state)
{
    switch (state) {
    case SlotState::WritingRun: return SlotState::Writing;
    case SlotState::ReadyRun: return SlotState::Ready;
    case SlotState::ReadingRun: return SlotState::Reading;
    default: return state;
    }
}

// One per slot, each on its own cache line. For mpmc, `word` is the claim word of the protocol:
//   bits 63..10 lap (position >> log2(slot_count)), bits 9..7 SlotState, bits 6..0 claimant record
//   (kNoRecordSlot = none). Claimed by CAS, published with release, observed with acquire.
// Lock-based strategies store the state under their lock, for display only.
struct alignas(kCacheLine) SlotDescriptor {
    AtomicU64 word;
    // Slots in the run this slot starts (a chunked message's slots taken together by one queue
    // consumer); 1 for a lone slot. mpmc: written before the release that publishes ReadyRun;
    // lock-based rings: written under the lock. Untrusted: readers bound it by what the ring holds.
    AtomicU32 run_slots;
};
static_assert(sizeof(SlotDescriptor) == kCacheLine);

inline constexpr std::uint64_t kNoRecordSlot = 0x7F;

// Broadcast delivery: one read cursor per consumer record. The consumer is the only writer of
// `position` (release after it has finished with a message); the producer reads all active
// cursors (acquire) to find the slowest one it must not overtake under `block`.
struct alignas(kCacheLine) BroadcastCursor {
    AtomicU64 position;        // consumer: next position it will read
    AtomicU32 owner;           // consumer: packOwner() while active, 0 when gone (repair clears it)
};
static_assert(sizeof(BroadcastCursor) == kCacheLine);

// Broadcast slots are seqlocks: the descriptor word is 2p+1 while position p is being written
// and 2p+2 once it is published (release). A reader checks the word before and after copying.
inline constexpr std::uint64_t broadcastWriting(std::uint64_t position) { return 2 * position + 1; }
inline constexpr std::uint64_t broadcastPublished(std::uint64_t position) { return 2 * position + 2; }
// The mpmc claim word of SlotDescriptor::word and its fields.
inline constexpr std::uint64_t makeSlotWord(std::uint64_t lap, SlotState state, std::uint64_t record)
{
    return (lap << 10) | (static_cast<std::uint64_t>(state) << 7) | (record & 0x7F);
}
inline constexpr std::uint64_t slotWordLap(std::uint64_t word) { return word >> 10; }
inline constexpr SlotState slotWordState(std::uint64_t word)
{
    return static_cast<SlotState>((word >> 7) & 0x7);
}
inline constexpr std::uint32_t slotWordRecord(std::uint64_t word)
{
    return static_cast<std::uint32_t>(word & 0x7F);
}

// ---------------------------------------------------------------------------------------------
// The 64-byte header at the start of every slot. Written by the producer before publishing; a
// consumer copies it to a local and validates every field before trusting it.
inline constexpr std::uint32_t kMsgCompressed = 1u;
inline constexpr std::uint32_t kMsgLastChunk = 2u;
inline constexpr std::uint32_t kMsgAbandoned = 4u;
// Relayed from another channel (shmscope-bridge, docs/BRIDGE.md): producer_record, incarnation
// and sequence name the message's origin on that channel, not a record of this one, so a
// consumer never judges the partial message by this channel's record liveness (since 1.3).
inline constexpr std::uint32_t kMsgRelayed = 8u;

struct MessageHeader {
    std::uint16_t producer_record;   // stats record index of the producer (u32 before 2.0)
    std::uint16_t flags;             // kMsg* (u32 at offset 36 before 2.0)
    std::uint32_t incarnation;       // of that record
    std::uint64_t sequence;          // per producer incarnation, from 1
    std::uint32_t chunk_index;       // 0-based
    std::uint32_t chunk_count;       // >= 1
    std::uint64_t total_length;      // whole message, uncompressed
    std::uint32_t payload_length;    // bytes in this slot (<= slot_payload_bytes)
    // Written by the ring, never by the caller (push and commit ignore it): spsc stores
    // spscStamp(position) here with release after everything else in the slot, and its consumer
    // learns of the message from it (since 2.0); other rings leave it zero.
    std::uint32_t stamp;
    std::uint64_t commit_ns;         // CLOCK_MONOTONIC when committed
    std::uint64_t chunk_checksum;    // xxh3-64 of the payload bytes in this slot (0 without checksums)
    std::uint64_t message_checksum;  // last chunk: xxh3-64 of the whole uncompressed message
};
static_assert(sizeof(MessageHeader) == kMessageHeaderBytes);
static_assert(offsetof(MessageHeader, flags) == 2);
static_assert(offsetof(MessageHeader, incarnation) == 4);
static_assert(offsetof(MessageHeader, payload_length) == 32);
static_assert(offsetof(MessageHeader, stamp) == 36);
static_assert(offsetof(MessageHeader, commit_ns) == 40);

// The spsc stamp of the message at ring position p: the low 32 bits of p + 1, the absolute
// position and not a flag, so a slot still holding the previous lap's message (p + 1 − slot_count,
// slot_count <= 2^20) or a fresh slot (0, since p + 1 ≡ 0 only at p = 2^32 − 1, long after every
// slot was written) never passes for the next one.
inline constexpr std::uint32_t spscStamp(std::uint64_t position)
{
    return static_cast<std::uint32_t>(position + 1);
}

// ---------------------------------------------------------------------------------------------
// Control object (/shmscope.<ch>.ctl): written by one controller (the GUI), read by workers as
// untrusted input. A worker applies its entry when `generation` changes.
struct ControlHeader {
    char magic[8];                   // creator, stored last (release)
    std::uint16_t version_major;
    std::uint16_t version_minor;
    std::uint32_t entries;           // kMaxRecords
    std::uint64_t data_created_ns;   // the data object's created_ns: pairs the two objects
    AtomicU32 pause_all;             // controller: channel-wide pause (relaxed)
    std::uint8_t reserved[36];
};
static_assert(sizeof(ControlHeader) == 64);

inline constexpr std::uint32_t kControlRate = 1u;      // rate_hz is set
inline constexpr std::uint32_t kControlMsgSize = 2u;   // message_bytes is set
inline constexpr std::uint32_t kControlHold = 4u;      // hold_ms is set

struct alignas(kCacheLine) ControlEntry {
    AtomicU64 rate_hz;               // controller: messages per second, 0 = max
    AtomicU64 message_bytes;         // controller: payload bytes per message
    AtomicU32 fields;                // controller: kControl* bits of the values that are set
    AtomicU32 paused;                // controller: 1 = paused
    AtomicU32 step_tokens;           // controller: while paused, each token lets one message through
    AtomicU32 hold_ms;               // controller: stay this long in each critical section
    AtomicU32 generation;            // controller: +1 after each change (release); worker acquires
    std::uint8_t reserved[28];
};
static_assert(sizeof(ControlEntry) == 64);

inline constexpr std::size_t kControlObjectBytes = 8192; // header + 64 entries, page-rounded
static_assert(sizeof(ControlHeader) + kMaxRecords * sizeof(ControlEntry) <= kControlObjectBytes);

} // namespace shmscope
