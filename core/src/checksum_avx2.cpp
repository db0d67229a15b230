// xxh3 compiled for AVX2 (this file only is built with -mavx2); checksum.cpp calls it when the
// CPU has AVX2. About twice the speed of the SSE2 build on 1 MiB messages.
#define XXH_INLINE_ALL
#include <xxhash.h>

#include <cstddef>
#include <cstdint>

namespace shmscope::detail {

std::uint64_t xxh3Avx2(const void* data, std::size_t size) { return XXH3_64bits(data, size); }

void xxh3UpdateAvx2(XXH3_state_t* state, const void* data, std::size_t size)
{
    XXH3_64bits_update(state, data, size);
}

} // namespace shmscope::detail
