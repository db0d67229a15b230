#include "log_model.hpp"

#include <QIODevice>
#include <QTextStream>

namespace shmscope::widgets {

LogModel::LogModel(QObject* parent) : QAbstractTableModel(parent) {}

void LogModel::append(const LogLine& line) {
    if (static_cast<int>(lines_.size()) >= kCapacity) {
        beginRemoveRows({}, 0, 0);
        lines_.pop_front();
        endRemoveRows();
    }
    const int row = static_cast<int>(lines_.size());
    beginInsertRows({}, row, row);
    lines_.push_back(line);
    endInsertRows();
}

void LogModel::clear() {
    beginResetModel();
    lines_.clear();
    endResetModel();
}

QString LogModel::format(const LogLine& line) {
    return QStringLiteral("%1 %2 %3 %4: %5")
        .arg(line.time.toString(Qt::ISODateWithMs), QString::number(line.pid), line.source,
             line.stream, line.text);
}

QString LogModel::formatRows(const QList<int>& rows) const {
    QStringList text;
    for (const int row : rows) {
        if (row >= 0 && row < static_cast<int>(lines_.size()))
            text << format(lineAt(row));
    }
    return text.join(QLatin1Char('\n'));
}

bool LogModel::save(QIODevice& device) const {
    QTextStream out(&device);
    for (const LogLine& line : lines_)
        out << format(line) << '\n';
    out.flush();
    return out.status() == QTextStream::Ok;
}

int LogModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(lines_.size());
}

int LogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(Column::Count_);
}

QVariant LogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    const LogLine& line = lineAt(index.row());
    switch (static_cast<Column>(index.column())) {
    case Column::Time:
        return line.time.toString(QStringLiteral("HH:mm:ss.zzz"));
    case Column::Pid:
        return line.pid == 0 ? QString() : QString::number(line.pid);
    case Column::Source:
        return line.source;
    case Column::Stream:
        return line.stream;
    case Column::Text:
        return line.text;
    case Column::Count_:
        break;
    }
    return {};
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (static_cast<Column>(section)) {
    case Column::Time:
        return tr("Time");
    case Column::Pid:
        return tr("PID");
    case Column::Source:
        return tr("Source");
    case Column::Stream:
        return tr("Stream");
    case Column::Text:
        return tr("Text");
    case Column::Count_:
        break;
    }
    return {};
}

} // namespace shmscope::widgets
