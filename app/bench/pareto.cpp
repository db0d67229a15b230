#include "pareto.hpp"

#include "shmscope/params.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

namespace shmscope::bench {
namespace {

constexpr double kInfinite = std::numeric_limits<double>::infinity();

double latencyOf(const TuneRow& row) {
    return row.latP99Ns ? static_cast<double>(*row.latP99Ns) : kInfinite;
}

// a dominates b: at least as good on every criterion and strictly better on one.
bool dominates(const TuneRow& a, const TuneRow& b) {
    const bool noWorse =
        a.msgsPerS >= b.msgsPerS && latencyOf(a) <= latencyOf(b) && a.cpuNsPerMsg <= b.cpuNsPerMsg;
    const bool better =
        a.msgsPerS > b.msgsPerS || latencyOf(a) < latencyOf(b) || a.cpuNsPerMsg < b.cpuNsPerMsg;
    return noWorse && better;
}

// The criteria after the objective, in the order that breaks ties between near-best rows.
std::pair<Objective, Objective> nextCriteria(Objective objective) {
    switch (objective) {
    case Objective::Throughput:
        return {Objective::Cpu, Objective::Latency};
    case Objective::Latency:
        return {Objective::Cpu, Objective::Throughput};
    case Objective::Cpu:
        return {Objective::Throughput, Objective::Latency};
    }
    return {Objective::Cpu, Objective::Latency};
}

std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%.0f %%", fraction * 100);
    return text;
}

std::string nanosecondsText(double ns) {
    char text[32];
    if (ns < 10'000)
        std::snprintf(text, sizeof text, "%.0f ns", ns);
    else if (ns < 10'000'000)
        std::snprintf(text, sizeof text, "%.1f µs", ns / 1e3);
    else
        std::snprintf(text, sizeof text, "%.1f ms", ns / 1e6);
    return text;
}

std::string valueText(double value, Objective objective) {
    char text[64];
    switch (objective) {
    case Objective::Throughput:
        if (value >= 1e6)
            std::snprintf(text, sizeof text, "%.3g M msg/s", value / 1e6);
        else if (value >= 1e3)
            std::snprintf(text, sizeof text, "%.3g k msg/s", value / 1e3);
        else
            std::snprintf(text, sizeof text, "%.3g msg/s", value);
        return text;
    case Objective::Latency:
        return "p99 " + nanosecondsText(value);
    case Objective::Cpu:
        return nanosecondsText(value) + " CPU/msg";
    }
    return {};
}

// `a` better than `b` by more than kTieMargin (measurements closer than that are a tie: a
// workload held to --rate reaches the same msgs/s whatever the settings).
bool clearlyBetter(double a, double b, Objective criterion) {
    if (!better(a, b, criterion))
        return false;
    if (!std::isfinite(b))
        return true;
    return std::abs(a - b) > kTieMargin * std::max(std::abs(a), std::abs(b));
}

// How much better `pick` is than `best` on a criterion, in words ("" when it is not).
std::string gainText(const TuneRow& pick, const TuneRow& best, Objective criterion) {
    const double a = objectiveValue(pick, criterion);
    const double b = objectiveValue(best, criterion);
    if (!clearlyBetter(a, b, criterion) || !std::isfinite(a) || !std::isfinite(b) || b == 0)
        return {};
    switch (criterion) {
    case Objective::Throughput:
        return percent(a / b - 1) + " more msg/s";
    case Objective::Latency:
        return percent(1 - a / b) + " lower p99 latency";
    case Objective::Cpu:
        return percent(1 - a / b) + " less CPU per message";
    }
    return {};
}

// Whether `a` is the better candidate than `b` among rows near the best on `objective`: clearly
// better on the next criterion, else (a tie there) clearly better on the one after, else better
// on the objective itself.
bool preferred(const TuneRow& a, const TuneRow& b, Objective objective) {
    const auto [second, third] = nextCriteria(objective);
    for (Objective criterion : {second, third}) {
        const double va = objectiveValue(a, criterion);
        const double vb = objectiveValue(b, criterion);
        if (clearlyBetter(va, vb, criterion))
            return true;
        if (clearlyBetter(vb, va, criterion))
            return false;
    }
    return better(objectiveValue(a, objective), objectiveValue(b, objective), objective);
}

} // namespace

std::string_view objectiveName(Objective objective) {
    switch (objective) {
    case Objective::Throughput:
        return "throughput";
    case Objective::Latency:
        return "latency";
    case Objective::Cpu:
        return "cpu";
    }
    return "throughput";
}

std::string describeConfig(const TuneConfig& config) {
    std::string text = config.sync + "/" + config.wait + " " + std::to_string(config.slots) + "x" +
                       formatBytes(config.slotBytes);
    if (config.compress != "none")
        text += " " + config.compress;
    return text;
}

double objectiveValue(const TuneRow& row, Objective objective) {
    switch (objective) {
    case Objective::Throughput:
        return row.msgsPerS;
    case Objective::Latency:
        return latencyOf(row);
    case Objective::Cpu:
        return row.cpuNsPerMsg;
    }
    return 0;
}

bool better(double a, double b, Objective objective) {
    return objective == Objective::Throughput ? a > b : a < b;
}

bool nearBest(double value, double best, Objective objective) {
    if (objective == Objective::Throughput)
        return value >= (1 - kNearBest) * best;
    return value <= (1 + kNearBest) * best;
}

std::vector<std::size_t> paretoFront(const std::vector<TuneRow>& rows) {
    std::vector<std::size_t> front;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].eligible())
            continue;
        bool dominated = false;
        for (std::size_t j = 0; j < rows.size() && !dominated; ++j)
            dominated = j != i && rows[j].eligible() && dominates(rows[j], rows[i]);
        if (!dominated)
            front.push_back(i);
    }
    return front;
}

