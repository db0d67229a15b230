// Copying message bytes into and out of slots (any process, any thread; cannot fail).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace shmscope {

// Large copies go in pieces of this size: glibc's memcpy moves a copy with `rep movsb` only up
// to about the size of the L2 cache on AMD CPUs and with a slower vector loop above it, so a
// 1 MiB copy in one call runs at a third of the speed of the same bytes in four.
inline constexpr std::size_t kCopyPieceBytes = 256 * 1024;

// memcpy(to, from, bytes) in pieces of at most kCopyPieceBytes. Any thread or process may call it.
inline void copyBytes(void* to, const void* from, std::size_t bytes)
{
    auto* out = static_cast<std::byte*>(to);
    const auto* in = static_cast<const std::byte*>(from);
    for (std::size_t done = 0; done < bytes; done += kCopyPieceBytes)
        std::memcpy(out + done, in + done, std::min(kCopyPieceBytes, bytes - done));
}

} // namespace shmscope
