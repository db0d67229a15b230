// The payload pool: generated once in the parent before any fork, so the generator costs
// nothing per message; the children share it copy-on-write.
#pragma once

#include "options.hpp"

#include <cstddef>
#include <span>

namespace shmscope::bench {

void fillPool(std::span<std::byte> pool, PayloadKind kind);

} // namespace shmscope::bench
