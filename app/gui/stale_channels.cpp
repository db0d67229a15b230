#include "stale_channels.hpp"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <shmscope/snapshot.hpp>

namespace shmscope::gui {

QStringList findStaleChannels(const QString& prefix) {
    QStringList names;
    for (const ChannelListing& listing : listChannels()) {
        const QString name = QString::fromStdString(listing.name);
        if (!listing.inUse && name.startsWith(prefix))
            names << name;
    }
    names.sort();
    return names;
}

QStringList removeStaleChannels(const QStringList& names) {
    // Listed again: a channel some process attached to since it was offered stays.
    const QStringList stillStale = findStaleChannels();
    QStringList removed;
    for (const QString& name : names) {
        if (stillStale.contains(name) && removeChannel(name.toStdString()))
            removed << name;
    }
    return removed;
}

StaleChannelsBar::StaleChannelsBar(QWidget* parent)
    : QFrame(parent), text_(new QLabel(this)), remove_(new QPushButton(this)),
      ignore_(new QPushButton(this)) {
    setObjectName(QStringLiteral("StaleChannelsBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette info = palette();
    info.setColor(QPalette::Window, QColor(0xd8, 0xe8, 0xf8));
    info.setColor(QPalette::WindowText, QColor(0x10, 0x20, 0x30));
    setPalette(info);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    auto* icon = new QLabel(this);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxQuestion).pixmap(16, 16));
    layout->addWidget(icon);
    layout->addWidget(text_, 1);
    layout->addWidget(remove_);
    layout->addWidget(ignore_);
    text_->setWordWrap(true);
    text_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    connect(remove_, &QPushButton::clicked, this, &StaleChannelsBar::removeChannels);
    connect(ignore_, &QPushButton::clicked, this, &StaleChannelsBar::ignore);
    retranslate();
    hide();
}

void StaleChannelsBar::check(const QString& prefix) {
    channels_ = findStaleChannels(prefix);
    retranslate();
    setVisible(!channels_.isEmpty());
}

QString StaleChannelsBar::text() const { return text_->text(); }

void StaleChannelsBar::removeChannels() {
    const QStringList gone = removeStaleChannels(channels_);
    QStringList kept;
    for (const QString& name : channels_) {
        if (!gone.contains(name))
            kept << name;
    }
    channels_.clear();
    hide();
    emit removed(gone, kept.isEmpty() ? QString()
                                      : tr("Could not remove %1: in use again or not permitted.")
                                            .arg(kept.join(QStringLiteral(", "))));
}

void StaleChannelsBar::ignore() {
    channels_.clear();
    hide();
}

void StaleChannelsBar::retranslate() {
    remove_->setText(tr("Remove"));
    remove_->setToolTip(tr("Remove these channels from shared memory, as shmscope-stat --gc does"));
    ignore_->setText(tr("Ignore"));
    ignore_->setToolTip(tr("Leave them in place"));
    QStringList shown = channels_.mid(0, kNamesShown);
    if (channels_.size() > kNamesShown)
        shown << tr("and %n more", nullptr, static_cast<int>(channels_.size() - kNamesShown));
    text_->setText(tr("%n shmscope channel(s) left behind by processes that are all gone: %1. "
                      "Remove them?",
                      nullptr, static_cast<int>(channels_.size()))
                       .arg(shown.join(QStringLiteral(", "))));
    setAccessibleName(tr("Stale channels"));
}

void StaleChannelsBar::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QFrame::changeEvent(event);
}

} // namespace shmscope::gui
