#include "shortcut_list.hpp"

#include "command_catalog.hpp"

#include <QAction>
#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shmscope::gui {
namespace {

constexpr int kListWidth = 620;
constexpr int kListHeight = 520;

} // namespace

ShortcutList::ShortcutList(QMenuBar* menus, QWidget* parent)
    : QDialog(parent), menus_(menus), table_(new QTableWidget(this)) {
    setObjectName(QStringLiteral("shortcutList"));
    resize(kListWidth, kListHeight);
    table_->setColumnCount(3);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setAlternatingRowColors(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table_, 1);
    layout->addWidget(buttons);
    refill();
}

void ShortcutList::showList() {
    refill();
    show();
    raise();
    activateWindow();
}

void ShortcutList::refill() {
    setWindowTitle(tr("Keyboard shortcuts"));
    table_->setAccessibleName(tr("Keyboard shortcuts"));
    table_->setHorizontalHeaderLabels({tr("Shortcut"), tr("Command"), tr("Menu")});
    table_->setRowCount(0);
    for (QAction* action : menuActions(menus_)) {
        if (action->shortcut().isEmpty())
            continue;
        const int row = table_->rowCount();
        table_->insertRow(row);
        table_->setItem(
            row, 0, new QTableWidgetItem(action->shortcut().toString(QKeySequence::NativeText)));
        table_->setItem(row, 1, new QTableWidgetItem(plainText(action)));
        table_->setItem(row, 2, new QTableWidgetItem(menuPath(menus_, action)));
    }
    table_->resizeColumnsToContents();
}

void ShortcutList::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        refill();
    QDialog::changeEvent(event);
}

} // namespace shmscope::gui
