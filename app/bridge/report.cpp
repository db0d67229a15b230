#include "report.hpp"

#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace shmscope::bridge {
namespace {

double perSecond(std::uint64_t amount, double seconds) {
    return seconds > 0.0 ? static_cast<double>(amount) / seconds : 0.0;
}

std::string hex64(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, value);
    return text;
}

void writeLine(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

std::string summaryJson(const BridgeSummary& s) {
    cli::JsonArray producers;
    for (const worker::ProducerTally& tally : s.producers) {
        producers.raw(cli::JsonObject()
                          .u64("record", tally.record)
                          .u64("incarnation", tally.incarnation)
                          .u64("first", tally.first)
                          .u64("last", tally.last)
                          .u64("count", tally.count)
                          .str("digest", hex64(tally.digest))
                          .text());
    }
    return cli::JsonObject()
        .str("event", "summary")
        .str("role", directionName(s.direction))
        .str("endpoint", s.endpoint)
        .u64("messages", s.messages)
        .u64("bytes", s.bytes)
        .u64("frames", s.frames)
        .f64("seconds", s.seconds)
        .f64("msgs_per_s", perSecond(s.messages, s.seconds))
        .f64("bytes_per_s", perSecond(s.bytes, s.seconds))
        .u64("drops", s.drops)
        .u64("corrupt", s.corrupt)
        .u64("rejected", s.rejected)
        .u64("lost", s.lost)
        .u64("abandoned", s.abandoned)
        .u64("disconnects", s.disconnects)
        .raw("producers", producers.text())
        .text();
}

std::string summaryText(const BridgeSummary& s, std::string_view channel) {
    char line[512];
    std::string text;
    std::snprintf(line, sizeof line,
                  "%s on %.*s via %s: %" PRIu64 " messages, %s in %.3f s (%.0f msg/s, %s/s)\n",
                  std::string(directionName(s.direction)).c_str(),
                  static_cast<int>(channel.size()), channel.data(), s.endpoint.c_str(),
                  s.messages, formatBytes(s.bytes).c_str(), s.seconds,
                  perSecond(s.messages, s.seconds),
                  formatBytes(static_cast<std::uint64_t>(perSecond(s.bytes, s.seconds))).c_str());
    text += line;
    std::snprintf(line, sizeof line,
                  "  frames %" PRIu64 ", drops %" PRIu64 ", corrupt %" PRIu64 ", rejected %" PRIu64
                  ", lost %" PRIu64 ", abandoned %" PRIu64 ", disconnects %" PRIu64 "\n",
                  s.frames, s.drops, s.corrupt, s.rejected, s.lost, s.abandoned, s.disconnects);
    text += line;
    for (const worker::ProducerTally& tally : s.producers) {
        std::snprintf(line, sizeof line,
                      "  producer record %u incarnation %u: sequences %" PRIu64 " … %" PRIu64
                      ", %" PRIu64 " messages, digest %s\n",
                      tally.record, tally.incarnation, tally.first, tally.last, tally.count,
                      hex64(tally.digest).c_str());
        text += line;
    }
    return text;
}

} // namespace

std::string_view directionName(Direction direction) {
    return direction == Direction::Send ? "bridge-send" : "bridge-receive";
}

void OriginTallies::add(std::uint32_t record, std::uint32_t incarnation,
                        std::uint64_t sequence) {
    const std::uint64_t key = (std::uint64_t{record} << 32) | incarnation;
    auto [it, inserted] = index_.try_emplace(key, tallies_.size());
    if (inserted)
        tallies_.push_back(worker::ProducerTally{record, incarnation});
    tallies_[it->second].add(sequence);
}

std::vector<worker::ProducerTally> OriginTallies::sorted() const {
    std::vector<worker::ProducerTally> result = tallies_;
    std::sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
        return a.record != b.record ? a.record < b.record : a.incarnation < b.incarnation;
    });
    return result;
}

void Report::ready(std::uint32_t pid, Direction direction, std::string_view channel,
                   std::uint32_t record, std::string_view endpoint) const {
    if (!json_)
        return;
    writeLine(cli::JsonObject()
                  .str("event", "ready")
                  .u64("pid", pid)
                  .str("role", directionName(direction))
                  .str("channel", channel)
                  .u64("record", record)
                  .str("endpoint", endpoint)
                  .text());
}

void Report::notice(std::string_view text) const { cli::printLine(kProgram, text); }

void Report::connected(std::string_view peer) const {
    if (json_)
        writeLine(cli::JsonObject().str("event", "connected").str("peer", peer).text());
}

void Report::summary(const BridgeSummary& summary, std::string_view channel) const {
    if (json_) {
        writeLine(summaryJson(summary));
        return;
    }
    const std::string text = summaryText(summary, channel);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

} // namespace shmscope::bridge
