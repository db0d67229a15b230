#include "scripted_run.hpp"

#include "main_window.hpp"
#include "scenarios.hpp"
#include "session.hpp"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>
#include <QWidget>
#include <algorithm>
#include <cmath>

namespace shmscope::gui {
namespace {

constexpr double kFrameBudgetMs = 16.7;

double nearestRank(const std::vector<double>& sorted, double q) {
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

double sumOf(const QJsonArray& workers, const QString& role, const QString& key) {
    double sum = 0.0;
    for (const QJsonValue& worker : workers) {
        const QJsonObject summary = worker.toObject();
        if (summary.value(QStringLiteral("role")).toString() == role)
            sum += summary.value(key).toDouble();
    }
    return sum;
}

QJsonObject observation(const QString& id, double value, const QString& expect, bool holds) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("value"), value},
            {QStringLiteral("expect"), expect},
            {QStringLiteral("holds"), holds}};
}

} // namespace

QJsonObject percentileSummary(std::vector<double> values) {
    QJsonObject summary{{QStringLiteral("count"), static_cast<double>(values.size())}};
    if (values.empty())
        return summary;
    std::sort(values.begin(), values.end());
    summary.insert(QStringLiteral("p50"), nearestRank(values, 0.50));
    summary.insert(QStringLiteral("p95"), nearestRank(values, 0.95));
    summary.insert(QStringLiteral("p99"), nearestRank(values, 0.99));
    summary.insert(QStringLiteral("max"), values.back());
    return summary;
}

bool saveScreenshot(QWidget& widget, const QString& path) {
    if (!widget.grab().save(path))
        return false;
    QTextStream(stdout) << "screenshot: " << QFileInfo(path).absoluteFilePath() << '\n';
    return true;
}

bool saveReport(const QByteArray& report, const QString& path) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(report) < 0 || !file.commit())
        return false;
    QTextStream(stdout) << "report: " << QFileInfo(path).absoluteFilePath() << '\n';
    return true;
}

ScriptedRun::ScriptedRun(MainWindow& window, Session& session, ScriptedOptions options,
                         QObject* parent)
    : QObject(parent), window_(window), session_(session), options_(std::move(options)) {
    duration_.setSingleShot(true);
    duration_.setTimerType(Qt::PreciseTimer);
    connect(&duration_, &QTimer::timeout, this, &ScriptedRun::onDurationElapsed);
    connect(&session_, &Session::stopped, this, &ScriptedRun::onStopped);
    connect(&session_, &Session::failure, this,
            [](const QString& text) { QTextStream(stderr) << "shmscope: " << text << '\n'; });
}

void ScriptedRun::fail(const QString& text) {
    failures_ << text;
    QTextStream(stderr) << "shmscope: " << text << '\n';
}

void ScriptedRun::begin() {
    const auto config = scenario(options_.scenario);
    if (!config) {
        fail(tr("unknown scenario %1 (see --list-scenarios)").arg(options_.scenario));
        emit finished(2);
        return;
    }
    window_.setConfig(*config);
    window_.frameClock().resetStats();
    QString error;
    if (!session_.start(*config, &error)) {
        fail(error);
        emit finished(1);
        return;
    }
    duration_.start(static_cast<int>(options_.durationSeconds * 1000.0));
}

void ScriptedRun::onDurationElapsed() {
    if (!options_.screenshotPath.isEmpty() && !saveScreenshot(window_, options_.screenshotPath))
        fail(tr("cannot write the screenshot %1").arg(options_.screenshotPath));
    window_.frameClock().stop(); // frames end with the run; stopping workers is not a frame
    stopping_ = true;
    if (session_.mode() == Session::Mode::Idle)
        onStopped();
    else
        session_.stop();
}

