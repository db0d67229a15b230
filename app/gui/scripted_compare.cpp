#include "scripted_compare.hpp"

#include "compare_dock.hpp"
#include "compare_model.hpp"
#include "main_window.hpp"
#include "scripted_run.hpp"
#include "session_config.hpp"

#include <QDockWidget>
#include <QScrollArea>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace shmscope::gui {
namespace {

QString outcomeName(CompareRun::Outcome outcome) {
    switch (outcome) {
    case CompareRun::Outcome::Completed:
        return QStringLiteral("completed");
    case CompareRun::Outcome::Cancelled:
        return QStringLiteral("cancelled");
    case CompareRun::Outcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

QJsonObject rowObject(const bench::Row& row) {
    QJsonObject object{{QStringLiteral("transport"), QString::fromStdString(row.transport)},
                       {QStringLiteral("msg_size"), static_cast<double>(row.msgSize)}};
    if (row.skipped) {
        object.insert(QStringLiteral("skipped"), QString::fromStdString(*row.skipped));
        return object;
    }
    object.insert(QStringLiteral("msgs_per_s"), row.msgsPerS);
    object.insert(QStringLiteral("bytes_per_s"), row.bytesPerS);
    object.insert(QStringLiteral("spread"), row.spread);
    return object;
}

} // namespace

std::optional<std::vector<std::uint64_t>> parseCompareSizes(const QString& text) {
    std::vector<std::uint64_t> sizes;
    for (const QString& part : text.split(QLatin1Char(','))) {
        const std::optional<std::uint64_t> size = parseSize(part);
        if (!size || *size == 0)
            return std::nullopt;
        sizes.push_back(*size);
    }
    return sizes;
}

ScriptedCompare::ScriptedCompare(MainWindow& window, ScriptedCompareOptions options,
                                 QObject* parent)
    : QObject(parent), window_(window), options_(std::move(options)) {
    duration_.setSingleShot(true);
    connect(&duration_, &QTimer::timeout, &window_.compareDock(), &CompareDock::cancelRun);
    connect(&window_.compareDock().run(), &CompareRun::finished, this,
            &ScriptedCompare::onRunFinished);
}

void ScriptedCompare::fail(const QString& text) {
    failures_ << text;
    QTextStream(stderr) << "shmscope: " << text << '\n';
}

void ScriptedCompare::begin() {
    CompareDock& dock = window_.compareDock();
    for (QWidget* parent = dock.parentWidget(); parent != nullptr; parent = parent->parentWidget()) {
        if (auto* frame = qobject_cast<QDockWidget*>(parent)) {
            frame->show();
            frame->raise(); // its tab in front
            break;
        }
    }
    dock.setRequest({options_.transports, options_.sizes, 1, kSecondsPerRow});
    window_.frameClock().resetStats();
    dock.startRun();
    duration_.start(static_cast<int>(options_.durationSeconds * 1000.0));
}

void ScriptedCompare::onRunFinished(CompareRun::Outcome outcome, const QString& message) {
    duration_.stop();
    outcome_ = outcome;
    error_ = message;
    if (outcome == CompareRun::Outcome::Failed)
        fail(message);
    if (!options_.screenshotPath.isEmpty() && !saveCompareView())
        fail(QStringLiteral("cannot write the screenshot %1").arg(options_.screenshotPath));
    window_.frameClock().stop();
    if (!options_.reportPath.isEmpty() && !saveReport(report(), options_.reportPath))
        fail(QStringLiteral("cannot write the report %1").arg(options_.reportPath));
    emit finished(failures_.isEmpty() ? 0 : 1);
}

// The Compare view alone, laid out at the size of its exported plots: taken out of its dock's
// scroll area for the picture (hidden, so no window of its own appears: the offscreen platform
// warns about one) and put back.
bool ScriptedCompare::saveCompareView() {
    CompareDock& dock = window_.compareDock();
    auto* scroll = qobject_cast<QScrollArea*>(dock.parentWidget() != nullptr
                                                  ? dock.parentWidget()->parentWidget()
                                                  : nullptr);
    if (scroll == nullptr || scroll->widget() != &dock)
        return saveScreenshot(dock, options_.screenshotPath);
    scroll->takeWidget();
    dock.resize(CompareDock::kPngWidth, CompareDock::kPngHeight);
    const bool saved = saveScreenshot(dock, options_.screenshotPath);
    scroll->setWidget(&dock);
    return saved;
}

QByteArray ScriptedCompare::report() const {
    const widgets::FrameStats& stats = window_.frameClock().stats();
    QJsonArray rows;
    for (const bench::Row& row : window_.compareDock().model().finishedRows())
        rows.append(rowObject(row));
    QJsonArray sizes;
    for (const std::uint64_t size : options_.sizes)
        sizes.append(static_cast<double>(size));
    const QJsonObject compare{{QStringLiteral("outcome"), outcomeName(outcome_)},
                              {QStringLiteral("error"), error_},
                              {QStringLiteral("transports"),
                               QJsonArray::fromStringList(options_.transports)},
                              {QStringLiteral("sizes"), sizes},
                              {QStringLiteral("rows"), rows}};
    // The report's first key is frame_ms, as a scenario's (QJsonObject would sort the keys).
    const auto value = [](const QJsonObject& object) {
        return QJsonDocument(object).toJson(QJsonDocument::Compact);
    };
    QByteArray text = "{\"frame_ms\":" + value(percentileSummary(stats.frameMs));
    text += ",\"tick_late_ms\":" + value(percentileSummary(stats.tickLateMs));
    text += ",\"missed_ticks\":" + QByteArray::number(stats.missedTicks);
    text += ",\"compare\":" + value(compare) + "}\n";
    return text;
}

} // namespace shmscope::gui
