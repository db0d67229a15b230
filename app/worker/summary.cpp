#include "summary.hpp"

#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"

#include <cinttypes>
#include <cstdio>

namespace shmscope::worker {
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
    cli::JsonObject json;
    json.str("event", "summary")
        .str("role", roleName(s.role))
        .u64("messages", s.messages)
        .u64("bytes", s.bytes)
        .f64("seconds", s.seconds)
        .f64("msgs_per_s", cli::perSecond(s.messages, s.seconds))
        .f64("bytes_per_s", cli::perSecond(s.bytes, s.seconds))
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
    json.raw("producers", cli::talliesJson(s.producers));
    return json.text();
}

std::string summaryText(const Summary& s, const std::string& channel) {
    char line[512];
    std::string text;
    text += cli::concat(roleName(s.role), " on ", channel, ": ",
                        cli::throughputText(s.messages, s.bytes, s.seconds), "\n");
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
    text += cli::talliesText(s.producers);
    return text;
}

} // namespace shmscope::worker
