#include "transport.hpp"

#include <atomic>
#include <unistd.h>

namespace shmscope::bench {

std::string linkNamePrefix(pid_t bench) { return "shmscope-bench-" + std::to_string(bench) + "-"; }

std::string uniqueLinkName() {
    static std::atomic<std::uint32_t> counter{0};
    return linkNamePrefix(::getpid()) + std::to_string(++counter);
}

Result<std::unique_ptr<Link>> makeLink(const TransportSpec& spec, const LinkConfig& config) {
    const std::string& base = spec.base;
    if (base.starts_with("shm-"))
        return makeShmLink(spec, config);
    if (base.starts_with("file-"))
        return makeFileLink(spec, config);
    if (base == "pipe" || base == "pipe-large" || base == "unix" || base == "tcp")
        return makeSocketLink(spec, config);
    if (base == "boost-mq")
        return makeBoostQueueLink(spec, config);
    if (base == "zmq-ipc")
        return makeZmqLink(spec, config);
    if (base == "limit-ring" || base == "limit-line")
        return makeLimitLink(spec, config);
    if (base == "iceoryx" || base == "iceoryx-loan")
        return makeIceoryxLink(spec, config);
    return makeError(ErrorCode::Usage, "no link for transport " + base);
}

} // namespace shmscope::bench
