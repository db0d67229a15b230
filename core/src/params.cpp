#include "shmscope/params.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <utility>

namespace shmscope {
namespace {

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N>& table, Enum value)
{
    for (const auto& [e, name] : table)
        if (e == value) return name;
    return "unknown";
}

template <typename Enum, std::size_t N>
std::optional<Enum> parseOf(const std::array<std::pair<Enum, std::string_view>, N>& table,
                            std::string_view text)
{
    for (const auto& [e, name] : table)
        if (name == text) return e;
    return std::nullopt;
}

constexpr std::array<std::pair<SyncKind, std::string_view>, 6> kSyncNames{{
    {SyncKind::Spsc, "spsc"},
    {SyncKind::Mpmc, "mpmc"},
    {SyncKind::Mutex, "mutex"},
    {SyncKind::Semaphore, "semaphore"},
    {SyncKind::BoostMutex, "boost-mutex"},
    {SyncKind::None, "none"},
}};
constexpr std::array<std::pair<Delivery, std::string_view>, 2> kDeliveryNames{{
    {Delivery::Queue, "queue"},
    {Delivery::Broadcast, "broadcast"},
}};
constexpr std::array<std::pair<Backpressure, std::string_view>, 3> kBackpressureNames{{
    {Backpressure::Block, "block"},
    {Backpressure::DropNewest, "drop-newest"},
    {Backpressure::DropOldest, "drop-oldest"},
}};
constexpr std::array<std::pair<ChecksumKind, std::string_view>, 2> kChecksumNames{{
    {ChecksumKind::None, "none"},
    {ChecksumKind::Xxh3, "xxh3"},
}};
constexpr std::array<std::pair<TransportKind, std::string_view>, 2> kTransportNames{{
    {TransportKind::Shm, "shm"},
    {TransportKind::File, "file"},
}};
constexpr std::array<std::pair<Role, std::string_view>, 3> kRoleNames{{
    {Role::None, "none"},
    {Role::Producer, "producer"},
    {Role::Consumer, "consumer"},
}};
constexpr std::array<std::pair<Program, std::string_view>, 2> kProgramNames{{
    {Program::Application, "application"},
    {Program::Bridge, "bridge"},
}};
constexpr std::array<std::pair<Counter, std::string_view>, kCounterCount> kCounterNames{{
    {Counter::Messages, "messages"},
    {Counter::Bytes, "bytes"},
    {Counter::LockAcquires, "lock_acquires"},
    {Counter::LockContended, "lock_contended"},
    {Counter::CasRetries, "cas_retries"},
    {Counter::WaitNs, "wait_ns"},
    {Counter::HoldNs, "hold_ns"},
    {Counter::Drops, "drops"},
    {Counter::Overrun, "overrun"},
    {Counter::Gaps, "gaps"},
    {Counter::Reordered, "reordered"},
    {Counter::Corrupt, "corrupt"},
    {Counter::LostToCrash, "lost_to_crash"},
    {Counter::Incomplete, "incomplete"},
    {Counter::Chunks, "chunks"},
    {Counter::Reassembled, "reassembled"},
    {Counter::BytesUncompressed, "bytes_uncompressed"},
    {Counter::BytesCompressed, "bytes_compressed"},
    {Counter::CodecNs, "codec_ns"},
    {Counter::LockRecoveries, "lock_recoveries"},
    {Counter::Blocked, "blocked"},
    {Counter::PermitsHeld, "permits_held"},
}};
constexpr std::array<std::pair<Activity, std::string_view>, 10> kActivityNames{{
    {Activity::Starting, "starting"},
    {Activity::Running, "running"},
    {Activity::Paused, "paused"},
    {Activity::BlockedNoSlot, "blocked-no-slot"},
    {Activity::BlockedNoData, "blocked-no-data"},
    {Activity::WaitingLock, "waiting-lock"},
    {Activity::InCriticalSection, "in-critical-section"},
    {Activity::Exiting, "exiting"},
    {Activity::Writing, "writing"},
    {Activity::Reading, "reading"},
}};
constexpr std::array<std::pair<SlotState, std::string_view>, 5> kSlotStateNames{{
    {SlotState::Free, "free"},
    {SlotState::Writing, "writing"},
    {SlotState::Ready, "ready"},
    {SlotState::Reading, "reading"},
    {SlotState::Abandoned, "abandoned"},
}};

bool isPowerOfTwo(std::uint64_t v) { return v != 0 && (v & (v - 1)) == 0; }

} // namespace

std::string_view syncName(SyncKind v) { return nameOf(kSyncNames, v); }
std::string_view deliveryName(Delivery v) { return nameOf(kDeliveryNames, v); }
std::string_view backpressureName(Backpressure v) { return nameOf(kBackpressureNames, v); }
std::string_view checksumName(ChecksumKind v) { return nameOf(kChecksumNames, v); }
std::string_view transportName(TransportKind v) { return nameOf(kTransportNames, v); }
std::string_view roleName(Role v) { return nameOf(kRoleNames, v); }
std::string_view programName(Program v) { return nameOf(kProgramNames, v); }
std::string_view counterName(Counter v) { return nameOf(kCounterNames, v); }
std::string_view activityName(Activity v) { return nameOf(kActivityNames, v); }
std::string_view slotStateName(SlotState v) { return nameOf(kSlotStateNames, v); }

