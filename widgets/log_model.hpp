// Every worker's stderr and stray stdout, with time, pid and role: the last 10,000 lines.
// Filtering is a QSortFilterProxyModel over this; copy and save format lines here.
#pragma once

#include <QAbstractTableModel>
#include <QDateTime>
#include <deque>

class QIODevice;

namespace shmscope::widgets {

struct LogLine {
    QDateTime time;
    std::uint32_t pid = 0;
    QString source; // "producer", "consumer", "shmscope"
    QString stream; // "stderr", "stdout", "event"
    QString text;
};

class LogModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kCapacity = 10'000;
    enum class Column { Time, Pid, Source, Stream, Text, Count_ };

    explicit LogModel(QObject* parent = nullptr);

    void append(const LogLine& line);
    void clear();
    [[nodiscard]] const LogLine& lineAt(int row) const {
        return lines_[static_cast<std::size_t>(row)];
    }
    // "time pid source stream: text", one line each.
    [[nodiscard]] static QString format(const LogLine& line);
    [[nodiscard]] QString formatRows(const QList<int>& rows) const;
    bool save(QIODevice& device) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::deque<LogLine> lines_;
};

} // namespace shmscope::widgets
