// The ring's slots as a grid: free, being written, ready, being read, abandoned — a colour and a
// letter per cell, with the head (next write) and tail (next read) marked in a lane above each
// row of cells, apart from the letters. Rings with more slots than cells fold several slots into
// one cell, showing the most notable state. A status line tells a full ring from an empty one
// when head and tail share a slot.
#pragma once

#include "samples.hpp"

#include <QWidget>
#include <optional>
#include <vector>

namespace shmscope::widgets {

class FrameClock;

class SlotHeatMap : public QWidget {
    Q_OBJECT
public:
    static constexpr int kMaxCells = 1024;
    static constexpr int kLetterMinCellPx = 14;

    explicit SlotHeatMap(FrameClock* clock, QWidget* parent = nullptr);

    void setSlots(const std::vector<SlotKind>& states, std::uint64_t head, std::uint64_t tail);
    void clearSlots();
    [[nodiscard]] int cursor() const { return cursor_; }
    [[nodiscard]] QString describeSlot(int slot) const;
    // What a person reads under the grid about head and tail ("ring full: …", "ring empty: …"),
    // empty while there are no slots.
    [[nodiscard]] QString statusText() const;
    // Where the grid draws: each cell, the area of its state letter, and the head and tail tags
    // (null rectangles when not drawn), in widget coordinates.
    [[nodiscard]] std::vector<QRectF> cellRects() const;
    [[nodiscard]] std::vector<QRectF> letterRects() const;
    [[nodiscard]] std::vector<QRectF> tagRects() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Geometry {
        int cells = 0;
        int columns = 0;
        int rows = 0;
        double cellWidth = 0;
        double cellHeight = 0;
        double laneHeight = 0; // above each row: the head and tail tags
        bool letters = false;
        int legendHeight = 0;
    };
    struct LegendItem {
        std::optional<SlotKind> kind; // none: a marker explanation
        QString text;
        QRect box; // relative to the legend's top
    };
    [[nodiscard]] Geometry geometry() const;
    [[nodiscard]] std::vector<LegendItem> legend() const;
    [[nodiscard]] SlotKind cellKind(int cell, int cells) const;
    [[nodiscard]] QRectF cellBox(const Geometry& g, int cell) const;
    [[nodiscard]] QRectF letterBox(const QRectF& cell) const;
    [[nodiscard]] QString tagText(int cell, const Geometry& g) const;
    [[nodiscard]] QRectF tagBox(const Geometry& g, int cell) const;
    [[nodiscard]] QFont tagFont() const;
    void onTick();
    void moveCursor(int delta);

    FrameClock* clock_;
    int phase_;
    std::vector<SlotKind> slots_;
    std::uint64_t head_ = 0;
    std::uint64_t tail_ = 0;
    int cursor_ = 0;
    bool dirty_ = true;
};

} // namespace shmscope::widgets