void ScriptedRun::onStopped() {
    if (!stopping_) {
        // The session ended before the duration: a worker failed to come up.
        fail(tr("the session stopped before the end of the run"));
        duration_.stop();
        stopping_ = true;
        onDurationElapsed();
        return;
    }
    if (!options_.reportPath.isEmpty() && !saveReport(report(), options_.reportPath))
        fail(tr("cannot write the report %1").arg(options_.reportPath));
    emit finished(failures_.isEmpty() ? 0 : 1);
}

QJsonArray ScriptedRun::observations(const QJsonObject& displayed, const QJsonArray& workers,
                                     const QJsonObject& frames) const {
    QJsonArray result;
    // One snapshot period's worth of messages: the most a display can lag the workers' counters.
    const double period = session_.monitor().intervalMs() / 1000.0;
    const double slack =
        (sumOf(workers, QStringLiteral("producer"), QStringLiteral("msgs_per_s")) +
         sumOf(workers, QStringLiteral("consumer"), QStringLiteral("msgs_per_s"))) *
            period +
        1.0;
    for (const QString& role : {QStringLiteral("producer"), QStringLiteral("consumer")}) {
        const double shown =
            displayed
                .value(role == QLatin1String("producer") ? QStringLiteral("produced_msgs")
                                                         : QStringLiteral("consumed_msgs"))
                .toDouble();
        const double own = sumOf(workers, role, QStringLiteral("messages"));
        result.append(observation(role + QStringLiteral("_messages_match_summaries"), shown,
                                  QStringLiteral("%1 ± %2").arg(own).arg(std::ceil(slack)),
                                  std::abs(shown - own) <= slack));
    }
    const double p95 = frames.value(QStringLiteral("p95")).toDouble(-1.0);
    result.append(observation(QStringLiteral("frame_ms_p95_within_budget"), p95,
                              QStringLiteral("< %1").arg(kFrameBudgetMs),
                              p95 >= 0.0 && p95 < kFrameBudgetMs));
    int failed = 0;
    for (const int id : session_.supervisor().ids()) {
        const WorkerInfo* info = session_.supervisor().worker(id);
        failed +=
            info->status == WorkerStatus::Failed || info->status == WorkerStatus::Killed ? 1 : 0;
    }
    result.append(
        observation(QStringLiteral("workers_failed"), failed, QStringLiteral("0"), failed == 0));
    return result;
}

QByteArray ScriptedRun::report() const {
    const widgets::FrameStats& stats = window_.frameClock().stats();
    const QJsonObject frames = percentileSummary(stats.frameMs);
    QJsonObject displayed;
    if (!session_.history().empty()) {
        const widgets::MetricsFrame& last = session_.history().frames().back();
        displayed = {
            {QStringLiteral("produced_msgs"), static_cast<double>(last.producedMessages)},
            {QStringLiteral("consumed_msgs"), static_cast<double>(last.consumedMessages)},
            {QStringLiteral("consumed_bytes"), static_cast<double>(last.consumedBytes)},
            {QStringLiteral("high_water_slots"), static_cast<double>(last.highWaterSlots)},
            {QStringLiteral("slot_count"), static_cast<double>(last.slotCount)},
            {QStringLiteral("snapshots"), static_cast<double>(session_.history().frames().size())}};
    }
    const QJsonArray workers = session_.workerSummaries();
    // QJsonObject sorts its keys; the report's order is part of the contract (frame_ms first).
    const auto value = [](const QJsonObject& object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QByteArray text = "{\"frame_ms\":" + value(frames);
    text += ",\"tick_late_ms\":" + value(percentileSummary(stats.tickLateMs));
    text += ",\"missed_ticks\":" + QByteArray::number(stats.missedTicks);
    text += ",\"displayed\":" + value(displayed);
    text += ",\"workers\":" + QJsonDocument(workers).toJson(QJsonDocument::Compact);
    text += ",\"observations\":" +
            QJsonDocument(observations(displayed, workers, frames)).toJson(QJsonDocument::Compact);
    text += ",\"scenario\":\"" + options_.scenario.toUtf8() + "\"}\n";
    return text;
}

} // namespace shmscope::gui
