// The ends of a link through a shmscope channel (core rings), shared by the shm and file
// families: chunking of messages larger than a slot, copying or zero-copy, xxh3 per chunk.
#pragma once

#include "shmscope/channel.hpp"
#include "shmscope/codec.hpp"
#include "transport.hpp"

namespace shmscope::bench {

struct RingLinkSetup {
    ChannelParams params;
    std::string channelName; // shm: the channel; file: the name used in messages
    std::string path;        // file transport only
    bool zeroCopy = false;
    CompressMode compress = CompressMode::None;
    WaitPolicy wait;
};

class RingLink : public Link {
public:
    explicit RingLink(RingLinkSetup setup) : setup_(std::move(setup)) {}
    Result<std::unique_ptr<Sender>> openSender() override;
    Result<std::unique_ptr<Receiver>> openReceiver() override;
    void cleanup() override;

private:
    RingLinkSetup setup_;
};

// The default ring parameters of a row (sync strategy from the id, geometry and checksums from
// the config).
ChannelParams ringParams(const TransportSpec& spec, const LinkConfig& config);

} // namespace shmscope::bench
