// A non-modal bar above the panels that shows a failure once, until dismissed.
#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace shmscope::gui {

class MessageBar : public QFrame {
    Q_OBJECT
public:
    explicit MessageBar(QWidget* parent = nullptr);
    void showMessage(const QString& text);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* text_;
    QToolButton* close_;
    int hidden_ = 0; // messages that arrived while another was shown
    QString current_;
};

} // namespace shmscope::gui
