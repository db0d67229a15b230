#include "report.hpp"

#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"

#include <cinttypes>
#include <cstdio>

namespace shmscope::bridge {
namespace {

std::string summaryJson(const BridgeSummary& s) {
    return cli::JsonObject()
        .str("event", "summary")
        .str("role", directionName(s.direction))
        .str("endpoint", s.endpoint)
        .u64("messages", s.messages)
        .u64("bytes", s.bytes)
        .u64("frames", s.frames)
        .f64("seconds", s.seconds)
        .f64("msgs_per_s", cli::perSecond(s.messages, s.seconds))
        .f64("bytes_per_s", cli::perSecond(s.bytes, s.seconds))
        .u64("drops", s.drops)
        .u64("corrupt", s.corrupt)
        .u64("rejected", s.rejected)
        .u64("lost", s.lost)
        .u64("abandoned", s.abandoned)
        .u64("disconnects", s.disconnects)
        .raw("producers", cli::talliesJson(s.producers))
        .text();
}

std::string summaryText(const BridgeSummary& s, std::string_view channel) {
    char line[512];
    std::string text;
    text += cli::concat(directionName(s.direction), " on ", channel, " via ", s.endpoint, ": ",
                        cli::throughputText(s.messages, s.bytes, s.seconds), "\n");
    std::snprintf(line, sizeof line,
                  "  frames %" PRIu64 ", drops %" PRIu64 ", corrupt %" PRIu64 ", rejected %" PRIu64
                  ", lost %" PRIu64 ", abandoned %" PRIu64 ", disconnects %" PRIu64 "\n",
                  s.frames, s.drops, s.corrupt, s.rejected, s.lost, s.abandoned, s.disconnects);
    text += line;
    text += cli::talliesText(s.producers);
    return text;
}

} // namespace

std::string_view directionName(Direction direction) {
    return direction == Direction::Send ? "bridge-send" : "bridge-receive";
}

void Report::ready(std::uint32_t pid, Direction direction, std::string_view channel,
                   std::uint32_t record, std::string_view endpoint) const {
    if (!json_)
        return;
    cli::writeLine(cli::readyEvent(pid, directionName(direction), channel, record)
                       .str("endpoint", endpoint)
                       .text());
}

void Report::notice(std::string_view text) const { cli::printLine(kProgram, text); }

void Report::connected(std::string_view peer) const {
    if (json_)
        cli::writeLine(cli::JsonObject().str("event", "connected").str("peer", peer).text());
}

void Report::summary(const BridgeSummary& summary, std::string_view channel) const {
    if (json_)
        cli::writeLine(summaryJson(summary));
    else
        cli::writeText(summaryText(summary, channel));
}

} // namespace shmscope::bridge
