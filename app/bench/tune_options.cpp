#include "tune_options.hpp"

#include "shmscope/params.hpp"

#include <array>

namespace shmscope::bench {
namespace {

using cli::usageError;

constexpr std::uint32_t kMaxProducers = 32;
constexpr std::uint32_t kMaxConsumers = 63; // the statistics table has 64 records
constexpr double kMinCpuBudget = 0.01;
constexpr double kMaxCpuBudget = 4096;
constexpr double kMinBudgetS = 5;
constexpr double kMaxBudgetS = 3600;

// Flags only --tune reads, and the bench's measurement flags --tune does not.
constexpr std::array<std::string_view, 8> kTuneOnly = {"--msg-size",  "--rate",     "--producers",
                                                       "--consumers", "--delivery", "--cpu-budget",
                                                       "--objective", "--budget-s"};
constexpr std::array<std::string_view, 8> kNotWithTune = {"--transports", "--sizes",   "--reps",
                                                          "--seconds",    "--sweep",   "--slots",
                                                          "--slot-size",  "--compress"};

} // namespace

void addTuneFlags(cli::FlagParser& parser, TuneOptions& t) {
    parser.addSwitch("--tune", [&t] { t.enabled = true; });
    parser.addValue("--msg-size", cli::store(t.msgSize, cli::parseSizeFlag, "--msg-size",
                                             kMinMessageBytes, kMaxMessageBytes));
    parser.addValue("--rate", [&t](std::string_view v) -> Status {
        if (v == "max") {
            t.rateHz = 0;
            return {};
        }
        Result<std::uint64_t> rate = cli::parseCountFlag("--rate", v, 0, kMaxRateHz);
        if (!rate)
            return usageError("--rate", cli::concat("'", v, "' is not max or 0 … 1000000000"));
        t.rateHz = *rate;
        return {};
    });
    parser.addValue("--producers",
                    cli::store(t.producers, cli::parseCountFlag, "--producers", 1, kMaxProducers));
    parser.addValue("--consumers",
                    cli::store(t.consumers, cli::parseCountFlag, "--consumers", 1, kMaxConsumers));
    parser.addValue("--delivery", [&t](std::string_view v) -> Status {
        if (v != "queue" && v != "broadcast")
            return usageError("--delivery",
                              cli::concat("'", v, "' is not one of queue, broadcast"));
        t.broadcast = v == "broadcast";
        return {};
    });
    parser.addValue("--cpu-budget", [&t](std::string_view v) -> Status {
        Result<double> cpus =
            cli::parseSecondsFlag("--cpu-budget", v, kMinCpuBudget, kMaxCpuBudget);
        if (!cpus)
            return usageError("--cpu-budget",
                              cli::concat("'", v, "' is not a number of CPUs, 0.01 … 4096"));
        t.cpuBudget = *cpus;
        return {};
    });
    parser.addValue("--objective", [&t](std::string_view v) -> Status {
        for (Objective o : {Objective::Throughput, Objective::Latency, Objective::Cpu}) {
            if (v == objectiveName(o)) {
                t.objective = o;
                return {};
            }
        }
        return usageError("--objective",
                          cli::concat("'", v, "' is not one of throughput, latency, cpu"));
    });
    parser.addValue("--budget-s", [&t](std::string_view v) -> Status {
        Result<double> seconds = cli::parseSecondsFlag("--budget-s", v, kMinBudgetS, kMaxBudgetS);
        if (!seconds)
            return usageError("--budget-s", cli::concat("'", v, "' is not 5 … 3600 seconds"));
        t.budgetS = *seconds;
        return {};
    });
}

Status checkTuneFlags(const cli::FlagParser& parser, BenchOptions& options) {
    const TuneOptions& t = options.tune;
    if (!t.enabled) {
        for (std::string_view flag : kTuneOnly)
            if (parser.seen(flag))
                return usageError(flag, "only with --tune");
        return {};
    }
    for (std::string_view flag : kNotWithTune)
        if (parser.seen(flag))
            return usageError(flag, "not with --tune (the tuner chooses it)");
    if (parser.seen("--plot"))
        return usageError("--plot", "not with --tune");
    if (!parser.seen("--msg-size"))
        return usageError("--msg-size", "--tune needs the workload's message size");
    if (options.format == OutputFormat::Csv)
        return usageError("--format", "--tune writes md, json or jsonl");
    if (t.broadcast && t.producers > 1)
        return usageError("--producers", "broadcast delivery has one producer");
    return {};
}

} // namespace shmscope::bench
