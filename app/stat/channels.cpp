#include "channels.hpp"

#include "options.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"
#include "shmscope/snapshot.hpp"

#include <cinttypes>
#include <cstdio>

namespace shmscope::stat {
namespace {

std::string octal(std::uint32_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", mode);
    return text;
}

} // namespace

int runList(bool json) {
    const std::vector<ChannelListing> channels = listChannels();
    if (json) {
        cli::JsonArray array;
        for (const ChannelListing& c : channels) {
            cli::JsonObject object;
            object.str("name", c.name)
                .u64("owner_uid", c.ownerUid)
                .str("mode", octal(c.mode))
                .u64("size", c.sizeBytes)
                .u64("attached", c.attached)
                .u64("live", c.live)
                .boolean("in_use", c.inUse);
            if (c.problem.empty())
                object.null("problem");
            else
                object.str("problem", c.problem);
            array.raw(object.text());
        }
        std::puts(array.text().c_str());
        return 0;
    }
    std::printf("%-32s %9s %5s %12s %8s %5s\n", "NAME", "OWNER", "MODE", "SIZE", "ATTACHED",
                "LIVE");
    for (const ChannelListing& c : channels) {
        std::printf("%-32s %9u %5s %12s %8u %5u%s%s\n", c.name.c_str(), c.ownerUid,
                    octal(c.mode).c_str(), formatBytes(c.sizeBytes).c_str(), c.attached, c.live,
                    c.problem.empty() ? "" : "  ", c.problem.c_str());
    }
    if (channels.empty())
        std::puts("(no channels)");
    return 0;
}

int runGc() {
    for (const std::string& name : collectGarbage())
        std::puts(name.c_str());
    return 0;
}

int runRemove(const std::string& name) {
    Status removed = removeChannel(name);
    if (!removed)
        return cli::reportError(kProgram, removed.error());
    return 0;
}

} // namespace shmscope::stat
