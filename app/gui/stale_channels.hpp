// Channels left behind by processes that are all gone (a crash leaves its segment in /dev/shm):
// found when the application starts and offered for removal in a non-modal bar, Remove or
// Ignore. "Stale" is what `shmscope-stat --gc` removes: no process holds the segment's lock.
#pragma once

#include <QFrame>
#include <QStringList>

class QLabel;
class QPushButton;

namespace shmscope::gui {

// Names of the channels no live process is attached to, sorted; only those starting with
// `prefix` when one is given.
QStringList findStaleChannels(const QString& prefix = {});
// Removes those of `names` that are still stale now; returns the ones removed.
QStringList removeStaleChannels(const QStringList& names);

class StaleChannelsBar : public QFrame {
    Q_OBJECT
public:
    static constexpr int kNamesShown = 5;

    explicit StaleChannelsBar(QWidget* parent = nullptr);

    // Looks for stale channels (named `prefix`… when given); shows the bar when there are some.
    void check(const QString& prefix = {});
    [[nodiscard]] const QStringList& channels() const { return channels_; }
    [[nodiscard]] QString text() const;

public slots:
    void removeChannels();
    void ignore();

signals:
    // After Remove: what went, and the one-line reason for any that could not.
    void removed(const QStringList& names, const QString& failure);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* text_;
    QPushButton* remove_;
    QPushButton* ignore_;
    QStringList channels_;
};

} // namespace shmscope::gui
