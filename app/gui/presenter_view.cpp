#include "presenter_view.hpp"

#include "narration.hpp"
#include "theme.hpp"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>

namespace shmscope::gui {

PresenterView::PresenterView(QMainWindow* window, QLabel* narration)
    : QObject(window), window_(window), narration_(narration) {
    narration_->setObjectName(QStringLiteral("narration"));
    narration_->setWordWrap(true);
    narration_->setMargin(8);
    narration_->hide();
    showFrame(nullptr);
}

void PresenterView::setActive(bool active) {
    if (active_ == active)
        return;
    active_ = active;
    if (active) {
        savedState_ = window_->saveState(kLayoutVersion);
        for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
            dock->hide();
        window_->statusBar()->hide();
        QFont large = window_->font();
        large.setPointSizeF(large.pointSizeF() * kFontScale);
        window_->setFont(large);
        window_->setPalette(widgets::theme::highContrastPalette());
        narration_->show();
    } else {
        narration_->hide();
        // Empty ones: inherit the application's again, whatever theme it has now.
        window_->setPalette(QPalette());
        window_->setFont(QFont());
        window_->statusBar()->show();
        window_->restoreState(savedState_, kLayoutVersion);
    }
}

void PresenterView::showFrame(const widgets::MetricsFrame* frame) {
    narration_->setText(Narration::describe(frame, narration_->locale()));
}

} // namespace shmscope::gui
