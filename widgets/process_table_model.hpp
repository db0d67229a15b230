// One row per process the session knows of, reconciled by key (pid, or the launcher's id before a
// pid exists) instead of rebuilt, so selection and scroll survive every refresh. A dead process
// stays, shown as dead; a failed start shows its failure.
#pragma once

#include "samples.hpp"

#include <QAbstractTableModel>
#include <QHash>
#include <limits>
#include <vector>

namespace shmscope::widgets {

struct ProcessRow {
    QString key;       // stable identity of the row
    int workerId = -1; // the launcher's id, -1 for processes this session did not start
    std::uint32_t pid = 0;
    std::uint32_t record = 0;
    ProcessRole role = ProcessRole::Unknown;
    bool bridge = false; // shown as "bridge (send)" (a consumer) or "bridge (receive)"
    QString state; // textbook words: "blocked (no free slot)", "killed by signal 9"
    bool alive = false;
    bool failed = false; // failed to start, exited with an error, or was killed
    double messagesPerSecond = std::numeric_limits<double>::quiet_NaN();
    double bytesPerSecond = std::numeric_limits<double>::quiet_NaN();
    std::uint64_t messages = 0;
    std::uint64_t drops = 0;
    std::uint64_t overrun = 0;
    std::uint64_t gaps = 0;
    std::uint64_t corrupt = 0;
    std::uint64_t lostToCrash = 0;
    std::uint64_t incomplete = 0;
    double cpuPercent = std::numeric_limits<double>::quiet_NaN();
    double contextSwitchesPerSecond = std::numeric_limits<double>::quiet_NaN();
    QString message; // the failure's one line, or "applying…"

    bool operator==(const ProcessRow& other) const;
};

class ProcessTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Pid,
        Role,
        State,
        Alive,
        Rate,
        Throughput,
        Messages,
        Drops,
        Overrun,
        Gaps,
        Corrupt,
        LostToCrash,
        Incomplete,
        Cpu,
        ContextSwitches,
        Message,
        Count_
    };
    static constexpr int KeyRole = Qt::UserRole + 1;      // ProcessRow::key
    static constexpr int WorkerIdRole = Qt::UserRole + 2; // ProcessRow::workerId
    static constexpr int SortRole = Qt::UserRole + 3;     // raw number for sorting

    explicit ProcessTableModel(QObject* parent = nullptr);

    // Updates rows with known keys in place, appends new ones; rows not in `rows` stay and are
    // marked not alive.
    void setRows(const std::vector<ProcessRow>& rows);
    void clear();
    [[nodiscard]] const ProcessRow* rowAt(int row) const;
    [[nodiscard]] int rowOf(const QString& key) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    [[nodiscard]] QVariant display(const ProcessRow& row, Column column) const;
    [[nodiscard]] static QVariant sortValue(const ProcessRow& row, Column column);
    [[nodiscard]] static bool highlighted(const ProcessRow& row, Column column);

    std::vector<ProcessRow> rows_;
    QHash<QString, int> index_;
};

} // namespace shmscope::widgets
