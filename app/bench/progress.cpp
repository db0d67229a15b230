#include "progress.hpp"

#include <cstdio>
#include <string>
#include <unistd.h>

namespace shmscope::bench {
namespace {

constexpr int kBarWidth = 30;
constexpr int kLabelWidth = 44;

} // namespace

Progress::Progress(std::uint64_t totalSteps)
    : total_(totalSteps == 0 ? 1 : totalSteps), enabled_(::isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
    if (enabled_ && done_ > 0)
        std::fprintf(stderr, "\r\033[K");
}

void Progress::step(std::string_view row, std::string_view what) {
    if (done_ < total_)
        ++done_;
    if (!enabled_)
        return;
    const int filled = static_cast<int>(kBarWidth * (done_ - 1) / total_);
    const std::string bar = std::string(static_cast<std::size_t>(filled), '#') +
                            std::string(static_cast<std::size_t>(kBarWidth - filled), '.');
    std::string label = std::string(row) + " " + std::string(what);
    if (label.size() > static_cast<std::size_t>(kLabelWidth))
        label.resize(static_cast<std::size_t>(kLabelWidth));
    std::fprintf(stderr, "\r\033[K[%s] %3d%% %s", bar.c_str(),
                 static_cast<int>(100 * (done_ - 1) / total_), label.c_str());
    std::fflush(stderr);
}

} // namespace shmscope::bench
