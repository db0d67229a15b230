#include "proc_stats.hpp"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <unistd.h>

namespace shmscope::gui {
namespace {

std::optional<QByteArray> readProc(std::uint32_t pid, const char* file) {
    QFile proc(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(file)));
    if (!proc.open(QIODevice::ReadOnly))
        return std::nullopt;
    return proc.readAll();
}

// utime + stime, fields 14 and 15 of /proc/PID/stat (after the parenthesised command name).
std::optional<std::uint64_t> cpuTicks(std::uint32_t pid) {
    const auto stat = readProc(pid, "stat");
    if (!stat)
        return std::nullopt;
    const qsizetype close = stat->lastIndexOf(')');
    if (close < 0)
        return std::nullopt;
    const QList<QByteArray> fields = stat->mid(close + 2).split(' ');
    constexpr int kUtime = 11; // field 14, counted from field 3 (state)
    if (fields.size() <= kUtime + 1)
        return std::nullopt;
    return fields[kUtime].toULongLong() + fields[kUtime + 1].toULongLong();
}

std::optional<std::uint64_t> contextSwitches(std::uint32_t pid) {
    const auto status = readProc(pid, "status");
    if (!status)
        return std::nullopt;
    std::uint64_t total = 0;
    for (const QByteArray& line : status->split('\n')) {
        if (line.startsWith("voluntary_ctxt_switches:") ||
            line.startsWith("nonvoluntary_ctxt_switches:"))
            total += line.mid(line.indexOf(':') + 1).trimmed().toULongLong();
    }
    return total;
}

} // namespace

std::optional<ProcUsage> ProcStats::sample(std::uint32_t pid, std::uint64_t nowNs) {
    const auto ticks = cpuTicks(pid);
    const auto switches = contextSwitches(pid);
    if (!ticks || !switches) {
        readings_.erase(pid);
        return std::nullopt;
    }
    Reading& reading = readings_[pid];
    if (reading.takenNs != 0 && nowNs > reading.takenNs && *ticks >= reading.cpuTicks) {
        static const double ticksPerSecond = static_cast<double>(::sysconf(_SC_CLK_TCK));
        const double seconds = static_cast<double>(nowNs - reading.takenNs) / 1e9;
        ProcUsage usage;
        usage.cpuPercent =
            100.0 * static_cast<double>(*ticks - reading.cpuTicks) / ticksPerSecond / seconds;
        usage.contextSwitchesPerSecond =
            static_cast<double>(*switches - reading.switches) / seconds;
        reading.usage = usage;
    }
    reading.takenNs = nowNs;
    reading.cpuTicks = *ticks;
    reading.switches = *switches;
    return reading.usage;
}

std::optional<ProcUsage> ProcStats::last(std::uint32_t pid) const {
    const auto it = readings_.find(pid);
    return it == readings_.end() ? std::nullopt : it->second.usage;
}

} // namespace shmscope::gui
