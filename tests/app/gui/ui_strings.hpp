// What a person sees of a window, as text: menu titles and commands with their tips, labels,
// buttons, placeholders, combo items, dock titles, table headers, accessible names. Each string
// comes with the font it is drawn in, for the glyph test.
#pragma once

#include <QFont>
#include <QString>
#include <vector>

class QWidget;

struct UiString {
    QString text;
    QFont font;
    QString where; // object name or class, for failure messages
};

std::vector<UiString> visibleStrings(QWidget* window);
