// Ctrl+K: every command of the window's menus in one list, filtered as you type; Enter runs the
// highlighted one. Commands are read from the menus each time the palette opens, so it never
// offers anything the menus do not.
#pragma once

#include <QDialog>

class QLineEdit;
class QListWidget;
class QMenuBar;

namespace shmscope::gui {

class CommandPalette : public QDialog {
    Q_OBJECT
public:
    CommandPalette(QMenuBar* menus, QWidget* parent);

    // Fills the list from the menus, clears the filter and shows the palette.
    void open() override;
    [[nodiscard]] QLineEdit* filterEdit() const { return filter_; }
    [[nodiscard]] QListWidget* list() const { return list_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void refill();
    void applyFilter(const QString& text);
    void runCurrent();
    void retranslate();

    QMenuBar* menus_;
    QLineEdit* filter_;
    QListWidget* list_;
};

} // namespace shmscope::gui
