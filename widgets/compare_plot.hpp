// The plots of a transport comparison, as shmscope-bench draws them: throughput against message
// size (log-log, a line per transport) or the latency CDF (log x, a line per transport).
#pragma once

#include <QString>
#include <QVector>
#include <QWidget>
#include <memory>
#include <vector>

namespace shmscope::widgets {

// One line: a transport's points, in data units (bytes and bytes/s, or ns and a fraction).
struct CompareSeries {
    QString name;
    QVector<double> x;
    QVector<double> y;
};

class ComparePlot : public QWidget {
    Q_OBJECT
public:
    enum class Kind { Throughput, LatencyCdf };

    explicit ComparePlot(Kind kind, QWidget* parent = nullptr);
    ~ComparePlot() override;

    // Replaces every line.
    void setSeries(const std::vector<CompareSeries>& series);
    void setTitle(const QString& title);
    [[nodiscard]] int lineCount() const;
    [[nodiscard]] int pointCount() const;
    bool savePng(const QString& path, int width, int height);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyColours();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace shmscope::widgets
