// The words the interface uses for roles, activities and slot states (textbook terms, translated).
#pragma once

#include "samples.hpp"

#include <QString>

namespace shmscope::widgets::labels {

QString role(ProcessRole role);
// A shmscope-bridge's record: "bridge (send)" for a consumer, "bridge (receive)" for a producer.
QString bridge(ProcessRole role);
QString activity(ProcessActivity activity);
QString slot(SlotKind kind);

} // namespace shmscope::widgets::labels
