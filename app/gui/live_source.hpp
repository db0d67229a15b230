// The live channel as a SnapshotSource: a thin adapter over shmscope::SnapshotReader, which maps
// the segment read-only and never writes to it.
#pragma once

#include "snapshot_source.hpp"

#include <memory>

namespace shmscope {
class SnapshotReader;
}

namespace shmscope::gui {

class LiveSource : public SnapshotSource {
public:
    static constexpr int kOpenTimeoutMs = 2000;

    // Nothing, with the reason in `error`, when the channel cannot be opened.
    static std::unique_ptr<LiveSource> open(const QString& channel, QString* error);
    ~LiveSource() override;

    [[nodiscard]] ChannelDescription describe() const override;
    std::optional<widgets::ChannelSample> take(bool withSlots) override;

private:
    explicit LiveSource(std::unique_ptr<SnapshotReader> reader, ChannelDescription description);
    std::unique_ptr<SnapshotReader> reader_;
    ChannelDescription description_;
};

} // namespace shmscope::gui
