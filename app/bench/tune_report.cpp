#include "tune_report.hpp"

#include "janitor.hpp"
#include "results.hpp"
#include "runner.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"
#include "shmscope/params.hpp"

#include <algorithm>

namespace shmscope::bench {
namespace {

std::string nanoseconds(std::optional<std::uint64_t> ns) {
    return ns ? bench::nanoseconds(*ns) : "–";
}

void optionalU64(cli::JsonObject& object, std::string_view key, std::optional<std::uint64_t> v) {
    if (v)
        object.u64(key, *v);
    else
        object.null(key);
}

void optionalText(cli::JsonObject& object, std::string_view key,
                  const std::optional<std::string>& v) {
    if (v)
        object.str(key, *v);
    else
        object.null(key);
}

void appendRowMembers(cli::JsonObject& object, const TuneRow& row, std::uint64_t msgSize) {
    object.str("sync", row.config.sync)
        .str("wait", row.config.wait)
        .u64("slots", row.config.slots)
        .u64("slot_size", row.config.slotBytes)
        .str("compress", row.config.compress)
        .str("phase", row.phase)
        .u64("msg_size", msgSize)
        .f64("msgs_per_s", row.msgsPerS)
        .f64("bytes_per_s", row.bytesPerS)
        .f64("spread", row.spread);
    optionalU64(object, "lat_p50_ns", row.latP50Ns);
    optionalU64(object, "lat_p99_ns", row.latP99Ns);
    object.f64("cpu_ns_per_msg", row.cpuNsPerMsg)
        .f64("cpu_spread", row.cpuSpread)
        .f64("cpus", row.cpus);
    optionalText(object, "skipped", row.skipped);
    optionalText(object, "excluded", row.excluded);
}

std::string workloadJson(const BenchOptions& options) {
    const TuneOptions& t = options.tune;
    cli::JsonObject object;
    object.u64("msg_size", t.msgSize)
        .u64("rate", t.rateHz)
        .u64("producers", t.producers)
        .u64("consumers", t.consumers)
        .str("delivery", t.broadcast ? "broadcast" : "queue")
        .str("payload", payloadName(options.payload));
    if (t.cpuBudget)
        object.f64("cpu_budget", *t.cpuBudget);
    else
        object.null("cpu_budget");
    return object.text();
}

std::string argsJson(const WorkerArgs& args) {
    cli::JsonArray all;
    for (const std::vector<std::string>& process : args) {
        cli::JsonArray one;
        for (const std::string& arg : process)
            one.str(arg);
        all.raw(one.text());
    }
    return all.text();
}

std::string recommendedJson(const BenchOptions& options, const TuneOutcome& outcome) {
    const Recommendation& rec = *outcome.recommendation;
    const TuneRow& row = outcome.rows[rec.pick];
    const Objective objective = options.tune.objective;
    cli::JsonObject object;
    appendRowMembers(object, row, options.tune.msgSize);
    object.u64("index", rec.pick).u64("best", rec.best);
    object.f64("vs_best",
               objectiveValue(row, objective) / objectiveValue(outcome.rows[rec.best], objective));
    object.str("reason", rec.reason);
    object.raw("worker_args", argsJson(outcome.workerArgs));
    cli::JsonObject config;
    config.str("sync", options.tune.broadcast ? "broadcast" : row.config.sync)
        .str("delivery", options.tune.broadcast ? "broadcast" : "queue")
        .str("wait", row.config.wait)
        .u64("slots", row.config.slots)
        .u64("slot_size", row.config.slotBytes)
        .str("compress", row.config.compress)
        .u64("producers", options.tune.producers)
        .u64("consumers", options.tune.consumers);
    object.raw("config", config.text());
    if (outcome.confirmation) {
        const Confirmation& c = *outcome.confirmation;
        cli::JsonObject again;
        appendRowMembers(again, c.row, options.tune.msgSize);
        again.f64("tolerance", c.tolerance).boolean("confirmed", c.confirmed);
        object.raw("confirm", again.text());
    } else {
        object.null("confirm");
    }
    return object.text();
}

std::string commandLine(const std::vector<std::string>& args) {
    std::string line = "shmscope-worker";
    for (const std::string& arg : args)
        line += " " + arg;
    return line;
}

// Progress on stderr (one line a point) and, with --format jsonl, events on the output.
class Reporter : public TuneListener {
public:
    Reporter(const BenchOptions& options, std::FILE* events) : options_(options), events_(events) {}

