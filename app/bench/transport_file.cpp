// The file family: the spsc ring in a memory-mapped regular file (page cache, no msync).
#include "ring_link.hpp"

#include <filesystem>

namespace shmscope::bench {

Result<std::unique_ptr<Link>> makeFileLink(const TransportSpec& spec, const LinkConfig& config) {
    RingLinkSetup setup;
    setup.params = ringParams(spec, config);
    setup.params.transport = TransportKind::File;
    std::error_code error;
    const std::filesystem::path directory = std::filesystem::temp_directory_path(error);
    if (error)
        return makeError(ErrorCode::System, "no temporary directory: " + error.message());
    setup.path = (directory / (config.name + ".ring")).string();
    setup.channelName = setup.path;
    setup.wait = config.wait;
    setup.compress = parseCompressMode(config.compress).value_or(CompressMode::None);
    return std::unique_ptr<Link>(std::make_unique<RingLink>(std::move(setup)));
}

} // namespace shmscope::bench
