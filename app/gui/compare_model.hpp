// The rows of a transport comparison: one per transport and message size, planned when the run
// starts ("waiting") and filled in as shmscope-bench finishes each. Rows are the bench's own
// Row values, so the exports are the bench's Markdown and CSV.
#pragma once

#include "compare_plot.hpp"
#include "results.hpp"

#include <QAbstractTableModel>
#include <vector>

namespace shmscope::gui {

class CompareModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class Column {
        Transport,
        Size,
        MessagesPerSecond,
        BytesPerSecond,
        Spread,
        LatencyP50,
        LatencyP99,
        LatencyP999,
        LatencyMax,
        CpuProducer,
        CpuConsumer,
        Note,
        Count
    };

    explicit CompareModel(QObject* parent = nullptr);

    // Every row of the run, waiting for its result (transports × sizes, the bench's order).
    void setPlan(const QStringList& transports, const std::vector<std::uint64_t>& sizes);
    // A finished row: fills in its planned row, or is appended (a sweep's variant).
    void setResult(const bench::Row& row);
    // Rows still waiting when a run ends without them: marked with `reason`.
    void markUnfinished(const QString& reason);
    void clear();

    [[nodiscard]] int finishedCount() const;
    // Finished rows only, in table order: what the exports and plots show.
    [[nodiscard]] std::vector<bench::Row> finishedRows() const;
    [[nodiscard]] QString markdown() const;
    [[nodiscard]] QString csv() const;

    // The plots' data: bytes/s against message size per transport, and the latency CDF of the
    // smallest message size with samples (as shmscope-bench plots them). `cdfSize` is that size.
    [[nodiscard]] std::vector<widgets::CompareSeries> throughputSeries() const;
    [[nodiscard]] std::vector<widgets::CompareSeries> latencySeries(std::uint64_t* cdfSize) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Entry {
        bench::Row row;
        bool finished = false;
        QString note; // why a row has no result
    };
    [[nodiscard]] QVariant display(const Entry& entry, Column column) const;

    std::vector<Entry> entries_;
};

} // namespace shmscope::gui
