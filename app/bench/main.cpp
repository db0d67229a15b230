// shmscope-bench: compares shmscope's rings with the IPC a user would otherwise pick (docs/CLI.md).
#include "iceoryx_daemon.hpp"
#include "janitor.hpp"
#include "options.hpp"
#include "plan.hpp"
#include "plot.hpp"
#include "progress.hpp"
#include "tune_report.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/params.hpp"

#include <cstdio>
#include <iostream>
#include <span>

namespace shmscope::bench {
namespace {

std::string formatRows(const std::vector<Row>& rows, OutputFormat format) {
    switch (format) {
    case OutputFormat::Markdown:
        return formatMarkdown(rows);
    case OutputFormat::Csv:
        return formatCsv(rows);
    case OutputFormat::Json:
        return formatJson(rows);
    case OutputFormat::JsonLines:
        return {}; // every row went out as it finished
    }
    return {};
}

// Opened before measuring, so that an unwritable --out fails in a second, not after minutes.
Result<std::FILE*> openOutput(const std::string& path) {
    if (path == "-")
        return stdout;
    std::FILE* file = std::fopen(path.c_str(), "w");
    if (file == nullptr)
        return makeError(ErrorCode::System, "--out: cannot write " + path);
    return file;
}

std::string rowLabel(const PlannedRow& planned) {
    return planned.spec.id + " " + formatBytes(planned.msgSize);
}

// With --format jsonl: progress and rows go to `events` as they happen (nullptr: at the end).
std::vector<Row> measureAll(const BenchOptions& options, const std::vector<PlannedRow>& plan,
                            std::FILE* events) {
    Engine engine(options, plan);
    std::vector<RowInProgress> rows;
    std::uint64_t steps = 0;
    for (const PlannedRow& planned : plan) {
        rows.push_back(engine.begin(planned));
        steps += engine.steps(planned);
    }
    Progress progress(steps, events);
    for (std::uint32_t rep = 0; rep < options.reps && !Runner::interrupted(); ++rep) {
        const std::string what =
            "rep " + std::to_string(rep + 1) + "/" + std::to_string(options.reps);
        for (std::size_t i = 0; i < plan.size() && !Runner::interrupted(); ++i) {
            if (rows[i].row.skipped)
                continue;
            progress.step(rowLabel(plan[i]), what);
            engine.repetition(plan[i], rows[i]);
        }
    }
    std::vector<Row> finished;
    for (std::size_t i = 0; i < plan.size(); ++i) {
        const bool interrupted = Runner::interrupted();
        if (!interrupted && !rows[i].row.skipped && plan[i].spec.base != "memcpy")
            progress.step(rowLabel(plan[i]), "latency");
        engine.finish(plan[i], rows[i], !interrupted);
        // After SIGINT: the rows with at least one repetition, without latency.
        if (interrupted && !rows[i].row.skipped && rows[i].rates.empty())
            continue;
        if (events != nullptr) {
            const std::string line = formatRowEvent(rows[i].row);
            std::fwrite(line.data(), 1, line.size(), events);
            std::fflush(events);
        }
        finished.push_back(std::move(rows[i].row));
    }
    return finished;
}

int run(std::span<const char* const> args) {
    if (cli::wantsHelp(args)) {
        std::cout << benchHelp();
        return 0;
    }
    if (cli::wantsVersion(args)) {
        std::cout << cli::versionLine(kProgram) << "\n";
        return 0;
    }
    Result<BenchOptions> options = parseOptions(args);
    if (!options)
        return cli::reportError(kProgram, options.error());
    Result<std::FILE*> out = openOutput(options->out);
    if (!out)
        return cli::reportError(kProgram, out.error());
    if (options->tune.enabled) {
        const int status = runTune(*options, *out);
        if (*out != stdout)
            std::fclose(*out);
        return status;
    }
    const std::vector<PlannedRow> plan = planRows(*options);

    std::vector<std::uint64_t> sizes;
    for (const PlannedRow& planned : plan)
        sizes.push_back(planned.msgSize);
    planIceoryxPools(sizes);
    Runner::installSignalHandlers();
    startJanitor();
    const std::vector<Row> rows =
        measureAll(*options, plan, options->format == OutputFormat::JsonLines ? *out : nullptr);
    stopIceoryxDaemon();
    stopJanitor();

    const std::string text = formatRows(rows, options->format);
    std::fwrite(text.data(), 1, text.size(), *out);
    if (*out != stdout)
        std::fclose(*out);
    if (!options->plotPrefix.empty())
        if (Status ok = writePlots(options->plotPrefix, rows); !ok)
            return cli::reportError(kProgram, ok.error());
    return 0;
}

} // namespace
} // namespace shmscope::bench

int main(int argc, char** argv) {
    return shmscope::bench::run(
        std::span<const char* const>(argv + 1, static_cast<std::size_t>(argc - 1)));
}
