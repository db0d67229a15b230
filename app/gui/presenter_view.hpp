// The presenter view, for a 1280×720 projector: large type, white on black, one panel and a
// narration line; everything else hidden. Leaving it restores the docks, fonts and colours.
#pragma once

#include <QByteArray>
#include <QObject>

class QLabel;
class QMainWindow;

namespace shmscope::widgets {
struct MetricsFrame;
}

namespace shmscope::gui {

class PresenterView : public QObject {
    Q_OBJECT
public:
    static constexpr double kFontScale = 1.6;
    static constexpr int kLayoutVersion = 1000; // a saved state of its own, never the window's

    // `narration` sits above the central panel; hidden outside the presenter view.
    PresenterView(QMainWindow* window, QLabel* narration);

    void setActive(bool active);
    [[nodiscard]] bool isActive() const { return active_; }
    // Refreshes the narration from the newest frame (null: nothing has run).
    void showFrame(const widgets::MetricsFrame* frame);

private:
    QMainWindow* window_;
    QLabel* narration_;
    bool active_ = false;
    QByteArray savedState_;
};

} // namespace shmscope::gui
