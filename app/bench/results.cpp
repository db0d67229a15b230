#include "results.hpp"

#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"
#include "statistics.hpp"

#include <algorithm>
#include <cstdio>

namespace shmscope::bench {
std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string si(double value) {
    static const char* const prefixes[] = {"", "k", "M", "G", "T"};
    int index = 0;
    while (value >= 1000 && index < 4) {
        value /= 1000;
        ++index;
    }
    const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return fixed(value, decimals) + (index > 0 ? std::string(" ") + prefixes[index] : "");
}

std::string nanoseconds(std::uint64_t ns) {
    if (ns < 10'000)
        return std::to_string(ns) + " ns";
    if (ns < 10'000'000)
        return fixed(static_cast<double>(ns) / 1e3, 1) + " µs";
    return fixed(static_cast<double>(ns) / 1e6, 1) + " ms";
}

namespace {

std::string spreadText(const Row& row) {
    std::string text = "±" + fixed(row.spread * 50, 1) + " %";
    if (row.spread > kWideSpread)
        text += " (wide)";
    return text;
}

} // namespace

std::optional<double> limitRatio(const Row& row, const std::vector<Row>& rows) {
    if (row.skipped || !(row.transport.starts_with("shm-") || row.transport.starts_with("file-")))
        return std::nullopt;
    for (const Row& limit : rows)
        if (limit.transport == "limit-ring" && limit.msgSize == row.msgSize && !limit.skipped &&
            limit.msgsPerS > 0)
            return row.msgsPerS / limit.msgsPerS;
    return std::nullopt;
}

std::string formatMarkdown(const std::vector<Row>& rows) {
    std::string out =
        "| transport | size | msgs/s | × limit | bytes/s | spread | p50 | p99 | p99.9 | max "
        "| ping-pong p50 | CPU ns/msg producer | CPU ns/msg consumer |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const Row& row : rows) {
        out += "| " + row.transport + " | " + formatBytes(row.msgSize) + " | ";
        if (row.skipped) {
            out += "skipped: " + *row.skipped + " | | | | | | | | | | |\n";
            continue;
        }
        const std::optional<double> ratio = limitRatio(row, rows);
        out += si(row.msgsPerS) + " | " + (ratio ? fixed(*ratio, 2) : std::string("–")) + " | " +
               si(row.bytesPerS) + "B/s | " + spreadText(row) + " | ";
        if (row.stream)
            out += nanoseconds(row.stream->p50) + " | " + nanoseconds(row.stream->p99) + " | " +
                   nanoseconds(row.stream->p999) + " | " + nanoseconds(row.stream->max) + " | ";
        else
            out += "– | – | – | – | ";
        out += (row.pingPong ? nanoseconds(row.pingPong->p50) : std::string("–")) + " | ";
        out +=
            fixed(row.cpuNsPerMsgProducer, 0) + " | " + fixed(row.cpuNsPerMsgConsumer, 0) + " |\n";
    }
    return out;
}

std::string formatCsv(const std::vector<Row>& rows) {
    std::string out = "transport,msg_size,msgs_per_s,bytes_per_s,lat_p50_ns,lat_p99_ns,lat_p999_ns,"
                      "lat_max_ns,spread,cpu_ns_per_msg_producer,cpu_ns_per_msg_consumer,"
                      "pingpong_p50_ns,pingpong_p99_ns,skipped\n";
    const auto latency = [](const std::optional<Latency>& l, std::uint64_t Latency::*field) {
        return l ? std::to_string((*l).*field) : std::string();
    };
    for (const Row& row : rows) {
        std::string reason;
        if (row.skipped) {
            reason = "\"";
            for (char c : *row.skipped)
                reason += c == '"' ? std::string("\"\"") : std::string(1, c);
            reason += "\"";
        }
        out += row.transport + "," + std::to_string(row.msgSize) + "," + fixed(row.msgsPerS, 1) +
               "," + fixed(row.bytesPerS, 0) + "," + latency(row.stream, &Latency::p50) + "," +
               latency(row.stream, &Latency::p99) + "," + latency(row.stream, &Latency::p999) +
               "," + latency(row.stream, &Latency::max) + "," + fixed(row.spread, 4) + "," +
               fixed(row.cpuNsPerMsgProducer, 1) + "," + fixed(row.cpuNsPerMsgConsumer, 1) + "," +
               latency(row.pingPong, &Latency::p50) + "," + latency(row.pingPong, &Latency::p99) +
               "," + reason + "\n";
    }
    return out;
}

namespace {

// The members of one row in docs/CLI.md's order (formatJson and formatRowEvent).
void appendRow(cli::JsonObject& object, const Row& row) {
    object.str("transport", row.transport).u64("msg_size", row.msgSize);
    object.f64("msgs_per_s", row.msgsPerS).f64("bytes_per_s", row.bytesPerS);
    const auto latency = [&object](const char* key, const std::optional<Latency>& l,
                                   std::uint64_t Latency::*field) {
        if (l)
            object.u64(key, (*l).*field);
        else
            object.null(key);
    };
    latency("lat_p50_ns", row.stream, &Latency::p50);
    latency("lat_p99_ns", row.stream, &Latency::p99);
    latency("lat_p999_ns", row.stream, &Latency::p999);
    latency("lat_max_ns", row.stream, &Latency::max);
    object.f64("spread", row.spread);
    object.f64("cpu_ns_per_msg_producer", row.cpuNsPerMsgProducer);
    object.f64("cpu_ns_per_msg_consumer", row.cpuNsPerMsgConsumer);
    if (row.skipped)
        object.str("skipped", *row.skipped);
    else
        object.null("skipped");
    latency("pingpong_p50_ns", row.pingPong, &Latency::p50);
    latency("pingpong_p99_ns", row.pingPong, &Latency::p99);
}

} // namespace

std::string formatJson(const std::vector<Row>& rows) {
    std::string out = "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        cli::JsonObject object;
        appendRow(object, rows[i]);
        out += i == 0 ? "\n  " : ",\n  ";
        out += object.text();
    }
    out += rows.empty() ? "]\n" : "\n]\n";
    return out;
}

std::string formatRowEvent(const Row& row) {
    cli::JsonObject object;
    object.str("event", "row");
    appendRow(object, row);
    std::string cdf = "[";
    const std::size_t samples = row.streamSamples.size();
    const std::size_t points = std::min(samples, kCdfPoints);
    for (std::size_t i = 1; i <= points; ++i) {
        const double q = static_cast<double>(i) / static_cast<double>(points);
        if (i != 1)
            cdf += ',';
        cdf += std::to_string(percentile(row.streamSamples, q));
    }
    object.raw("lat_cdf_ns", cdf + "]");
    return object.text() + "\n";
}

std::string formatProgressEvent(std::uint64_t step, std::uint64_t steps, const std::string& row,
                                const std::string& what) {
    return cli::JsonObject()
               .str("event", "progress")
               .u64("step", step)
               .u64("steps", steps)
               .str("row", row)
               .str("what", what)
               .text() +
           "\n";
}

} // namespace shmscope::bench
