#include "plot.hpp"

#include "shmscope/params.hpp"

#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <map>

namespace shmscope::bench {
namespace {

constexpr int kWidth = 1400;
constexpr int kHeight = 800;
constexpr int kLeft = 90, kRight = 300, kTop = 50, kBottom = 70;
constexpr int kFontPixels = 13;

struct Series {
    QString name;
    std::vector<QPointF> points; // already in axis units (log10 where the axis is logarithmic)
};

struct Axis {
    double min = 0, max = 1;
    bool log = true;    // labels are 10^v (or 2^v for sizes)
    bool sizes = false; // x axis of message sizes: labels in B/KiB/MiB
    QString title;
};

// Qt's notes about the headless environment (no XDG_RUNTIME_DIR, ...) are not the user's concern.
void quietQtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtCriticalMsg || type == QtFatalMsg)
        std::fprintf(stderr, "shmscope-bench: %s\n", qPrintable(message));
}

// Text needs a font database, which needs a QGuiApplication: an offscreen one, made once.
void ensureGuiApplication() {
    if (QGuiApplication::instance() != nullptr)
        return;
    qInstallMessageHandler(quietQtMessages);
    static int argc = 3;
    static char name[] = "shmscope-bench", platform[] = "-platform", offscreen[] = "offscreen";
    static char* argv[] = {name, platform, offscreen, nullptr};
    static QGuiApplication application(argc, argv);
}

// Ten well-separated colours (matplotlib's tab10), then the same ten dashed, then dotted.
QPen seriesPen(std::size_t index) {
    static const QRgb palette[] = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd,
                                   0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf};
    static const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine};
    constexpr std::size_t colours = std::size(palette);
    return QPen(QColor(palette[index % colours]), 2, styles[(index / colours) % std::size(styles)]);
}

QString tickLabel(const Axis& axis, double value) {
    if (axis.sizes)
        return QString::fromStdString(
            formatBytes(static_cast<std::uint64_t>(std::llround(std::exp2(value)))));
    if (!axis.log)
        return QString::number(value, 'g', 3);
    const double raw = std::pow(10.0, value);
    static const char* const prefixes[] = {"", "k", "M", "G", "T"};
    int index = 0;
    double shown = raw;
    while (shown >= 1000 && index < 4) {
        shown /= 1000;
        ++index;
    }
    return QString::number(shown, 'g', 3) + prefixes[index];
}

std::vector<double> ticks(const Axis& axis) {
    std::vector<double> values;
    const double step = axis.sizes ? 2.0 : axis.log ? 1.0 : 0.1;
    for (double v = std::ceil(axis.min / step) * step; v <= axis.max + 1e-9; v += step)
        values.push_back(v);
    return values;
}

QImage drawPlot(const QString& title, const Axis& x, const Axis& y,
                const std::vector<Series>& series) {
    QImage image(kWidth, kHeight, QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QFont font = painter.font();
    font.setPixelSize(kFontPixels);
    painter.setFont(font);
    const QRectF area(kLeft, kTop, kWidth - kLeft - kRight, kHeight - kTop - kBottom);
    const auto map = [&](QPointF p) {
        return QPointF(area.left() + (p.x() - x.min) / (x.max - x.min) * area.width(),
                       area.bottom() - (p.y() - y.min) / (y.max - y.min) * area.height());
    };
    painter.drawText(QRectF(0, 5, kWidth, kTop - 10), Qt::AlignCenter, title);
    painter.setPen(QColor(225, 225, 225));
    for (double v : ticks(x))
        painter.drawLine(map({v, y.min}), map({v, y.max}));
    for (double v : ticks(y))
        painter.drawLine(map({x.min, v}), map({x.max, v}));
    painter.setPen(Qt::black);
    painter.drawRect(area);
    for (double v : ticks(x))
        painter.drawText(QRectF(map({v, y.min}).x() - 50, area.bottom() + 5, 100, 20),
                         Qt::AlignHCenter | Qt::AlignTop, tickLabel(x, v));
    for (double v : ticks(y))
        painter.drawText(QRectF(0, map({x.min, v}).y() - 10, kLeft - 8, 20),
                         Qt::AlignRight | Qt::AlignVCenter, tickLabel(y, v));
    painter.drawText(QRectF(area.left(), kHeight - 30, area.width(), 20), Qt::AlignCenter, x.title);
    painter.save();
    painter.translate(15, area.center().y());
    painter.rotate(-90);
    painter.drawText(QRectF(-200, -10, 400, 20), Qt::AlignCenter, y.title);
    painter.restore();

    painter.setClipRect(area);
    for (std::size_t i = 0; i < series.size(); ++i) {
        painter.setPen(seriesPen(i));
        QPainterPath path;
        for (std::size_t p = 0; p < series[i].points.size(); ++p) {
            const QPointF at = map(series[i].points[p]);
            if (p == 0)
                path.moveTo(at);
            else
                path.lineTo(at);
            if (series[i].points.size() < 20)
                painter.drawEllipse(at, 2.5, 2.5);
        }
        painter.drawPath(path);
    }
    painter.setClipping(false);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const double rowY = kTop + 10 + 18.0 * static_cast<double>(i);
        painter.setPen(seriesPen(i));
        painter.drawLine(QPointF(area.right() + 15, rowY), QPointF(area.right() + 45, rowY));
        painter.setPen(Qt::black);
        painter.drawText(QPointF(area.right() + 52, rowY + 5), series[i].name);
    }
    return image;
}

