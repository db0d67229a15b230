#include "ui_strings.hpp"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTabBar>

namespace {

QString describe(const QObject* object) {
    return object->objectName().isEmpty() ? QString::fromLatin1(object->metaObject()->className())
                                          : object->objectName();
}

void addText(std::vector<UiString>& into, QString text, const QFont& font, const QObject* from) {
    text.remove(QLatin1Char('&'));
    if (!text.trimmed().isEmpty())
        into.push_back({text, font, describe(from)});
}

void addMenu(std::vector<UiString>& into, const QMenu* menu) {
    addText(into, menu->title(), menu->font(), menu);
    for (const QAction* action : menu->actions()) {
        if (action->isSeparator() || !action->isVisible())
            continue;
        if (action->menu()) {
            addMenu(into, action->menu());
            continue;
        }
        addText(into, action->text(), menu->font(), action);
        addText(into, action->toolTip(), menu->font(), action);
    }
}

} // namespace

std::vector<UiString> visibleStrings(QWidget* window) {
    std::vector<UiString> strings;
    addText(strings, window->windowTitle(), window->font(), window);
    QList<QWidget*> widgets = window->findChildren<QWidget*>();
    widgets.prepend(window);
    for (const QWidget* widget : widgets) {
        const QFont& font = widget->font();
        addText(strings, widget->toolTip(), font, widget);
        addText(strings, widget->accessibleName(), font, widget);
        if (const auto* bar = qobject_cast<const QMenuBar*>(widget)) {
            for (const QAction* action : bar->actions()) {
                if (action->menu())
                    addMenu(strings, action->menu());
            }
        } else if (const auto* label = qobject_cast<const QLabel*>(widget)) {
            if (label->textFormat() != Qt::RichText)
                addText(strings, label->text(), font, widget);
        } else if (const auto* button = qobject_cast<const QAbstractButton*>(widget)) {
            addText(strings, button->text(), font, widget);
        } else if (const auto* edit = qobject_cast<const QLineEdit*>(widget)) {
            addText(strings, edit->placeholderText(), font, widget);
        } else if (const auto* combo = qobject_cast<const QComboBox*>(widget)) {
            for (int i = 0; i < combo->count(); ++i)
                addText(strings, combo->itemText(i), font, widget);
        } else if (const auto* group = qobject_cast<const QGroupBox*>(widget)) {
            addText(strings, group->title(), font, widget);
        } else if (const auto* dock = qobject_cast<const QDockWidget*>(widget)) {
            addText(strings, dock->windowTitle(), font, widget);
        } else if (const auto* tabs = qobject_cast<const QTabBar*>(widget)) {
            for (int i = 0; i < tabs->count(); ++i)
                addText(strings, tabs->tabText(i), font, widget);
        } else if (const auto* view = qobject_cast<const QAbstractItemView*>(widget)) {
            if (const QAbstractItemModel* model = view->model()) {
                for (int column = 0; column < model->columnCount(); ++column) {
                    addText(strings, model->headerData(column, Qt::Horizontal).toString(), font,
                            widget);
                    addText(strings,
                            model->headerData(column, Qt::Horizontal, Qt::ToolTipRole).toString(),
                            font, widget);
                }
            }
        }
    }
    return strings;
}
