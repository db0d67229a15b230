// The x range every time plot shares. In Live mode it follows the newest sample over the chosen
// window; a zoom or pan on any plot leaves Live mode and moves all of them; followLive() (End)
// returns.
#pragma once

#include <QObject>

namespace shmscope::widgets {

class TimeAxis : public QObject {
    Q_OBJECT
public:
    static constexpr double kDefaultWindowSeconds = 60.0;

    explicit TimeAxis(QObject* parent = nullptr);

    [[nodiscard]] bool isLive() const { return live_; }
    [[nodiscard]] double lower() const { return lower_; }
    [[nodiscard]] double upper() const { return upper_; }
    [[nodiscard]] double windowSeconds() const { return windowSeconds_; }
    [[nodiscard]] double latest() const { return latest_; }

    void setLatest(double seconds); // a new sample arrived
    void setWindowSeconds(double seconds);
    void setUserRange(double lower, double upper); // zoom or pan by the user
    void followLive();
    void reset(); // a new session: back to live at 0

signals:
    void rangeChanged(double lower, double upper);
    void liveChanged(bool live);

private:
    void setRange(double lower, double upper);
    void followLatest();

    bool live_ = true;
    double windowSeconds_ = kDefaultWindowSeconds;
    double latest_ = 0.0;
    double lower_ = 0.0;
    double upper_ = kDefaultWindowSeconds;
};

} // namespace shmscope::widgets
