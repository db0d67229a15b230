// The shm family: every sync strategy of the core rings, broadcast, and the zero-copy path.
#include "ring_link.hpp"

namespace shmscope::bench {

Result<std::unique_ptr<Link>> makeShmLink(const TransportSpec& spec, const LinkConfig& config) {
    RingLinkSetup setup;
    setup.params = ringParams(spec, config);
    setup.params.transport = TransportKind::Shm;
    setup.channelName = config.name;
    setup.zeroCopy = spec.base == "shm-spsc-zero-copy";
    setup.wait = config.wait;
    setup.compress = parseCompressMode(config.compress).value_or(CompressMode::None);
    if (Status ok =
            validateCombination(setup.params, setup.zeroCopy, setup.compress != CompressMode::None);
        !ok)
        return ok.error();
    return std::unique_ptr<Link>(std::make_unique<RingLink>(std::move(setup)));
}

} // namespace shmscope::bench