std::optional<std::size_t> bestOnObjective(const std::vector<TuneRow>& rows, Objective objective) {
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].eligible())
            continue;
        if (!best || better(objectiveValue(rows[i], objective),
                            objectiveValue(rows[*best], objective), objective))
            best = i;
    }
    return best;
}

std::optional<Recommendation> recommend(const std::vector<TuneRow>& rows, Objective objective) {
    const std::optional<std::size_t> best = bestOnObjective(rows, objective);
    if (!best)
        return std::nullopt;
    const double bestValue = objectiveValue(rows[*best], objective);
    const auto [second, third] = nextCriteria(objective);
    // The best row on the objective is on the front or tied with a front row, so a candidate
    // always exists.
    std::optional<std::size_t> pick;
    for (std::size_t i : paretoFront(rows)) {
        if (!nearBest(objectiveValue(rows[i], objective), bestValue, objective))
            continue;
        if (!pick) {
            pick = i;
            continue;
        }
        if (preferred(rows[i], rows[*pick], objective))
            pick = i;
    }
    if (!pick)
        pick = best;
    Recommendation result{*pick, *best, {}};
    const TuneRow& chosen = rows[*pick];
    const TuneRow& top = rows[*best];
    if (*pick == *best || objectiveValue(chosen, objective) == bestValue) {
        result.reason = "the best " + std::string(objectiveName(objective)) + " tried (" +
                        valueText(bestValue, objective) + ")";
        const std::string gain = gainText(chosen, top, second);
        if (*pick != *best && !gain.empty())
            result.reason += ", tied with " + describeConfig(top.config) + " at " + gain;
    } else {
        const double gap = std::abs(objectiveValue(chosen, objective) / bestValue - 1);
        result.reason = valueText(objectiveValue(chosen, objective), objective) + ", within " +
                        percent(gap) + " of the best " + std::string(objectiveName(objective)) +
                        " tried (" + describeConfig(top.config) + ", " +
                        valueText(bestValue, objective) + ")";
        std::string gain = gainText(chosen, top, second);
        if (gain.empty())
            gain = gainText(chosen, top, third);
        if (!gain.empty())
            result.reason += ", at " + gain;
    }
    result.reason += "; on the Pareto front of throughput, p99 latency and CPU per message";
    return result;
}

} // namespace shmscope::bench
