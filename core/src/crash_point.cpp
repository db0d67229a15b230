#include "shmscope/crash_point.hpp"

#include <array>
#include <charconv>
#include <csignal>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace shmscope {
namespace {

constexpr std::array<std::string_view, 6> kNames{"after-claim",  "mid-copy",      "before-publish",
                                                 "holding-lock", "after-dequeue", "mid-chunk"};
CrashPoint gArmedPoint = CrashPoint::AfterClaim;
std::uint64_t gPassesLeft = 0;

} // namespace

namespace detail {
bool gCrashPointArmed = false;

void crashPointPass(CrashPoint point)
{
    if (point != gArmedPoint) return;
    if (--gPassesLeft == 0) {
        ::kill(::getpid(), SIGKILL);
        ::_exit(137); // not reached
    }
}
} // namespace detail

std::string_view crashPointName(CrashPoint point) { return kNames[static_cast<std::size_t>(point)]; }

bool armCrashPointFromEnvironment()
{
    const char* value = std::getenv("SHMSCOPE_CRASH_POINT");
    if (value == nullptr || *value == '\0') return true;
    const std::string_view text(value);
    const std::size_t colon = text.find(':');
    const std::string_view name = text.substr(0, colon);
    std::uint64_t passes = 1;
    if (colon != std::string_view::npos) {
        const std::string_view count = text.substr(colon + 1);
        const auto [ptr, ec] = std::from_chars(count.data(), count.data() + count.size(), passes);
        if (ec != std::errc{} || ptr != count.data() + count.size() || passes == 0) return false;
    }
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) {
            gArmedPoint = static_cast<CrashPoint>(i);
            gPassesLeft = passes;
            detail::gCrashPointArmed = true;
            return true;
        }
    }
    return false;
}

} // namespace shmscope
