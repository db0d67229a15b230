// Channel parameters, their names on the command line, and their static limits (docs/CLI.md).
// Pure functions of their arguments: any process, any thread. Names are the command line's and
// the JSON output's; a value without a name reads "unknown", text without a value std::nullopt.
#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shmscope {

inline constexpr std::uint64_t KiB = 1024;
inline constexpr std::uint64_t MiB = 1024 * KiB;
inline constexpr std::uint64_t GiB = 1024 * MiB;
inline constexpr std::uint64_t TiB = 1024 * GiB;

inline constexpr std::uint32_t kMinSlots = 2;
inline constexpr std::uint32_t kMaxSlots = 1u << 20;
inline constexpr std::uint64_t kMinSlotBytes = 64;
inline constexpr std::uint64_t kMaxSlotBytes = 1 * GiB;
inline constexpr std::uint64_t kMinMessageBytes = 1;
inline constexpr std::uint64_t kMaxMessageBytes = 64 * GiB;
inline constexpr std::uint64_t kMaxRateHz = 1'000'000'000;
inline constexpr std::uint32_t kMaxHoldMs = 10'000;

// The parameters fixed when a channel is created. When attaching, only the ones given are
// compared against the header; the rest are read from it.
struct ChannelParams {
    SyncKind sync = SyncKind::Spsc;
    Delivery delivery = Delivery::Queue;
    Backpressure backpressure = Backpressure::Block;
    ChecksumKind checksum = ChecksumKind::Xxh3;
    TransportKind transport = TransportKind::Shm;
    std::uint32_t slotCount = 8;
    std::uint64_t slotPayloadBytes = 1 * MiB;
    std::uint32_t mode = 0600;
    bool hugepages = false;

    bool operator==(const ChannelParams&) const = default;
};

// Which parameters the user gave explicitly (compared on attach).
struct GivenParams {
    bool sync = false, delivery = false, backpressure = false, checksum = false, transport = false,
         slotCount = false, slotPayloadBytes = false, mode = false, hugepages = false;
};

// Rejects the combinations docs/PROTOCOL.md's table does not allow (an ErrorCode::Usage error);
// `zeroCopy` and `compress`: the endpoint will loan or view slots, or compress chunks.
Status validateCombination(const ChannelParams& params, bool zeroCopy, bool compress);

// Static limits on each parameter (an ErrorCode::Usage error naming the flag).
Status validateLimits(const ChannelParams& params);

// `[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}`, no "..", not ending in ".ctl" (else an
// ErrorCode::Usage error saying which rule it breaks).
Status validateChannelName(std::string_view name);

// Unsigned decimal with an optional 1024-based suffix: K, M, G, T, KiB, MiB, GiB, TiB (also B);
// std::nullopt for anything else or a value beyond 2^64 - 1.
std::optional<std::uint64_t> parseSize(std::string_view text);

// Non-negative decimal seconds ("2", "0.5"), at most 10^9; std::nullopt for anything else.
std::optional<double> parseSeconds(std::string_view text);

std::string_view syncName(SyncKind sync);
std::string_view deliveryName(Delivery delivery);
std::string_view backpressureName(Backpressure backpressure);
std::string_view checksumName(ChecksumKind checksum);
std::string_view transportName(TransportKind transport);
std::string_view roleName(Role role);
std::string_view programName(Program program);     // "application", "bridge"
std::string_view counterName(Counter counter);     // docs/CLI.md JSON name
std::string_view activityName(Activity activity);  // stable identifier ("blocked-no-slot")
std::string_view slotStateName(SlotState state);

std::optional<SyncKind> parseSync(std::string_view text);
std::optional<Delivery> parseDelivery(std::string_view text);
std::optional<Backpressure> parseBackpressure(std::string_view text);
std::optional<ChecksumKind> parseChecksum(std::string_view text);
std::optional<TransportKind> parseTransport(std::string_view text);

// "1.5 MiB", "64 B": IEC units for messages.
std::string formatBytes(std::uint64_t bytes);

} // namespace shmscope
