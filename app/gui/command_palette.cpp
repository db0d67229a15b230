#include "command_palette.hpp"

#include "command_catalog.hpp"

#include <QAction>
#include <QCoreApplication>
#include <QEvent>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QVBoxLayout>
#include <algorithm>

namespace shmscope::gui {
namespace {

constexpr int kActionRole = Qt::UserRole;
constexpr int kSearchRole = Qt::UserRole + 1;
constexpr int kPaletteWidth = 560;
constexpr int kPaletteHeight = 420;

} // namespace

CommandPalette::CommandPalette(QMenuBar* menus, QWidget* parent)
    : QDialog(parent), menus_(menus), filter_(new QLineEdit(this)), list_(new QListWidget(this)) {
    setObjectName(QStringLiteral("commandPalette"));
    resize(kPaletteWidth, kPaletteHeight);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(filter_);
    layout->addWidget(list_, 1);
    list_->setUniformItemSizes(true);
    filter_->installEventFilter(this);
    connect(filter_, &QLineEdit::textChanged, this, &CommandPalette::applyFilter);
    connect(filter_, &QLineEdit::returnPressed, this, &CommandPalette::runCurrent);
    connect(list_, &QListWidget::itemActivated, this, &CommandPalette::runCurrent);
    retranslate();
}

void CommandPalette::open() {
    refill();
    filter_->clear();
    applyFilter(QString());
    QDialog::open();
    filter_->setFocus();
}

void CommandPalette::refill() {
    list_->clear();
    for (QAction* action : menuActions(menus_)) {
        if (!action->isVisible() || plainText(action).isEmpty())
            continue;
        QString label = plainText(action);
        const QString path = menuPath(menus_, action);
        if (!path.isEmpty())
            label = QStringLiteral("%1 ▸ %2").arg(path, label);
        if (!action->shortcut().isEmpty())
            label += QStringLiteral("    (%1)")
                         .arg(action->shortcut().toString(QKeySequence::NativeText));
        auto* item = new QListWidgetItem(label, list_);
        item->setData(kActionRole, QVariant::fromValue(QPointer<QAction>(action)));
        item->setData(kSearchRole, (label + QLatin1Char(' ') + action->toolTip()).toCaseFolded());
        item->setToolTip(action->toolTip());
        if (!action->isEnabled())
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
}

void CommandPalette::applyFilter(const QString& text) {
    // Every word typed must appear somewhere in the command's path, name or tooltip.
    const QStringList words = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    QListWidgetItem* first = nullptr;
    for (int i = 0; i < list_->count(); ++i) {
        QListWidgetItem* item = list_->item(i);
        const QString haystack = item->data(kSearchRole).toString();
        const bool match = std::all_of(words.begin(), words.end(), [&](const QString& word) {
            return haystack.contains(word);
        });
        item->setHidden(!match);
        if (match && !first && (item->flags() & Qt::ItemIsEnabled))
            first = item;
    }
    list_->setCurrentItem(first);
}

void CommandPalette::runCurrent() {
    QListWidgetItem* item = list_->currentItem();
    if (!item || item->isHidden() || !(item->flags() & Qt::ItemIsEnabled))
        return;
    const QPointer<QAction> action = item->data(kActionRole).value<QPointer<QAction>>();
    accept();
    if (action && action->isEnabled())
        action->trigger();
}

bool CommandPalette::eventFilter(QObject* watched, QEvent* event) {
    // Up and Down move through the list while typing goes on in the filter.
    if (watched == filter_ && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent*>(event)->key();
        if (key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_PageUp ||
            key == Qt::Key_PageDown) {
            QCoreApplication::sendEvent(list_, event);
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void CommandPalette::retranslate() {
    setWindowTitle(tr("Command palette"));
    filter_->setPlaceholderText(tr("Type to find a command; Enter runs it"));
    filter_->setAccessibleName(tr("Find a command"));
    list_->setAccessibleName(tr("Commands"));
}

void CommandPalette::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QDialog::changeEvent(event);
}

} // namespace shmscope::gui
