// Fuzzes shmscope-stat's command-line parser (app/stat/options.cpp, with the shared flag parser of
// app/common): any argument list gives options within docs/CLI.md's limits or one usage line.
#include "fuzz_args.hpp"
#include "options.hpp"
#include "shmscope/params.hpp"

namespace {

void require(bool condition) {
    if (!condition)
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace shmscope;
    const fuzz::Arguments arguments(data, size);
    const auto options = stat::parseStatOptions(arguments.argv());
    if (!options) {
        require(options.error().code == ErrorCode::Usage);
        require(fuzz::isOneLine(options.error().message, arguments));
        return 0;
    }
    require(options->intervalMs >= stat::kMinIntervalMs &&
            options->intervalMs <= stat::kMaxIntervalMs);
    if (!options->channel.empty())
        require(validateChannelName(options->channel).ok());
    return 0;
}
