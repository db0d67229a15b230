// Named crash points (docs/PROTOCOL.md): SHMSCOPE_CRASH_POINT=name[:N] makes the process raise
// SIGKILL at the N-th pass (default 1) of that point. A testing aid, compiled into every build;
// when unset it costs one predictable branch.
#pragma once

#include <string_view>

namespace shmscope {

enum class CrashPoint { AfterClaim, MidCopy, BeforePublish, HoldingLock, AfterDequeue, MidChunk };

// The point's name in SHMSCOPE_CRASH_POINT ("after-claim", "mid-copy", …). Any thread.
std::string_view crashPointName(CrashPoint point);

namespace detail {
extern bool gCrashPointArmed;
void crashPointPass(CrashPoint point);
} // namespace detail

// Reads SHMSCOPE_CRASH_POINT once; returns true when it is unset or armed, false (and leaves
// nothing armed) on a malformed value. Any process, from its main thread before other threads
// start.
bool armCrashPointFromEnvironment();

// A pass of `point`: raises SIGKILL in this process when it is the armed point's N-th pass.
// Producer and consumer code paths call it; any thread.
inline void crashPoint(CrashPoint point)
{
    if (detail::gCrashPointArmed) [[unlikely]]
        detail::crashPointPass(point);
}

} // namespace shmscope
