#include "summary.hpp"

#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace shmscope::worker {
namespace {

std::uint64_t splitmix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

double perSecond(std::uint64_t amount, double seconds) {
    return seconds > 0.0 ? static_cast<double>(amount) / seconds : 0.0;
}

std::string hex64(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016" PRIx64, value);
    return text;
}

} // namespace

std::uint64_t messageDigestTerm(std::uint32_t record, std::uint32_t incarnation,
                                std::uint64_t sequence) {
    const std::uint64_t sender = (std::uint64_t{record} << 32) | incarnation;
    return splitmix64(splitmix64(sender) ^ sequence);
}

void ProducerTally::add(std::uint64_t sequence) {
    first = count == 0 ? sequence : std::min(first, sequence);
    last = std::max(last, sequence);
    ++count;
    digest += messageDigestTerm(record, incarnation, sequence);
}

void takeCounters(Summary& summary, const RecordWriter& stats) {
    summary.messages = stats.get(Counter::Messages);
    summary.bytes = stats.get(Counter::Bytes);
    summary.corrupt = stats.get(Counter::Corrupt);
    summary.gaps = stats.get(Counter::Gaps);
    summary.reordered = stats.get(Counter::Reordered);
    summary.drops = stats.get(Counter::Drops);
    summary.overrun = stats.get(Counter::Overrun);
    summary.lostToCrash = stats.get(Counter::LostToCrash);
    summary.incomplete = stats.get(Counter::Incomplete);
}

LatencySummary summarizeLatency(const LatencyHistogram& histogram) {
    LatencySummary latency;
    latency.p50 = histogram.quantile(0.5);
    latency.p99 = histogram.quantile(0.99);
    latency.p999 = histogram.quantile(0.999);
    latency.max = histogram.max();
    return latency;
}

std::string summaryJson(const Summary& s) {
    cli::JsonArray producers;
    for (const ProducerTally& tally : s.producers) {
        producers.raw(cli::JsonObject()
                          .u64("record", tally.record)
                          .u64("incarnation", tally.incarnation)
                          .u64("first", tally.first)
                          .u64("last", tally.last)
                          .u64("count", tally.count)
                          .str("digest", hex64(tally.digest))
                          .text());
    }
    cli::JsonObject json;
    json.str("event", "summary")
        .str("role", roleName(s.role))
        .u64("messages", s.messages)
        .u64("bytes", s.bytes)
        .f64("seconds", s.seconds)
        .f64("msgs_per_s", perSecond(s.messages, s.seconds))
        .f64("bytes_per_s", perSecond(s.bytes, s.seconds))
        .u64("corrupt", s.corrupt)
        .u64("gaps", s.gaps)
        .u64("reordered", s.reordered)
        .u64("drops", s.drops)
        .u64("overrun", s.overrun)
        .u64("lost_to_crash", s.lostToCrash)
        .u64("incomplete", s.incomplete);
    if (s.latency) {
        json.raw("latency_ns", cli::JsonObject()
                                   .u64("p50", s.latency->p50)
                                   .u64("p99", s.latency->p99)
                                   .u64("p999", s.latency->p999)
                                   .u64("max", s.latency->max)
                                   .text());
    } else {
        json.null("latency_ns");
    }
    json.raw("producers", producers.text());
    return json.text();
}

std::string summaryText(const Summary& s, const std::string& channel) {
    char line[512];
    std::string text;
    std::snprintf(line, sizeof line,
                  "%s on %s: %" PRIu64 " messages, %s in %.3f s (%.0f msg/s, %s/s)\n",
                  std::string(roleName(s.role)).c_str(), channel.c_str(), s.messages,
                  formatBytes(s.bytes).c_str(), s.seconds, perSecond(s.messages, s.seconds),
                  formatBytes(static_cast<std::uint64_t>(perSecond(s.bytes, s.seconds))).c_str());
    text += line;
    std::snprintf(line, sizeof line,
                  "  corrupt %" PRIu64 ", gaps %" PRIu64 ", reordered %" PRIu64 ", drops %" PRIu64
                  ", overrun %" PRIu64 ", lost to crash %" PRIu64 ", incomplete %" PRIu64 "\n",
                  s.corrupt, s.gaps, s.reordered, s.drops, s.overrun, s.lostToCrash, s.incomplete);
    text += line;
    if (s.latency) {
        std::snprintf(line, sizeof line,
                      "  latency p50 %" PRIu64 " ns, p99 %" PRIu64 " ns, p99.9 %" PRIu64
                      " ns, max %" PRIu64 " ns\n",
                      s.latency->p50, s.latency->p99, s.latency->p999, s.latency->max);
        text += line;
    }
    for (const ProducerTally& tally : s.producers) {
        std::snprintf(line, sizeof line,
                      "  producer record %u incarnation %u: sequences %" PRIu64 " … %" PRIu64
                      ", %" PRIu64 " messages, digest %s\n",
                      tally.record, tally.incarnation, tally.first, tally.last, tally.count,
                      hex64(tally.digest).c_str());
        text += line;
    }
    return text;
}

} // namespace shmscope::worker
