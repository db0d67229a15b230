// A producer and a consumer of one shmscope channel, each a thread with its own attachment, as
// two processes would be: 10,000 numbered messages cross an 8-slot spsc ring, in order. Exit 0
// when every message arrived.
#include <shmscope/channel.hpp>
#include <shmscope/ring.hpp>
#include <shmscope/stats.hpp>

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <unistd.h>

using namespace shmscope;
constexpr std::uint64_t kMessages = 10'000;

int main() {
    const std::string name = "example-" + std::to_string(::getpid());
    OpenOptions create;
    create.mode = OpenMode::Create;
    create.params.slotPayloadBytes = 64;
    Result<Channel> channel = Channel::open(name, create);
    if (!channel) return std::fprintf(stderr, "%s\n", channel.error().message.c_str()), 1;
    RecordWriter producerStats(&channel->record(*channel->claimRecord(Role::Producer)));
    auto producer = makeProducer(*channel, producerStats, EndpointOptions{});
    if (!producer) return std::fprintf(stderr, "%s\n", producer.error().message.c_str()), 1;

    std::uint64_t received = 0;
    std::thread consumer([&] {
        Result<Channel> mine = Channel::open(name, OpenOptions{}); // attach
        if (!mine) return;
        RecordWriter stats(&mine->record(*mine->claimRecord(Role::Consumer)));
        auto ring = makeConsumer(*mine, stats, EndpointOptions{});
        std::byte payload[64];
        for (MessageHeader header; ring && received < kMessages;) {
            auto popped = (*ring)->pop(header, payload, UINT64_MAX);
            std::uint64_t number = 0;
            std::memcpy(&number, payload, sizeof number);
            if (!popped || *popped != PopStatus::Delivered || number != received) return;
            ++received;
        }
    });
    for (std::uint64_t i = 0; i < kMessages; ++i) {
        OutgoingMessage message;
        message.header.sequence = i + 1;
        message.header.chunk_count = 1;
        message.payload = std::as_bytes(std::span(&i, 1));
        if (auto pushed = (*producer)->push(message); !pushed || *pushed != PushStatus::Committed) break;
    }
    consumer.join();
    std::printf("%llu of %llu messages arrived in order\n", static_cast<unsigned long long>(received),
                static_cast<unsigned long long>(kMessages));
    return received == kMessages ? 0 : 1;
}
