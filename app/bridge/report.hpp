// What a bridge prints: the ready line, one line per link event or rejected frame, and the
// summary at the end (text, or one JSON line with --json), shaped like shmscope-worker's.
#pragma once

#include "options.hpp"
#include "shmscope/cli/tallies.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace shmscope::bridge {

struct BridgeSummary {
    Direction direction = Direction::Send;
    std::string endpoint;
    std::uint64_t messages = 0; // whole messages forwarded (send) or republished (receive)
    std::uint64_t bytes = 0;    // their uncompressed bytes
    std::uint64_t frames = 0;   // chunk frames sent or taken
    double seconds = 0.0;       // first frame to last
    std::uint64_t drops = 0;    // receive: the channel's backpressure dropped them (drop-newest)
    std::uint64_t corrupt = 0;  // send: slots the ring found corrupt
    std::uint64_t rejected = 0; // receive: frames that did not parse
    std::uint64_t lost = 0;     // receive, broadcast: frames missing from a sender's numbering
    std::uint64_t abandoned = 0; // receive: partial messages ended with an abandon marker
    std::uint64_t disconnects = 0;
    std::vector<cli::ProducerTally> producers; // per origin (record, incarnation)
};

// Per origin producer (record, incarnation): the tallies the far consumer must match.
using OriginTallies = cli::ProducerTallies;

class Report {
public:
    explicit Report(bool json) : json_(json) {}
    void ready(std::uint32_t pid, Direction direction, std::string_view channel,
               std::uint32_t record, std::string_view endpoint) const;
    // "shmscope-bridge: text" on stderr (both modes: it is for people and logs).
    void notice(std::string_view text) const;
    // --json: {"event":"connected","peer":...} whenever a connection with a peer comes up.
    void connected(std::string_view peer) const;
    void summary(const BridgeSummary& summary, std::string_view channel) const;

private:
    bool json_;
};

std::string_view directionName(Direction direction);

} // namespace shmscope::bridge
