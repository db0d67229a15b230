// One result row (docs/CLI.md's JSON schema) and its formats: Markdown, CSV, JSON.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shmscope::bench {

struct Latency {
    std::uint64_t p50 = 0, p99 = 0, p999 = 0, max = 0;
};

struct Row {
    std::string transport;
    std::uint64_t msgSize = 0;
    double msgsPerS = 0;
    double bytesPerS = 0;
    double spread = 0;                        // (max - min) / median of the repetitions
    std::optional<Latency> stream;            // fixed-rate stream, one way
    std::optional<Latency> pingPong;          // half round trips
    std::vector<std::uint64_t> streamSamples; // sorted, for the CDF plot
    double cpuNsPerMsgProducer = 0;
    double cpuNsPerMsgConsumer = 0;
    std::optional<std::string> skipped; // the reason
};

// Markdown has a "× limit" column: a shm-* or file-* row's msgs/s over the limit-ring row's of
// the same size in the same run (– without one).
std::string formatMarkdown(const std::vector<Row>& rows);

// The figures of the Markdown table, for other text that shows them: `value` with `decimals`
// decimals; three significant digits with an SI prefix ("12.3 M"); a duration in ns, µs or ms.
std::string fixed(double value, int decimals);
std::string si(double value);
std::string nanoseconds(std::uint64_t ns);
std::optional<double> limitRatio(const Row& row, const std::vector<Row>& rows);
std::string formatCsv(const std::vector<Row>& rows);
std::string formatJson(const std::vector<Row>& rows);

// --format jsonl, one line each (docs/CLI.md): a finished row as formatJson writes it, preceded by
// "event":"row" and followed by "lat_cdf_ns" (up to kCdfPoints quantiles of the stream's
// latency samples, for a CDF plot; empty without samples).
inline constexpr std::size_t kCdfPoints = 100;
std::string formatRowEvent(const Row& row);
// --format jsonl: a step about to run (1-based) out of `steps`.
std::string formatProgressEvent(std::uint64_t step, std::uint64_t steps, const std::string& row,
                                const std::string& what);

} // namespace shmscope::bench
