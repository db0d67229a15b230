#include "process_table_model.hpp"

#include "labels.hpp"
#include "theme.hpp"
#include "units.hpp"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>
#include <cmath>

namespace shmscope::widgets {

static QString columnToolTip(ProcessTableModel::Column column);
namespace {

bool sameNumber(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

QString optional(double value, const QString& text) { return std::isnan(value) ? QString() : text; }

} // namespace

bool ProcessRow::operator==(const ProcessRow& o) const {
    return key == o.key && workerId == o.workerId && pid == o.pid && record == o.record &&
           role == o.role && bridge == o.bridge && state == o.state && alive == o.alive && failed == o.failed &&
           sameNumber(messagesPerSecond, o.messagesPerSecond) &&
           sameNumber(bytesPerSecond, o.bytesPerSecond) && messages == o.messages &&
           drops == o.drops && overrun == o.overrun && gaps == o.gaps && corrupt == o.corrupt &&
           lostToCrash == o.lostToCrash && incomplete == o.incomplete &&
           sameNumber(cpuPercent, o.cpuPercent) &&
           sameNumber(contextSwitchesPerSecond, o.contextSwitchesPerSecond) && message == o.message;
}

ProcessTableModel::ProcessTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void ProcessTableModel::setRows(const std::vector<ProcessRow>& rows) {
    const int lastColumn = static_cast<int>(Column::Count_) - 1;
    QSet<QString> present;
    std::vector<ProcessRow> added;
    for (const ProcessRow& incoming : rows) {
        present.insert(incoming.key);
        const auto found = index_.constFind(incoming.key);
        if (found == index_.constEnd()) {
            added.push_back(incoming);
            continue;
        }
        ProcessRow& current = rows_[static_cast<std::size_t>(*found)];
        if (current == incoming)
            continue;
        current = incoming;
        emit dataChanged(index(*found, 0), index(*found, lastColumn));
    }
    for (int row = 0; row < static_cast<int>(rows_.size()); ++row) {
        ProcessRow& current = rows_[static_cast<std::size_t>(row)];
        if (present.contains(current.key) || !current.alive)
            continue;
        current.alive = false;
        current.messagesPerSecond = std::numeric_limits<double>::quiet_NaN();
        current.bytesPerSecond = std::numeric_limits<double>::quiet_NaN();
        emit dataChanged(index(row, 0), index(row, lastColumn));
    }
    if (added.empty())
        return;
    const int first = static_cast<int>(rows_.size());
    beginInsertRows({}, first, first + static_cast<int>(added.size()) - 1);
    for (ProcessRow& row : added) {
        index_.insert(row.key, static_cast<int>(rows_.size()));
        rows_.push_back(std::move(row));
    }
    endInsertRows();
}

void ProcessTableModel::clear() {
    beginResetModel();
    rows_.clear();
    index_.clear();
    endResetModel();
}

const ProcessRow* ProcessTableModel::rowAt(int row) const {
    if (row < 0 || row >= static_cast<int>(rows_.size()))
        return nullptr;
    return &rows_[static_cast<std::size_t>(row)];
}

int ProcessTableModel::rowOf(const QString& key) const { return index_.value(key, -1); }

int ProcessTableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ProcessTableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(Column::Count_);
}

bool ProcessTableModel::highlighted(const ProcessRow& row, Column column) {
    switch (column) {
    case Column::Drops:
        return row.drops != 0;
    case Column::Overrun:
        return row.overrun != 0;
    case Column::Gaps:
        return row.gaps != 0;
    case Column::Corrupt:
        return row.corrupt != 0;
    case Column::LostToCrash:
        return row.lostToCrash != 0;
    case Column::Incomplete:
        return row.incomplete != 0;
    case Column::State:
    case Column::Alive:
    case Column::Message:
        return row.failed;
    default:
        return false;
    }
}

QVariant ProcessTableModel::display(const ProcessRow& row, Column column) const {
    const QLocale here;
    switch (column) {
    case Column::Pid:
        return row.pid == 0 ? QStringLiteral("–") : QString::number(row.pid);
    case Column::Role:
        return row.bridge ? labels::bridge(row.role) : labels::role(row.role);
    case Column::State:
        return row.state;
    case Column::Alive:
        return row.alive ? tr("alive") : tr("dead");
    case Column::Rate:
        return optional(row.messagesPerSecond,
                        units::messagesPerSecond(row.messagesPerSecond, here));
    case Column::Throughput:
        return optional(row.bytesPerSecond, units::bytesPerSecond(row.bytesPerSecond, here));
    case Column::Messages:
        return units::count(row.messages, here);
    case Column::Drops:
        return units::count(row.drops, here);
    case Column::Overrun:
        return units::count(row.overrun, here);
    case Column::Gaps:
        return units::count(row.gaps, here);
    case Column::Corrupt:
        return units::count(row.corrupt, here);
    case Column::LostToCrash:
        return units::count(row.lostToCrash, here);
    case Column::Incomplete:
        return units::count(row.incomplete, here);
    case Column::Cpu:
        return optional(row.cpuPercent, units::percent(row.cpuPercent / 100.0, here));
    case Column::ContextSwitches:
        return optional(row.contextSwitchesPerSecond,
                        units::si(row.contextSwitchesPerSecond, QStringLiteral("/s"), here));
    case Column::Message:
        return row.message;
    case Column::Count_:
        break;
    }
    return {};
}

QVariant ProcessTableModel::sortValue(const ProcessRow& row, Column column) {
    switch (column) {
    case Column::Pid:
        return row.pid;
    case Column::Rate:
        return row.messagesPerSecond;
    case Column::Throughput:
        return row.bytesPerSecond;
    case Column::Messages:
        return static_cast<qulonglong>(row.messages);
    case Column::Cpu:
        return row.cpuPercent;
    case Column::ContextSwitches:
        return row.contextSwitchesPerSecond;
    default:
        return {};
    }
}

QVariant ProcessTableModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ProcessRow& row = rows_[static_cast<std::size_t>(index.row())];
    const auto column = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        return row.message.isEmpty() ? QVariant() : QVariant(row.message);
    case Qt::TextAlignmentRole:
        if (column == Column::Pid || (column >= Column::Rate && column <= Column::ContextSwitches))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (highlighted(row, column)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ForegroundRole:
        if (highlighted(row, column))
            return theme::seriesColour(5, theme::isDark(QGuiApplication::palette()));
        if (!row.alive)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case KeyRole:
        return row.key;
    case WorkerIdRole:
        return row.workerId;
    case SortRole: {
        const QVariant value = sortValue(row, column);
        return value.isValid() ? value : display(row, column);
    }
    default:
        return {};
    }
}

