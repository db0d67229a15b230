// The Compare view: pick transports, message sizes and repetitions, run shmscope-bench, watch
// the rows fill in with a progress bar, see its plots (throughput against message size, latency
// CDF), export the table (CSV, Markdown) and the plots (PNG). The run is another process, so
// the window never freezes.
#pragma once

#include "compare_run.hpp"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace shmscope::widgets {
class ComparePlot;
}

namespace shmscope::gui {

class CompareModel;

class CompareDock : public QWidget {
    Q_OBJECT
public:
    static constexpr int kPngWidth = 1400;
    static constexpr int kPngHeight = 800;

    explicit CompareDock(QWidget* parent = nullptr);
    ~CompareDock() override;

    [[nodiscard]] CompareRun& run() { return *run_; }
    [[nodiscard]] CompareModel& model() { return *model_; }
    [[nodiscard]] widgets::ComparePlot& throughputPlot() { return *throughputPlot_; }
    [[nodiscard]] widgets::ComparePlot& latencyPlot() { return *latencyPlot_; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QString errorText() const;

    // Checks exactly these transports and sizes (unknown ones are added) and sets the counts.
    void setRequest(const CompareRequest& request);
    [[nodiscard]] CompareRequest request() const;

    // Markdown when `path` ends in .md, else CSV; false when it cannot be written.
    bool exportTable(const QString& path);
    // PREFIX-throughput.png and PREFIX-latency.png, as shmscope-bench --plot names them.
    bool exportPlots(const QString& prefix);

public slots:
    void startRun();
    void cancelRun();
    void chooseTableFile();
    void choosePlotPrefix();

protected:
    void changeEvent(QEvent* event) override;

private:
    void createWidgets();
    void setupConnections();
    void retranslate();
    void updateButtons();
    void updateStatus();
    void refreshPlots();
    void onProgress(int step, int steps, const QString& what);
    void onFinished(CompareRun::Outcome outcome, const QString& message);

    CompareRun* run_;
    CompareModel* model_;
    QListWidget* transports_ = nullptr;
    QListWidget* sizes_ = nullptr;
    QSpinBox* reps_ = nullptr;
    QDoubleSpinBox* seconds_ = nullptr;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* exportTable_ = nullptr;
    QPushButton* exportPlots_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* error_ = nullptr;
    QLabel* transportsLabel_ = nullptr;
    QLabel* sizesLabel_ = nullptr;
    QLabel* repsLabel_ = nullptr;
    QLabel* secondsLabel_ = nullptr;
    QTableView* table_ = nullptr;
    widgets::ComparePlot* throughputPlot_ = nullptr;
    widgets::ComparePlot* latencyPlot_ = nullptr;
    enum class State { Idle, Running, Cancelling } state_ = State::Idle;
    QString statusWhat_;
};

} // namespace shmscope::gui
