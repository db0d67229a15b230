// Channel setup: the scenario, the channel's parameters and the workers to start, with one
// primary Start button. While a session runs, "Add producer/consumer" starts one more worker.
#pragma once

#include "session_config.hpp"

#include <QWidget>
#include <vector>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QTableWidget;

namespace shmscope::gui {

class ChannelSetupDock : public QWidget {
    Q_OBJECT
public:
    explicit ChannelSetupDock(QWidget* parent = nullptr);

    [[nodiscard]] SessionConfig config() const;
    void setConfig(const SessionConfig& config);
    void setRunning(bool running);
    [[nodiscard]] QPushButton* startButton() const { return start_; }

signals:
    void startRequested();
    void stopRequested();
    void addWorkerRequested(const shmscope::gui::WorkerSpec& spec);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void retranslate();
    void addWorkerRow(const WorkerSpec& spec);
    [[nodiscard]] WorkerSpec workerAt(int row) const;
    void addWorker(const QString& role);
    void onScenarioChosen(int index);
    void showDescription(const QString& text);
    void fitDescription();
    void fitWorkerRows();
    void fitWidth();
    void showPathRow();

    QComboBox* scenario_;
    QLabel* description_;
    QComboBox* sync_;
    QComboBox* wait_;
    QComboBox* slots_;
    QComboBox* slotSize_;
    QComboBox* backpressure_;
    QComboBox* delivery_;
    QComboBox* compression_;
    QComboBox* transport_;
    QLineEdit* path_; // the data file of the file transport
    QFormLayout* form_;
    std::vector<QLabel*> labels_; // one per form row, in row order
    QTableWidget* workers_;
    QScrollArea* scroll_ = nullptr; // the fields above Start and Stop
    QPushButton* addProducer_;
    QPushButton* addConsumer_;
    QPushButton* remove_;
    QPushButton* start_;
    QPushButton* stop_;
    bool running_ = false;
    bool filling_ = false;
};

} // namespace shmscope::gui
