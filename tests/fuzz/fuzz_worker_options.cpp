// Fuzzes shmscope-worker's command-line parser (app/worker/options.cpp, with the shared flag parser
// of app/common): any argument list gives options within docs/CLI.md's limits or one usage line.
#include "fuzz_args.hpp"
#include "options.hpp"

#include <bit>

namespace {

void require(bool condition) {
    if (!condition)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const shmscope::fuzz::Arguments arguments(data, size);
    const auto options = shmscope::worker::parseWorkerOptions(arguments.argv());
    if (!options) {
        require(options.error().code == shmscope::ErrorCode::Usage);
        require(shmscope::fuzz::isOneLine(options.error().message, arguments));
        return 0;
    }
    const shmscope::ChannelParams& params = options->params;
    require(std::has_single_bit(params.slotCount) && params.slotCount >= 2 &&
            params.slotCount <= (1u << 20));
    require(params.slotPayloadBytes % 64 == 0 && params.slotPayloadBytes >= 64 &&
            params.slotPayloadBytes <= shmscope::GiB);
    require(options->messageBytes >= 1 && options->messageBytes <= 64 * shmscope::GiB);
    require(shmscope::validateChannelName(options->channel).ok());
    return 0;
}
