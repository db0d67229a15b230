// Scripted mode: start a scenario in the main window, run it for a duration, take a screenshot,
// stop the workers and write the report (docs/CLI.md): frame times first, then what was displayed,
// the workers' own summary lines and the observations that compare them. No dialog ever shows.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QTimer>
#include <vector>

class QWidget;

namespace shmscope::gui {

class MainWindow;
class Session;

struct ScriptedOptions {
    QString scenario;
    double durationSeconds = 10.0;
    QString screenshotPath;
    QString reportPath;
};

// {"count","p50","p95","p99","max"} of `values` (nearest-rank percentiles).
QJsonObject percentileSummary(std::vector<double> values);

// A scripted run's outputs: saved, with "screenshot: PATH" or "report: PATH" (absolute) on
// stdout; false when the file cannot be written.
bool saveScreenshot(QWidget& widget, const QString& path);
bool saveReport(const QByteArray& report, const QString& path);

class ScriptedRun : public QObject {
    Q_OBJECT
public:
    ScriptedRun(MainWindow& window, Session& session, ScriptedOptions options,
                QObject* parent = nullptr);

    // Starts the scenario; finished() follows with the process exit status.
    void begin();

signals:
    void finished(int exitCode);

private:
    void onDurationElapsed();
    void onStopped();
    [[nodiscard]] QByteArray report() const;
    [[nodiscard]] QJsonArray observations(const QJsonObject& displayed, const QJsonArray& workers,
                                          const QJsonObject& frames) const;
    void fail(const QString& text);

    MainWindow& window_;
    Session& session_;
    ScriptedOptions options_;
    QTimer duration_;
    QStringList failures_;
    bool stopping_ = false;
};

} // namespace shmscope::gui
