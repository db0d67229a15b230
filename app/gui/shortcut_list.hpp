// F1: every command that has a shortcut, with its key and its menu, read from the menus.
#pragma once

#include <QDialog>

class QMenuBar;
class QTableWidget;

namespace shmscope::gui {

class ShortcutList : public QDialog {
    Q_OBJECT
public:
    ShortcutList(QMenuBar* menus, QWidget* parent);

    // Refills the table from the menus and shows the dialog (not modal).
    void showList();
    [[nodiscard]] QTableWidget* table() const { return table_; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void refill();

    QMenuBar* menus_;
    QTableWidget* table_;
};

} // namespace shmscope::gui
