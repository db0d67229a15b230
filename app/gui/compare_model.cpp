#include "compare_model.hpp"

#include "statistics.hpp"
#include "units.hpp"

#include <QBrush>
#include <QColor>
#include <algorithm>
#include <map>

namespace shmscope::gui {
namespace {

namespace units = widgets::units;

QVariant latencyText(const std::optional<bench::Latency>& latency,
                     std::uint64_t bench::Latency::*field) {
    if (!latency)
        return QStringLiteral("–");
    return units::duration(static_cast<double>((*latency).*field));
}

} // namespace

CompareModel::CompareModel(QObject* parent) : QAbstractTableModel(parent) {}

void CompareModel::setPlan(const QStringList& transports, const std::vector<std::uint64_t>& sizes) {
    beginResetModel();
    entries_.clear();
    for (const QString& transport : transports) {
        for (const std::uint64_t size : sizes) {
            Entry entry;
            entry.row.transport = transport.toStdString();
            entry.row.msgSize = size;
            entries_.push_back(std::move(entry));
        }
    }
    endResetModel();
}

void CompareModel::setResult(const bench::Row& row) {
    const auto found = std::find_if(entries_.begin(), entries_.end(), [&row](const Entry& e) {
        return !e.finished && e.row.transport == row.transport && e.row.msgSize == row.msgSize;
    });
    if (found == entries_.end()) {
        const int at = rowCount();
        beginInsertRows({}, at, at);
        entries_.push_back(Entry{row, true, {}});
        endInsertRows();
        return;
    }
    found->row = row;
    found->finished = true;
    const int at = static_cast<int>(found - entries_.begin());
    emit dataChanged(index(at, 0), index(at, columnCount() - 1));
}

void CompareModel::markUnfinished(const QString& reason) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (entries_[i].finished)
            continue;
        entries_[i].note = reason;
        const int at = static_cast<int>(i);
        emit dataChanged(index(at, 0), index(at, columnCount() - 1));
    }
}

void CompareModel::clear() {
    beginResetModel();
    entries_.clear();
    endResetModel();
}

int CompareModel::finishedCount() const {
    return static_cast<int>(
        std::count_if(entries_.begin(), entries_.end(), [](const Entry& e) { return e.finished; }));
}

std::vector<bench::Row> CompareModel::finishedRows() const {
    std::vector<bench::Row> rows;
    for (const Entry& entry : entries_) {
        if (entry.finished)
            rows.push_back(entry.row);
    }
    return rows;
}

QString CompareModel::markdown() const {
    return QString::fromStdString(bench::formatMarkdown(finishedRows()));
}

QString CompareModel::csv() const {
    return QString::fromStdString(bench::formatCsv(finishedRows()));
}

std::vector<widgets::CompareSeries> CompareModel::throughputSeries() const {
    std::vector<widgets::CompareSeries> series;
    std::map<std::string, std::size_t> byTransport;
    for (const bench::Row& row : finishedRows()) {
        if (row.skipped || row.bytesPerS <= 0)
            continue;
        auto [at, added] = byTransport.try_emplace(row.transport, series.size());
        if (added)
            series.push_back({QString::fromStdString(row.transport), {}, {}});
        series[at->second].x.push_back(static_cast<double>(row.msgSize));
        series[at->second].y.push_back(row.bytesPerS);
    }
    return series;
}

std::vector<widgets::CompareSeries> CompareModel::latencySeries(std::uint64_t* cdfSize) const {
    const std::vector<bench::Row> rows = finishedRows();
    std::uint64_t size = UINT64_MAX;
    for (const bench::Row& row : rows) {
        if (!row.streamSamples.empty())
            size = std::min(size, row.msgSize);
    }
    if (cdfSize)
        *cdfSize = size == UINT64_MAX ? 0 : size;
    std::vector<widgets::CompareSeries> series;
    for (const bench::Row& row : rows) {
        if (row.msgSize != size || row.streamSamples.empty())
            continue;
        widgets::CompareSeries line{QString::fromStdString(row.transport), {}, {}};
        const double n = static_cast<double>(row.streamSamples.size());
        for (std::size_t i = 0; i < row.streamSamples.size(); ++i) {
            line.x.push_back(static_cast<double>(std::max<std::uint64_t>(1, row.streamSamples[i])));
            line.y.push_back(static_cast<double>(i + 1) / n);
        }
        series.push_back(std::move(line));
    }
    return series;
}

int CompareModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int CompareModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(Column::Count);
}

QVariant CompareModel::display(const Entry& entry, Column column) const {
    const bench::Row& row = entry.row;
    switch (column) {
    case Column::Transport:
        return QString::fromStdString(row.transport);
    case Column::Size:
        return units::bytes(static_cast<double>(row.msgSize));
    case Column::Note:
        if (row.skipped)
            return tr("skipped: %1").arg(QString::fromStdString(*row.skipped));
        if (!entry.finished)
            return entry.note.isEmpty() ? tr("waiting…") : entry.note;
        return row.spread > bench::kWideSpread ? tr("spread too wide to trust") : QString();
    default:
        break;
    }
    if (!entry.finished || row.skipped)
        return QString();
    switch (column) {
    case Column::MessagesPerSecond:
        return units::messagesPerSecond(row.msgsPerS);
    case Column::BytesPerSecond:
        return units::bytesPerSecond(row.bytesPerS);
    case Column::Spread:
        return units::percent(row.spread / 2);
    case Column::LatencyP50:
        return latencyText(row.stream, &bench::Latency::p50);
    case Column::LatencyP99:
        return latencyText(row.stream, &bench::Latency::p99);
    case Column::LatencyP999:
        return latencyText(row.stream, &bench::Latency::p999);
    case Column::LatencyMax:
        return latencyText(row.stream, &bench::Latency::max);
    case Column::CpuProducer:
        return units::duration(row.cpuNsPerMsgProducer);
    case Column::CpuConsumer:
        return units::duration(row.cpuNsPerMsgConsumer);
    default:
        return QString();
    }
}

QVariant CompareModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = entries_[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(entry, column);
    case Qt::ToolTipRole:
        return column == Column::Note ? display(entry, column) : QVariant();
    case Qt::TextAlignmentRole:
        return column == Column::Transport || column == Column::Note
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!entry.finished || entry.row.skipped)
            return QBrush(QColor(0x80, 0x80, 0x80));
        return {};
    default:
        return {};
    }
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (static_cast<Column>(section)) {
    case Column::Transport:
        return tr("Transport");
    case Column::Size:
        return tr("Size");
    case Column::MessagesPerSecond:
        return tr("Messages/s");
    case Column::BytesPerSecond:
        return tr("Bytes/s");
    case Column::Spread:
        return tr("Spread (±)");
    case Column::LatencyP50:
        return tr("p50");
    case Column::LatencyP99:
        return tr("p99");
    case Column::LatencyP999:
        return tr("p99.9");
    case Column::LatencyMax:
        return tr("max");
    case Column::CpuProducer:
        return tr("CPU/msg producer");
    case Column::CpuConsumer:
        return tr("CPU/msg consumer");
    case Column::Note:
        return tr("Note");
    case Column::Count:
        break;
    }
    return {};
}

} // namespace shmscope::gui
