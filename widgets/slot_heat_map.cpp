#include "slot_heat_map.hpp"

#include "frame_clock.hpp"
#include "labels.hpp"
#include "theme.hpp"

#include <QEvent>
#include <QFontMetricsF>
#include <QKeyEvent>
#include <QPainter>
#include <algorithm>
#include <array>
#include <cmath>

namespace shmscope::widgets {
namespace {

constexpr std::array<SlotKind, 5> kLegendOrder = {
    SlotKind::Free, SlotKind::Writing, SlotKind::Ready, SlotKind::Reading, SlotKind::Abandoned};
constexpr double kCellAspect = 1.6; // cells a little wider than tall read best
constexpr int kPadding = 4;
const QString kTagPointer = QStringLiteral("▼"); // a tag points down at its cell
// A column count this much off the ideal is still taken when it fills every row.
constexpr double kEvenRowsTolerance = 1.6;

// Columns for `cells` cells in width × height: near the count that gives cells of kCellAspect,
// preferring one that fills every row (8 slots as 4 + 4 or 8, never 7 + 1), and otherwise
// spreading the cells evenly over the rows the ideal count needs.
int columnsFor(int cells, double width, double height) {
    const double ideal =
        std::clamp(std::sqrt(cells * width / (height * kCellAspect)), 1.0, double(cells));
    int best = 0;
    for (int columns = 1; columns <= cells; ++columns) {
        const double off = std::max(columns / ideal, ideal / columns);
        if (cells % columns != 0 || off > kEvenRowsTolerance)
            continue;
        if (best == 0 || off < std::max(best / ideal, ideal / best))
            best = columns;
    }
    if (best != 0)
        return best;
    const int rows =
        (cells + static_cast<int>(std::ceil(ideal)) - 1) / static_cast<int>(std::ceil(ideal));
    return (cells + rows - 1) / rows;
}

// Higher wins when several slots share one cell.
int notability(SlotKind kind) {
    switch (kind) {
    case SlotKind::Abandoned:
        return 4;
    case SlotKind::Writing:
        return 3;
    case SlotKind::Reading:
        return 2;
    case SlotKind::Ready:
        return 1;
    case SlotKind::Free:
        break;
    }
    return 0;
}

} // namespace

SlotHeatMap::SlotHeatMap(FrameClock* clock, QWidget* parent) : QWidget(parent), clock_(clock) {
    setFocusPolicy(Qt::StrongFocus);
    setAccessibleName(tr("Ring slots"));
    setAttribute(Qt::WA_OpaquePaintEvent);
    connect(clock, &FrameClock::tick, this, &SlotHeatMap::onTick);
}

QSize SlotHeatMap::sizeHint() const { return {480, 200}; }
QSize SlotHeatMap::minimumSizeHint() const { return {160, 90}; }

void SlotHeatMap::setSlots(const std::vector<SlotKind>& states, std::uint64_t head,
                           std::uint64_t tail) {
    slots_ = states;
    head_ = head;
    tail_ = tail;
    cursor_ = std::min(cursor_, std::max(0, static_cast<int>(slots_.size()) - 1));
    dirty_ = true;
}

void SlotHeatMap::clearSlots() {
    slots_.clear();
    dirty_ = true;
}

void SlotHeatMap::onTick() {
    if (!dirty_ || !isVisible() || !clock_->isTurnOf(phase_))
        return;
    dirty_ = false;
    clock_->expectPaint(this);
    update();
}

SlotHeatMap::Geometry SlotHeatMap::geometry() const {
    Geometry g;
    const std::vector<LegendItem> items = legend();
    g.legendHeight = items.empty() ? 0 : items.back().box.bottom() + kPadding;
    const int n = static_cast<int>(slots_.size());
    g.cells = std::min(n, kMaxCells);
    if (g.cells == 0)
        return g;
    const double width = std::max(1, this->width() - 2 * kPadding);
    const double height = std::max(1, this->height() - 2 * kPadding - g.legendHeight);
    g.columns = columnsFor(g.cells, width, height);
    g.rows = (g.cells + g.columns - 1) / g.columns;
    g.cellWidth = width / g.columns;
    g.laneHeight = QFontMetricsF(tagFont()).height() + 1;
    g.cellHeight = height / g.rows - g.laneHeight;
    g.letters = g.cellWidth >= kLetterMinCellPx && g.cellHeight >= kLetterMinCellPx;
    if (!g.letters) { // no room for tags: head and tail are outlines only
        g.laneHeight = 0;
        g.cellHeight = height / g.rows;
    }
    return g;
}

QFont SlotHeatMap::tagFont() const {
    QFont small = font();
    small.setPointSizeF(std::max(6.0, font().pointSizeF() * 0.75));
    small.setBold(true);
    return small;
}

QString SlotHeatMap::statusText() const {
    if (slots_.empty())
        return {};
    const auto n = static_cast<std::uint64_t>(slots_.size());
    const std::uint64_t span = head_ >= tail_ ? head_ - tail_ : 0;
    if (head_ % n == tail_ % n) {
        if (span >= n)
            return tr("Ring full: the head has gone a whole lap and caught up with the tail");
        if (span == 0)
            return tr("Ring empty: head and tail point at the same slot");
    }
    return tr("Each cell is one slot at the moment of the latest sample (up to 10 a second)");
}

std::vector<SlotHeatMap::LegendItem> SlotHeatMap::legend() const {
    std::vector<LegendItem> items;
    const int line = fontMetrics().height();
    const int swatch = line - 4;
    int x = kPadding;
    int y = 0;
    const auto place = [&](std::optional<SlotKind> kind, const QString& label) {
        const int width = (kind ? swatch + 3 : 0) + fontMetrics().horizontalAdvance(label);
        if (x > kPadding && x + width > this->width() - kPadding) {
            x = kPadding;
            y += line;
        }
        items.push_back(LegendItem{kind, label, QRect(x, y, width, line)});
        x += width + 3 * kPadding;
    };
    if (const QString status = statusText(); !status.isEmpty()) {
        place(std::nullopt, fontMetrics().elidedText(status, Qt::ElideRight,
                                                     std::max(1, width() - 2 * kPadding)));
        x = width(); // the legend starts on the next line
    }
    for (const SlotKind kind : kLegendOrder)
        place(kind, QStringLiteral("%1 %2").arg(theme::slotLetter(kind)).arg(labels::slot(kind)));
    place(std::nullopt, kTagPointer + tr("H head (next write)"));
    place(std::nullopt, kTagPointer + tr("T tail (next read)"));
    return items;
}

SlotKind SlotHeatMap::cellKind(int cell, int cells) const {
    const auto n = static_cast<long long>(slots_.size());
    const long long first = cell * n / cells;
    const long long last = std::max(first + 1, (cell + 1) * n / cells);
    SlotKind kind = SlotKind::Free;
    for (long long i = first; i < last; ++i) {
        const SlotKind here = slots_[static_cast<std::size_t>(i)];
        if (notability(here) > notability(kind))
            kind = here;
    }
    return kind;
}

QRectF SlotHeatMap::cellBox(const Geometry& g, int cell) const {
    const int row = cell / g.columns;
    return {kPadding + (cell % g.columns) * g.cellWidth,
            kPadding + row * (g.laneHeight + g.cellHeight) + g.laneHeight, g.cellWidth - 1,
            g.cellHeight - 1};
}

QRectF SlotHeatMap::letterBox(const QRectF& cell) const {
    const QFontMetricsF metrics(font());
    QRectF box(0, 0, metrics.horizontalAdvance(QLatin1Char('W')), metrics.ascent());
    box.moveCenter(cell.center());
    return box;
}

QString SlotHeatMap::tagText(int cell, const Geometry& g) const {
    const int n = static_cast<int>(slots_.size());
    if (n == 0 || g.cells == 0)
        return {};
    const auto cellOf = [&](std::uint64_t position) {
        return static_cast<int>(static_cast<long long>(position % static_cast<std::uint64_t>(n)) *
                                g.cells / n);
    };
    const bool head = cell == cellOf(head_);
    const bool tail = cell == cellOf(tail_);
    if (head && tail)
        return kTagPointer + tr("H T", "head and tail marker");
    if (head)
        return kTagPointer + tr("H", "head marker");
    if (tail)
        return kTagPointer + tr("T", "tail marker");
    return {};
}

QRectF SlotHeatMap::tagBox(const Geometry& g, int cell) const {
    const QString tag = tagText(cell, g);
    if (tag.isEmpty() || !g.letters)
        return {};
    const QRectF box = cellBox(g, cell);
    const double width = QFontMetricsF(tagFont()).horizontalAdvance(tag);
    return {box.left(), box.top() - g.laneHeight, width, g.laneHeight - 1};
}

std::vector<QRectF> SlotHeatMap::cellRects() const {
    const Geometry g = geometry();
    std::vector<QRectF> rects;
    for (int cell = 0; cell < g.cells; ++cell)
        rects.push_back(cellBox(g, cell));
    return rects;
}

std::vector<QRectF> SlotHeatMap::letterRects() const {
    const Geometry g = geometry();
    std::vector<QRectF> rects;
    for (int cell = 0; cell < g.cells && g.letters; ++cell)
        rects.push_back(letterBox(cellBox(g, cell)));
    return rects;
}

std::vector<QRectF> SlotHeatMap::tagRects() const {
    const Geometry g = geometry();
    std::vector<QRectF> rects;
    for (int cell = 0; cell < g.cells; ++cell) {
        if (const QRectF box = tagBox(g, cell); !box.isNull())
            rects.push_back(box);
    }
    return rects;
}

void SlotHeatMap::paintEvent(QPaintEvent* /*event*/) {
    QPainter painter(this);
    const QPalette pal = palette();
    const bool dark = theme::isDark(pal);
    painter.fillRect(rect(), pal.color(QPalette::Base));
    const Geometry g = geometry();
    const QColor text = pal.color(QPalette::WindowText);
    if (g.cells == 0) {
        painter.setPen(text);
        painter.drawText(rect(), Qt::AlignCenter, tr("No slot states yet"));
    } else {
        const int n = static_cast<int>(slots_.size());
        const int cursorCell = static_cast<int>(static_cast<long long>(cursor_) * g.cells / n);
        for (int cell = 0; cell < g.cells; ++cell) {
            const QRectF box = cellBox(g, cell);
            const SlotKind kind = cellKind(cell, g.cells);
            const QColor fill = theme::slotColour(kind, dark);
            painter.fillRect(box, fill);
            if (g.letters) {
                painter.setPen(fill.lightness() > 140 ? Qt::black : Qt::white);
                painter.drawText(box, Qt::AlignCenter, QString(theme::slotLetter(kind)));
            }
            const QString tag = tagText(cell, g);
            if (!tag.isEmpty()) {
                // Head and tail: an outline on the cell, and the tag in the lane above it, so
                // that it never runs into the state letter.
                painter.setPen(QPen(text, 2));
                painter.drawRect(box.adjusted(1, 1, -1, -1));
                if (g.letters) {
                    painter.setFont(tagFont());
                    painter.setPen(text);
                    painter.drawText(tagBox(g, cell), Qt::AlignLeft | Qt::AlignBottom, tag);
                    painter.setFont(font());
                }
            }
            if (hasFocus() && cell == cursorCell) {
                painter.setPen(QPen(pal.color(QPalette::Highlight), 2, Qt::DotLine));
                painter.drawRect(box.adjusted(2, 2, -2, -2));
            }
        }
    }
    // Legend: swatch, letter and name, so no state rests on colour alone.
    const int swatch = fontMetrics().height() - 4;
    const int legendTop = height() - g.legendHeight;
    for (const LegendItem& item : legend()) {
        const QRect box = item.box.translated(0, legendTop);
        if (item.kind) {
            painter.fillRect(QRect(box.left(), box.top() + 2, swatch, swatch),
                             theme::slotColour(*item.kind, dark));
            painter.setPen(text);
            painter.drawText(box.adjusted(swatch + 3, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                             item.text);
        } else {
            painter.setPen(text);
            painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, item.text);
        }
    }
    painter.end();
    clock_->painted(this);
}

QString SlotHeatMap::describeSlot(int slot) const {
    if (slot < 0 || slot >= static_cast<int>(slots_.size()))
        return {};
    return tr("slot %1: %2").arg(slot).arg(labels::slot(slots_[static_cast<std::size_t>(slot)]));
}

void SlotHeatMap::moveCursor(int delta) {
    if (slots_.empty())
        return;
    cursor_ = std::clamp(cursor_ + delta, 0, static_cast<int>(slots_.size()) - 1);
    setToolTip(describeSlot(cursor_));
    setAccessibleDescription(describeSlot(cursor_));
    update();
}

void SlotHeatMap::keyPressEvent(QKeyEvent* event) {
    const Geometry g = geometry();
    const int row = std::max(1, g.columns) *
                    std::max(1, static_cast<int>(slots_.size()) / std::max(1, g.cells));
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursor(-1);
        break;
    case Qt::Key_Right:
        moveCursor(1);
        break;
    case Qt::Key_Up:
        moveCursor(-row);
        break;
    case Qt::Key_Down:
        moveCursor(row);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void SlotHeatMap::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::LanguageChange) {
        setAccessibleName(tr("Ring slots"));
        update();
    }
    QWidget::changeEvent(event);
}

} // namespace shmscope::widgets
