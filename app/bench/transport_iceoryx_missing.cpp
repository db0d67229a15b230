// Built instead of transport_iceoryx.cpp when CMake found no iceoryx: the rows are skipped.
#include "iceoryx_daemon.hpp"
#include "transport.hpp"

namespace shmscope::bench {

void planIceoryxPools(std::span<const std::uint64_t>) {}
void stopIceoryxDaemon() {}

Result<std::unique_ptr<Link>> makeIceoryxLink(const TransportSpec&, const LinkConfig&) {
    return makeError(ErrorCode::NotFound, "iceoryx not installed");
}

} // namespace shmscope::bench
