// shmscope-bench flags (docs/CLI.md, shmscope-bench): what to measure and how to print it.
#pragma once

#include "pareto.hpp"
#include "shmscope/result.hpp"
#include "shmscope/wait.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shmscope::bench {

inline constexpr std::string_view kProgram = "shmscope-bench";

enum class OutputFormat { Markdown, Csv, Json, JsonLines };
enum class SweepKind { None, Slots, Codec, Wait };
enum class PayloadKind { Random, Text, Zeros, Sensor };

// One transport id as given: "shm-spsc@spin+xxh3" is base "shm-spsc", wait spin, checksums on.
struct TransportSpec {
    std::string id;               // as printed in the results
    std::string base;             // one of kTransportIds
    std::optional<WaitKind> wait; // @WAIT; the transport's default when absent
    bool xxh3 = false;            // +xxh3
    // Sweep variants only: ring geometry that overrides --slots / --slot-size for this row.
    std::optional<std::uint32_t> slots;
    std::optional<std::uint64_t> slotBytes;
    std::optional<std::string> codec; // codec sweep: overrides --compress
};

// --tune (docs/CLI.md): the workload the tuner searches settings for.
struct TuneOptions {
    bool enabled = false;
    std::uint64_t msgSize = 0;
    std::uint64_t rateHz = 0; // per producer, as shmscope-worker's --rate; 0 = as fast as possible
    std::uint32_t producers = 1;
    std::uint32_t consumers = 1;
    bool broadcast = false;
    std::optional<double> cpuBudget; // CPUs all the workload's processes may use together
    Objective objective = Objective::Throughput;
    double budgetS = 180;
};

struct BenchOptions {
    std::vector<TransportSpec> transports;
    std::vector<std::uint64_t> sizes;
    bool sizesGiven = false;
    bool transportsGiven = false;
    std::uint32_t reps = 3;
    double seconds = 0.3;
    SweepKind sweep = SweepKind::None;
    std::uint32_t slots = 8;
    std::optional<std::uint64_t> slotBytes; // default: the message size rounded up to 64, capped
    std::string compress = "none";
    PayloadKind payload = PayloadKind::Random;
    OutputFormat format = OutputFormat::Markdown;
    std::string out = "-";
    std::string plotPrefix; // empty: no plots
    TuneOptions tune;
};

// Every transport id of docs/CLI.md, in the order of the default run.
std::span<const std::string_view> transportIds();

// Parses "BASE[@WAIT][+xxh3]" (a usage error naming --transports when it is not one).
Result<TransportSpec> parseTransportSpec(std::string_view text);

// Parses the command line (without argv[0]); a usage error names the flag.
Result<BenchOptions> parseOptions(std::span<const char* const> args);

std::string_view benchHelp();
std::string_view payloadName(PayloadKind kind);

} // namespace shmscope::bench
