#include "progress.hpp"

#include "results.hpp"

#include <string>
#include <unistd.h>

namespace shmscope::bench {
namespace {

constexpr int kBarWidth = 30;
constexpr int kLabelWidth = 44;

} // namespace

Progress::Progress(std::uint64_t totalSteps, std::FILE* events)
    : total_(totalSteps == 0 ? 1 : totalSteps), enabled_(::isatty(STDERR_FILENO) == 1),
      events_(events) {}

Progress::~Progress() {
    if (enabled_ && done_ > 0)
        std::fprintf(stderr, "\r\033[K");
}

void Progress::step(std::string_view row, std::string_view what) {
    if (done_ < total_)
        ++done_;
    if (events_ != nullptr) {
        const std::string line =
            formatProgressEvent(done_, total_, std::string(row), std::string(what));
        std::fwrite(line.data(), 1, line.size(), events_);
        std::fflush(events_);
    }
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
