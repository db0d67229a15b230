// --list, --gc and --rm: channels as a whole.
#pragma once

#include <string>

namespace shmscope::stat {

int runList(bool json);
int runGc();
int runRemove(const std::string& name);

} // namespace shmscope::stat
