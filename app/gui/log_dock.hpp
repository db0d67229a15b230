// Every worker's stderr and stray stdout (the Session's LogModel), with a filter, copy and save.
#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace shmscope::widgets {
class LogModel;
}

namespace shmscope::gui {

class LogDock : public QWidget {
    Q_OBJECT
public:
    LogDock(widgets::LogModel& model, QWidget* parent = nullptr);

public slots:
    void copySelection();
    void save();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    widgets::LogModel& model_;
    QSortFilterProxyModel* filter_;
    QLineEdit* filterText_;
    QTableView* view_;
    QPushButton* copy_;
    QPushButton* save_;
};

} // namespace shmscope::gui
