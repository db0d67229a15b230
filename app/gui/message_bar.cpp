#include "message_bar.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace shmscope::gui {

MessageBar::MessageBar(QWidget* parent)
    : QFrame(parent), text_(new QLabel(this)), close_(new QToolButton(this)) {
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette warning = palette();
    warning.setColor(QPalette::Window, QColor(0xf9, 0xe0, 0xb0));
    warning.setColor(QPalette::WindowText, QColor(0x30, 0x20, 0x00));
    setPalette(warning);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(16, 16));
    layout->addWidget(icon);
    layout->addWidget(text_, 1);
    layout->addWidget(close_);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    close_->setAutoRaise(true);
    close_->setText(QStringLiteral("✕"));
    connect(close_, &QToolButton::clicked, this, [this] {
        hidden_ = 0;
        hide();
    });
    retranslate();
    hide();
}

void MessageBar::showMessage(const QString& text) {
    if (isVisible())
        ++hidden_;
    current_ = text;
    text_->setText(hidden_ == 0 ? text
                                : tr("%1 (and %n more in the Log)", nullptr, hidden_).arg(text));
    show();
}

void MessageBar::retranslate() {
    close_->setToolTip(tr("Dismiss this message"));
    setAccessibleName(tr("Messages"));
}

void MessageBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

} // namespace shmscope::gui
