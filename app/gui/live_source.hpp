// The live channel as a SnapshotSource: a thin adapter over shmscope::SnapshotReader, which maps
// the segment read-only and never writes to it.
#pragma once

#include "snapshot_source.hpp"

#include <memory>
#include <shmscope/result.hpp>

namespace shmscope {
class SnapshotReader;
}

namespace shmscope::gui {

class LiveSource : public SnapshotSource {
public:
    static constexpr int kOpenTimeoutMs = 2000;

    // Nothing, with the reason in `error`, when the channel cannot be opened.
    static std::unique_ptr<LiveSource> open(const QString& channel, QString* error);
    // The same for a file-transport channel, by its data file.
    static std::unique_ptr<LiveSource> openFile(const QString& path, QString* error);
    ~LiveSource() override;

    [[nodiscard]] ChannelDescription describe() const override;
    std::optional<widgets::ChannelSample> take(bool withSlots) override;

private:
    static std::unique_ptr<LiveSource> fromReader(Result<SnapshotReader> reader,
                                                  const QString& name, QString* error);
    explicit LiveSource(std::unique_ptr<SnapshotReader> reader, ChannelDescription description);
    std::unique_ptr<SnapshotReader> reader_;
    ChannelDescription description_;
};

} // namespace shmscope::gui