    void starting(std::size_t point, double elapsedS, const std::string& phase,
                  const TuneConfig& config) override {
        if (events_ == nullptr)
            return;
        emit(cli::JsonObject()
                 .str("event", "progress")
                 .u64("point", point)
                 .f64("elapsed_s", elapsedS)
                 .f64("budget_s", options_.tune.budgetS)
                 .str("phase", phase)
                 .str("config", describeConfig(config))
                 .text());
    }

    void finished(std::size_t index, const TuneRow& row, double elapsedS) override {
        std::string line = "tune " + fixed(elapsedS, 0) + "/" + fixed(options_.tune.budgetS, 0) +
                           " s: #" + std::to_string(index) + " " + row.phase + " " +
                           describeConfig(row.config) + ": ";
        if (row.skipped)
            line += "skipped, " + *row.skipped;
        else
            line += si(row.msgsPerS) + " msg/s, p99 " + nanoseconds(row.latP99Ns) + ", " +
                    si(row.cpuNsPerMsg) + " ns CPU/msg" +
                    (row.excluded ? " (excluded: " + *row.excluded + ")" : "");
        cli::printLine(kProgram, line);
        if (events_ == nullptr)
            return;
        cli::JsonObject object;
        object.str("event", "row").u64("index", index);
        appendRowMembers(object, row, options_.tune.msgSize);
        emit(object.text());
    }

private:
    void emit(const std::string& json) {
        const std::string line = json + "\n";
        std::fwrite(line.data(), 1, line.size(), events_);
        std::fflush(events_);
    }

