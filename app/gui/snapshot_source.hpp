// Where a Monitor's snapshots come from: the live channel (mapped read-only), a fake that tests
// feed, or a recording. Views never see which.
#pragma once

#include "samples.hpp"

#include <QString>
#include <optional>

namespace shmscope::gui {

// The channel's fixed parameters, for labels and the contention panel's terms.
struct ChannelDescription {
    QString name;
    QString sync; // "spsc", "mpmc", "mutex", …
    std::uint32_t slotCount = 0;
    std::uint64_t slotBytes = 0;
};

class SnapshotSource {
public:
    virtual ~SnapshotSource() = default;
    [[nodiscard]] virtual ChannelDescription describe() const = 0;
    // One snapshot; slot states only when `withSlots`. Nothing when no snapshot is available.
    virtual std::optional<widgets::ChannelSample> take(bool withSlots) = 0;
};

} // namespace shmscope::gui
