// shmscope-bench: compares shmscope's rings with the IPC a user would otherwise pick (CLI.md).
#include "iceoryx_daemon.hpp"
#include "options.hpp"
#include "plan.hpp"
#include "plot.hpp"
#include "progress.hpp"
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

std::vector<Row> measureAll(const BenchOptions& options, const std::vector<PlannedRow>& plan) {
    Engine engine(options, plan);
    Progress progress(plan.size() * engine.stepsPerRow());
    std::vector<Row> rows;
    for (const PlannedRow& planned : plan) {
        if (Runner::interrupted())
            break;
        const std::string label = planned.spec.id + " " + formatBytes(planned.msgSize);
        Row row =
            engine.measure(planned, [&](std::string_view what) { progress.step(label, what); });
        if (Runner::interrupted() && row.skipped)
            break; // the row was cut short, not skipped
        rows.push_back(std::move(row));
    }
    return rows;
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
    const std::vector<PlannedRow> plan = planRows(*options);
    Result<std::FILE*> out = openOutput(options->out);
    if (!out)
        return cli::reportError(kProgram, out.error());

    std::vector<std::uint64_t> sizes;
    for (const PlannedRow& planned : plan)
        sizes.push_back(planned.msgSize);
    planIceoryxPools(sizes);
    Runner::installSignalHandlers();
    const std::vector<Row> rows = measureAll(*options, plan);
    stopIceoryxDaemon();

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
