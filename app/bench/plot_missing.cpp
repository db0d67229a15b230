// Built instead of plot.cpp when CMake found no Qt 6 Gui module.
#include "plot.hpp"

namespace shmscope::bench {

Status writePlots(const std::string&, const std::vector<Row>&) {
    return makeError(ErrorCode::System, "--plot: this build has no Qt 6 Gui module to draw with");
}

} // namespace shmscope::bench
