#include "test_endpoint.hpp"

#include <QtGlobal>

#include <chrono>

namespace shmscope::test {

Endpoint attachEndpoint(const std::string& name, Role role)
{
    OpenOptions options;
    options.attachTimeout = std::chrono::milliseconds(2000);
    Result<Channel> channel = Channel::open(name, options);
    if (!channel.ok()) qFatal("attach: %s", channel.error().message.c_str());
    if (!channel->claimRecord(role).ok()) qFatal("claim failed");
    Endpoint endpoint{std::move(*channel), RecordWriter()};
    endpoint.stats = RecordWriter(&endpoint.channel.record(endpoint.channel.recordIndex()));
    return endpoint;
}

void createTestChannel(const std::string& name, SyncKind sync, std::uint32_t slotCount, std::uint64_t slotBytes,
                       Backpressure backpressure, Delivery delivery)
{
    OpenOptions options;
    options.mode = OpenMode::CreateOnly;
    options.keep = true;
    options.params.sync = sync;
    options.params.slotCount = slotCount;
    options.params.slotPayloadBytes = slotBytes;
    options.params.backpressure = backpressure;
    options.params.delivery = delivery;
    Result<Channel> channel = Channel::open(name, options);
    if (!channel.ok()) qFatal("create: %s", channel.error().message.c_str());
}

} // namespace shmscope::test