std::optional<SyncKind> parseSync(std::string_view t) { return parseOf(kSyncNames, t); }
std::optional<Delivery> parseDelivery(std::string_view t) { return parseOf(kDeliveryNames, t); }
std::optional<Backpressure> parseBackpressure(std::string_view t)
{
    return parseOf(kBackpressureNames, t);
}
std::optional<ChecksumKind> parseChecksum(std::string_view t) { return parseOf(kChecksumNames, t); }
std::optional<TransportKind> parseTransport(std::string_view t)
{
    return parseOf(kTransportNames, t);
}

Status validateCombination(const ChannelParams& p, bool zeroCopy, bool compress)
{
    const auto reject = [&](std::string why) {
        return Status(makeError(ErrorCode::Usage, std::move(why)));
    };
    if (zeroCopy && compress) return reject("--zero-copy cannot be combined with --compress");
    if (p.delivery == Delivery::Broadcast) {
        if (p.sync != SyncKind::Spsc)
            return reject("--delivery broadcast uses its own ring: omit --sync or use spsc");
        if (p.backpressure == Backpressure::DropNewest)
            return reject("--delivery broadcast allows --backpressure block or drop-oldest");
        return {};
    }
    switch (p.sync) {
    case SyncKind::Spsc:
    case SyncKind::Mpmc:
        if (p.backpressure == Backpressure::DropOldest)
            return reject(std::string("--sync ") + std::string(syncName(p.sync)) +
                          " allows --backpressure block or drop-newest");
        return {};
    case SyncKind::Mutex:
        return {};
    case SyncKind::Semaphore:
    case SyncKind::BoostMutex:
    case SyncKind::None:
        if (p.backpressure != Backpressure::Block)
            return reject(std::string("--sync ") + std::string(syncName(p.sync)) +
                          " allows only --backpressure block");
        if (zeroCopy)
            return reject(std::string("--sync ") + std::string(syncName(p.sync)) +
                          " does not support --zero-copy");
        return {};
    }
    return reject("--sync: unknown strategy");
}

Status validateLimits(const ChannelParams& p)
{
    if (p.slotCount < kMinSlots || p.slotCount > kMaxSlots || !isPowerOfTwo(p.slotCount))
        return makeError(ErrorCode::Usage, "--slots: must be a power of two from 2 to 1048576");
    if (p.slotPayloadBytes < kMinSlotBytes || p.slotPayloadBytes > kMaxSlotBytes ||
        p.slotPayloadBytes % 64 != 0)
        return makeError(ErrorCode::Usage,
                         "--slot-size: must be a multiple of 64 from 64 B to 1 GiB");
    if (p.mode > 0777 || (p.mode & 0600) != 0600)
        return makeError(ErrorCode::Usage,
                         "--mode: must be octal permissions that include owner read and write");
    return {};
}

Status validateChannelName(std::string_view name)
{
    const auto bad = [](std::string why) { return Status(makeError(ErrorCode::Usage, std::move(why))); };
    if (name.empty()) return bad("--channel: empty name");
    if (name.size() > 200) return bad("--channel: longer than 200 characters");
    const auto allowed = [](char c, bool first) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
        if (c == '_' || c == '-') return true;
        return !first && c == '.';
    };
    for (std::size_t i = 0; i < name.size(); ++i)
        if (!allowed(name[i], i == 0))
            return bad(i == 0 && name[i] == '.'
                           ? "--channel: must not start with '.'"
                           : "--channel: only letters, digits, '.', '_' and '-' are allowed");
    if (name.find("..") != std::string_view::npos) return bad("--channel: must not contain '..'");
    if (name.size() >= 4 && name.substr(name.size() - 4) == ".ctl")
        return bad("--channel: must not end in '.ctl'");
    return {};
}

std::optional<std::uint64_t> parseSize(std::string_view text)
{
    std::uint64_t value = 0;
    const char* begin = text.data();
    const char* end = text.data() + text.size();
    if (begin == end || *begin < '0' || *begin > '9') return std::nullopt;
    const auto [ptr, ec] = std::from_chars(begin, end, value);
    if (ec != std::errc{}) return std::nullopt;
    const std::string_view suffix(ptr, static_cast<std::size_t>(end - ptr));
    struct Unit {
        std::string_view a, b;
        std::uint64_t factor;
    };
    static constexpr std::array<Unit, 5> kUnits{{
        {"", "B", 1}, {"K", "KiB", KiB}, {"M", "MiB", MiB}, {"G", "GiB", GiB}, {"T", "TiB", TiB},
    }};
    for (const Unit& unit : kUnits) {
        if (suffix == unit.a || suffix == unit.b) {
            if (value != 0 && unit.factor > UINT64_MAX / value) return std::nullopt;
            return value * unit.factor;
        }
    }
    return std::nullopt;
}

std::optional<double> parseSeconds(std::string_view text)
{
    if (text.empty() || text.size() > 32) return std::nullopt;
    for (char c : text)
        if (!((c >= '0' && c <= '9') || c == '.')) return std::nullopt;
    double value = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(value))
        return std::nullopt;
    if (value > 1e9) return std::nullopt;
    return value;
}

std::string formatBytes(std::uint64_t bytes)
{
    static constexpr std::array<std::string_view, 5> kNames{"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    std::size_t unit = 0;
    while (value >= 1024.0 && unit + 1 < kNames.size()) {
        value /= 1024.0;
        ++unit;
    }
    char text[48];
    if (unit == 0)
        std::snprintf(text, sizeof text, "%llu B", static_cast<unsigned long long>(bytes));
    else
        std::snprintf(text, sizeof text, "%.1f %s", value, kNames[unit].data());
    return text;
}

} // namespace shmscope
