// Scripted Compare: `shmscope --compare TRANSPORTS [--sizes BYTES,...]` runs the Compare view over
// these shmscope-bench transports instead of a scenario (docs/CLI.md, "shmscope"). The run ends
// when the bench finishes, or at --duration, when it is cancelled as the Cancel button does; then
// the screenshot (the Compare view alone, at the size of its exported plots) and the report with
// every finished row.
#pragma once

#include "compare_run.hpp"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <QWidget>
#include <vector>

namespace shmscope::gui {

class MainWindow;

struct ScriptedCompareOptions {
    QStringList transports;
    std::vector<std::uint64_t> sizes;
    double durationSeconds = 10.0;
    QString screenshotPath;
    QString reportPath;
};

// The sizes of --sizes ("64,4KiB,1MiB"): nullopt when one is not a size.
std::optional<std::vector<std::uint64_t>> parseCompareSizes(const QString& text);

class ScriptedCompare : public QObject {
    Q_OBJECT
public:
    // One repetition of this long per row: a scripted comparison is a look, not a measurement
    // campaign (the Compare view's own defaults are the bench's).
    static constexpr double kSecondsPerRow = 0.2;

    ScriptedCompare(MainWindow& window, ScriptedCompareOptions options, QObject* parent = nullptr);

    // Raises the Compare view and starts the bench; finished() follows with the exit status.
    void begin();

signals:
    void finished(int exitCode);

private:
    void onRunFinished(CompareRun::Outcome outcome, const QString& message);
    [[nodiscard]] QByteArray report() const;
    bool saveCompareView();
    void fail(const QString& text);

    MainWindow& window_;
    ScriptedCompareOptions options_;
    QTimer duration_;
    QStringList failures_;
    CompareRun::Outcome outcome_ = CompareRun::Outcome::Failed;
    QString error_;
};

} // namespace shmscope::gui
