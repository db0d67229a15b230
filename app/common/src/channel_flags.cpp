#include "shmscope/cli/channel_flags.hpp"

namespace shmscope::cli {

void addChannelNameFlag(FlagParser& parser, std::string& channel) {
    parser.addValue("--channel", [&channel](std::string_view v) -> Status {
        if (Status valid = validateChannelFlag("--channel", v); !valid)
            return valid;
        channel = v;
        return {};
    });
}

void addLifecycleFlags(FlagParser& parser, OpenMode& mode, bool& keep) {
    parser.addSwitch("--create", [&mode] { mode = OpenMode::Create; });
    parser.addSwitch("--create-only", [&mode] { mode = OpenMode::CreateOnly; });
    parser.addSwitch("--keep", [&keep] { keep = true; });
}

void addRingFlags(FlagParser& parser, ChannelParams& params, GivenParams& given) {
    parser.addValue("--sync", storeGivenKeyword(params.sync, given.sync, "--sync", parseSync,
                                                "spsc, mpmc, mutex, semaphore, boost-mutex, none"));
    parser.addValue("--delivery", storeGivenKeyword(params.delivery, given.delivery, "--delivery",
                                                    parseDelivery, "queue, broadcast"));
    parser.addValue("--slots",
                    storeGiven(params.slotCount, given.slotCount, parseSlotCountFlag, "--slots"));
    parser.addValue("--slot-size", storeGiven(params.slotPayloadBytes, given.slotPayloadBytes,
                                              parseSlotBytesFlag, "--slot-size"));
    parser.addValue("--backpressure",
                    storeGivenKeyword(params.backpressure, given.backpressure, "--backpressure",
                                      parseBackpressure, "block, drop-newest, drop-oldest"));
    parser.addValue("--checksum", storeGivenKeyword(params.checksum, given.checksum, "--checksum",
                                                    parseChecksum, "xxh3, none"));
}

bool combinationDecided(OpenMode mode, const GivenParams& given) {
    return mode != OpenMode::Attach || (given.sync && given.backpressure && given.delivery);
}

} // namespace shmscope::cli
