// The process table, and what can be done to the selected worker: change its rate, message
// size and pause state live (the table says "applying…" until the worker acknowledges), stop it
// gracefully, kill it, restart it, copy its command line. Live changes are undoable steps.
#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace shmscope::gui {

class LiveChanges;
class Session;

class ProcessDock : public QWidget {
    Q_OBJECT
public:
    ProcessDock(Session& session, LiveChanges& changes, QWidget* parent = nullptr);

    // The launcher id of the selected row, -1 when none or not a worker of this session.
    [[nodiscard]] int selectedWorker() const;
    [[nodiscard]] QTableView* view() const { return view_; }

public slots:
    void stopSelected();
    void killSelected();
    void restartSelected();
    void togglePauseSelected();
    // The selected worker's exact shmscope-worker command line, shell-quoted, to the clipboard.
    void copyCommandLineOfSelected();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyChanges();
    void updateControls();

    Session& session_;
    LiveChanges& changes_;
    QTableView* view_;
    QLineEdit* rate_;
    QLineEdit* size_;
    QCheckBox* paused_;
    QPushButton* apply_;
    QPushButton* stop_;
    QPushButton* kill_;
    QPushButton* restart_;
    QLabel* rateLabel_;
    QLabel* sizeLabel_;
    QLabel* status_;
};

} // namespace shmscope::gui
