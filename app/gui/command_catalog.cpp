#include "command_catalog.hpp"

#include <QAction>
#include <QMenu>
#include <QMenuBar>

namespace shmscope::gui {
namespace {

void collect(const QList<QAction*>& actions, std::vector<QAction*>& into) {
    for (QAction* action : actions) {
        if (action->isSeparator())
            continue;
        if (QMenu* menu = action->menu())
            collect(menu->actions(), into);
        else
            into.push_back(action);
    }
}

bool findPath(const QList<QAction*>& actions, const QAction* target, QStringList& path) {
    for (QAction* action : actions) {
        if (action == target)
            return true;
        if (QMenu* menu = action->menu()) {
            path << plainText(menu->menuAction());
            if (findPath(menu->actions(), target, path))
                return true;
            path.removeLast();
        }
    }
    return false;
}

} // namespace

std::vector<QAction*> menuActions(const QMenuBar* bar) {
    std::vector<QAction*> actions;
    collect(bar->actions(), actions);
    return actions;
}

QString plainText(const QAction* action) {
    QString text = action->text();
    // "&&" is a literal ampersand; a single '&' marks the mnemonic.
    text.replace(QLatin1String("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    if (text.endsWith(QChar(0x2026)))
        text.chop(1);
    return text;
}

QString menuPath(const QMenuBar* bar, const QAction* action) {
    QStringList path;
    if (!findPath(bar->actions(), action, path))
        return {};
    return path.join(QStringLiteral(" ▸ "));
}

} // namespace shmscope::gui