QVariant ProcessTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole)
        return columnToolTip(static_cast<Column>(section));
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Pid:
        return tr("PID");
    case Column::Role:
        return tr("Role");
    case Column::State:
        return tr("State");
    case Column::Alive:
        return tr("Alive");
    case Column::Rate:
        return tr("Rate");
    case Column::Throughput:
        return tr("Throughput");
    case Column::Messages:
        return tr("Messages");
    case Column::Drops:
        return tr("Drops");
    case Column::Overrun:
        return tr("Overrun");
    case Column::Gaps:
        return tr("Gaps");
    case Column::Corrupt:
        return tr("Corrupt");
    case Column::LostToCrash:
        return tr("Lost to crash");
    case Column::Incomplete:
        return tr("Incomplete");
    case Column::Cpu:
        return tr("CPU");
    case Column::ContextSwitches:
        return tr("Context switches");
    case Column::Message:
        return tr("Message");
    case Column::Count_:
        break;
    }
    return {};
}

// What a column counts, for its header's tooltip: the words a person needs before the number
// means anything (docs/METRICS.md has the counters).
static QString columnToolTip(ProcessTableModel::Column column) {
    using Column = ProcessTableModel::Column;
    switch (column) {
    case Column::Alive:
        return ProcessTableModel::tr("Whether the kernel still holds the process's liveness lock");
    case Column::Rate:
        return ProcessTableModel::tr("The rate the worker was asked for (max: as fast as it can)");
    case Column::Throughput:
        return ProcessTableModel::tr("Messages and bytes per second over the last half second");
    case Column::Drops:
        return ProcessTableModel::tr("Messages a producer dropped because the ring was full "
                                     "(drop-newest, drop-oldest backpressure)");
    case Column::Overrun:
        return ProcessTableModel::tr("Broadcast consumer: messages overwritten by the producer "
                                     "before or while this consumer read them");
    case Column::Gaps:
        return ProcessTableModel::tr("Consumer: sequence numbers it never saw (messages missing "
                                     "from what it read)");
    case Column::Corrupt:
        return ProcessTableModel::tr(
            "Consumer: messages whose header, chunks or checksum failed validation");
    case Column::LostToCrash:
        return ProcessTableModel::tr("Slots a dead process left claimed, which the ring skipped");
    case Column::Incomplete:
        return ProcessTableModel::tr("Chunked messages whose producer died or gave up before the "
                                     "last chunk");
    case Column::Cpu:
        return ProcessTableModel::tr("CPU time per second of wall time, from /proc");
    case Column::ContextSwitches:
        return ProcessTableModel::tr("Voluntary and involuntary context switches per second");
    case Column::Pid:
    case Column::Role:
    case Column::State:
    case Column::Messages:
    case Column::Message:
    case Column::Count_:
        break;
    }
    return {};
}

} // namespace shmscope::widgets