    const BenchOptions& options_;
    std::FILE* events_;
};

} // namespace

std::string formatTuneRow(const TuneRow& row, std::uint64_t msgSize) {
    cli::JsonObject object;
    appendRowMembers(object, row, msgSize);
    return object.text();
}

std::string formatTuneJson(const BenchOptions& options, const TuneOutcome& outcome) {
    cli::JsonObject object;
    object.raw("workload", workloadJson(options))
        .str("objective", objectiveName(options.tune.objective))
        .f64("budget_s", options.tune.budgetS)
        .f64("elapsed_s", outcome.elapsedS)
        .boolean("interrupted", outcome.interrupted);
    if (outcome.recommendation)
        object.raw("recommended", recommendedJson(options, outcome));
    else
        object.null("recommended");
    cli::JsonArray tried;
    for (const TuneRow& row : outcome.rows)
        tried.raw(formatTuneRow(row, options.tune.msgSize));
    object.raw("tried", tried.text());
    std::string front = "[";
    for (std::size_t i = 0; i < outcome.front.size(); ++i) {
        if (i != 0)
            front += ',';
        front += std::to_string(outcome.front[i]);
    }
    object.raw("pareto", front + "]");
    return object.text() + "\n";
}

std::string formatTuneMarkdown(const BenchOptions& options, const TuneOutcome& outcome) {
    const TuneOptions& t = options.tune;
    std::string out =
        "Tuning " + formatBytes(t.msgSize) + " messages, " +
        (t.rateHz == 0 ? std::string("as fast as possible")
                       : std::to_string(t.rateHz) + " msg/s per producer") +
        ", " + std::to_string(t.producers) + " producer(s), " + std::to_string(t.consumers) +
        " consumer(s), " + (t.broadcast ? "broadcast" : "queue") + " delivery; objective " +
        std::string(objectiveName(t.objective)) + "; " + std::to_string(outcome.rows.size()) +
        " points in " + fixed(outcome.elapsedS, 0) + " s" +
        (outcome.interrupted ? " (interrupted)" : "") + ".\n\n";
    out += "| # | phase | sync | wait | slots | slot size | codec | msgs/s | bytes/s | spread | "
           "p50 | p99 | CPU ns/msg | CPUs | front | note |\n";
    out += "|---|---|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---|\n";
    for (std::size_t i = 0; i < outcome.rows.size(); ++i) {
        const TuneRow& row = outcome.rows[i];
        const bool onFront =
            std::find(outcome.front.begin(), outcome.front.end(), i) != outcome.front.end();
        const bool picked = outcome.recommendation && outcome.recommendation->pick == i;
        out += "| " + std::to_string(i) + " | " + row.phase + " | " + row.config.sync + " | " +
               row.config.wait + " | " + std::to_string(row.config.slots) + " | " +
               formatBytes(row.config.slotBytes) + " | " + row.config.compress + " | ";
        if (row.skipped) {
            out += "– | – | – | – | – | – | – | | skipped: " + *row.skipped + " |\n";
            continue;
        }
        out += si(row.msgsPerS) + " | " + si(row.bytesPerS) + "B/s | ±" +
               fixed(row.spread * 50, 1) + " % | " + nanoseconds(row.latP50Ns) + " | " +
               nanoseconds(row.latP99Ns) + " | " + si(row.cpuNsPerMsg) + " | " +
               fixed(row.cpus, 2) + " | " + (onFront ? "yes" : "") + " | " +
               (picked         ? "**recommended**"
                : row.excluded ? *row.excluded
                               : "") +
               " |\n";
    }
    if (!outcome.recommendation) {
        out += "\nNo configuration ran within the constraints.\n";
        return out;
    }
    const Recommendation& rec = *outcome.recommendation;
    out += "\n**Recommended** (#" + std::to_string(rec.pick) +
           "): " + describeConfig(outcome.rows[rec.pick].config) + ": " + rec.reason + ".\n";
    if (outcome.confirmation) {
        const Confirmation& c = *outcome.confirmation;
        out += "Re-run: " +
               (c.row.skipped ? "skipped, " + *c.row.skipped
                              : si(c.row.msgsPerS) + " msg/s, p99 " + nanoseconds(c.row.latP99Ns) +
                                    ", " + si(c.row.cpuNsPerMsg) + " ns CPU/msg") +
               (c.confirmed ? ": confirmed" : ": not confirmed") + " (tolerance ±" +
               fixed(c.tolerance * 100, 1) + " %).\n";
    } else {
        out += outcome.interrupted ? "Not re-run (interrupted).\n" : "Not re-run (no time left).\n";
    }
    out += "\nTo run it, one process a line, the producers first (they wait for the consumers):\n"
           "\n```\n";
    for (const std::vector<std::string>& process : outcome.workerArgs)
        out += commandLine(process) + "\n";
    out += "```\n";
    return out;
}

int runTune(const BenchOptions& options, std::FILE* out) {
    Runner::installSignalHandlers();
    startJanitor();
    Reporter reporter(options, options.format == OutputFormat::JsonLines ? out : nullptr);
    const TuneOutcome outcome = tune(options, reporter);
    stopJanitor();
    std::string text;
    if (options.format == OutputFormat::Markdown)
        text = formatTuneMarkdown(options, outcome);
    else if (options.format == OutputFormat::Json)
        text = formatTuneJson(options, outcome);
    else
        text = "{\"event\":\"result\"," + formatTuneJson(options, outcome).substr(1);
    std::fwrite(text.data(), 1, text.size(), out);
    std::fflush(out);
    const bool anyRan = std::any_of(outcome.rows.begin(), outcome.rows.end(),
                                    [](const TuneRow& row) { return !row.skipped; });
    if (!anyRan && !outcome.interrupted) {
        const std::string why = outcome.rows.empty() || !outcome.rows.front().skipped
                                    ? std::string("nothing ran")
                                    : *outcome.rows.front().skipped;
        cli::printLine(kProgram, "no configuration could run: " + why);
        return 1;
    }
    return 0;
}

} // namespace shmscope::bench
