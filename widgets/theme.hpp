// Light and dark palettes, the system's preference (XDG settings portal, then the window
// colour), and colour-blind-safe series colours. Widgets take colours from here and from the
// palette, and re-apply them on QEvent::PaletteChange.
#pragma once

#include "samples.hpp"

#include <QColor>
#include <QPalette>

namespace shmscope::widgets::theme {

enum class Choice { System, Light, Dark };

// The palette for a light or dark interface (Fusion style colours).
QPalette palette(bool dark);
// White on black with yellow highlights, for projectors: the presenter view.
QPalette highContrastPalette();
// True when the desktop asks for a dark interface: the portal's
// org.freedesktop.appearance color-scheme (1 = dark), else a dark window colour.
bool systemPrefersDark();
// Sets the Fusion style and the palette of `choice` on the running application.
void apply(Choice choice);
bool isDark(const QPalette& palette);

// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. Series also
// differ by dash pattern (seriesDash), never by colour alone.
QColor seriesColour(int index, bool dark);
Qt::PenStyle seriesDash(int index);
QColor slotColour(SlotKind kind, bool dark);
// The letter drawn in a heat-map cell, so that state never rests on colour alone.
QChar slotLetter(SlotKind kind);

} // namespace shmscope::widgets::theme
