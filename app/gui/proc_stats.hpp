// CPU use and context switches of a process, from /proc (not from the stats record).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

namespace shmscope::gui {

struct ProcUsage {
    double cpuPercent = 0; // of one CPU
    double contextSwitchesPerSecond = 0;
};

class ProcStats {
public:
    // Reads /proc for `pid` at CLOCK_MONOTONIC `nowNs`; a usage from the second reading on.
    std::optional<ProcUsage> sample(std::uint32_t pid, std::uint64_t nowNs);
    [[nodiscard]] std::optional<ProcUsage> last(std::uint32_t pid) const;
    void forget(std::uint32_t pid) { readings_.erase(pid); }

private:
    struct Reading {
        std::uint64_t takenNs = 0;
        std::uint64_t cpuTicks = 0;
        std::uint64_t switches = 0;
        std::optional<ProcUsage> usage;
    };
    std::map<std::uint32_t, Reading> readings_;
};

} // namespace shmscope::gui
