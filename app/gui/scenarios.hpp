// Named setups a person (or --scenario ID) can start with one action. `demo` comes first.
#pragma once

#include "session_config.hpp"

#include <vector>

namespace shmscope::gui {

std::vector<SessionConfig> scenarios();
std::optional<SessionConfig> scenario(const QString& id);
SessionConfig demoScenario();
// The name a person reads for scenario `id` ("custom" included), translated.
QString scenarioTitle(const QString& id);

} // namespace shmscope::gui
