// The commands of a window as its menus offer them: the command palette, the shortcut list and
// the tests all read the menus, so a command that is not in a menu is nowhere.
#pragma once

#include <QString>
#include <vector>

class QAction;
class QMenuBar;

namespace shmscope::gui {

// Every action reachable from `bar`, depth first in menu order, without separators and submenu
// entries (their actions are listed instead).
[[nodiscard]] std::vector<QAction*> menuActions(const QMenuBar* bar);
// The action's text as a person reads it: no '&' mnemonics, no trailing ellipsis.
[[nodiscard]] QString plainText(const QAction* action);
// The menu path of a command, "View ▸ Theme", for the palette.
[[nodiscard]] QString menuPath(const QMenuBar* bar, const QAction* action);

} // namespace shmscope::gui