void fitAxis(Axis& axis, const std::vector<Series>& series, bool horizontal) {
    double low = INFINITY, high = -INFINITY;
    for (const Series& s : series)
        for (const QPointF& p : s.points) {
            low = std::min(low, horizontal ? p.x() : p.y());
            high = std::max(high, horizontal ? p.x() : p.y());
        }
    if (!std::isfinite(low))
        low = 0, high = 1;
    axis.min = std::floor(low);
    axis.max = std::max(std::ceil(high), axis.min + 1);
}

QImage throughputPlot(const std::vector<Row>& rows) {
    std::map<std::string, Series> byTransport;
    std::vector<std::string> order;
    for (const Row& row : rows) {
        if (row.skipped || row.bytesPerS <= 0)
            continue;
        if (!byTransport.contains(row.transport))
            order.push_back(row.transport);
        Series& s = byTransport[row.transport];
        s.name = QString::fromStdString(row.transport);
        s.points.emplace_back(std::log2(static_cast<double>(row.msgSize)),
                              std::log10(row.bytesPerS));
    }
    std::vector<Series> series;
    for (const std::string& name : order)
        series.push_back(byTransport[name]);
    Axis x{0, 1, true, true, "message size"};
    Axis y{0, 1, true, false, "throughput (bytes/s, log scale)"};
    fitAxis(x, series, true);
    fitAxis(y, series, false);
    return drawPlot("Throughput against message size (median of the repetitions)", x, y, series);
}

QImage latencyPlot(const std::vector<Row>& rows) {
    std::uint64_t size = UINT64_MAX;
    for (const Row& row : rows)
        if (!row.streamSamples.empty())
            size = std::min(size, row.msgSize);
    std::vector<Series> series;
    for (const Row& row : rows) {
        if (row.msgSize != size || row.streamSamples.empty())
            continue;
        Series s;
        s.name = QString::fromStdString(row.transport);
        const double n = static_cast<double>(row.streamSamples.size());
        for (std::size_t i = 0; i < row.streamSamples.size(); ++i)
            s.points.emplace_back(
                std::log10(std::max<double>(1, static_cast<double>(row.streamSamples[i]))),
                static_cast<double>(i + 1) / n);
        series.push_back(std::move(s));
    }
    Axis x{0, 1, true, false, "one-way latency (ns, log scale)"};
    Axis y{0, 1, false, false, "fraction of messages"};
    fitAxis(x, series, true);
    const QString title = size == UINT64_MAX
                              ? QString("Latency CDF: no latency samples")
                              : "Latency CDF, " + QString::fromStdString(formatBytes(size)) +
                                    " messages, fixed-rate stream (≤ 10 k msg/s)";
    return drawPlot(title, x, y, series);
}

} // namespace

Status writePlots(const std::string& prefix, const std::vector<Row>& rows) {
    ensureGuiApplication();
    const std::string throughput = prefix + "-throughput.png";
    const std::string latency = prefix + "-latency.png";
    if (!throughputPlot(rows).save(QString::fromStdString(throughput), "PNG"))
        return makeError(ErrorCode::System, "cannot write " + throughput);
    if (!latencyPlot(rows).save(QString::fromStdString(latency), "PNG"))
        return makeError(ErrorCode::System, "cannot write " + latency);
    return {};
}

} // namespace shmscope::bench
