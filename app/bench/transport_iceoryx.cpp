// iceoryx 2.0.3 (Debian's packages): an untyped publisher and subscriber through RouDi's memory
// pools. "iceoryx" copies in (loan + memcpy from the pool) and out (memcpy to a buffer, then
// release); "iceoryx-loan" reads the received chunk in place. Lossless: the publisher waits for
// a slow subscriber, whose full queue blocks the producer.
#include "buffer.hpp"
#include "iceoryx_daemon.hpp"
#include "shmscope/wait.hpp"
#include "transport.hpp"

#include <cstring>
#include <iceoryx_hoofs/log/logmanager.hpp>
#include <iceoryx_posh/mepoo/chunk_header.hpp>
#include <iceoryx_posh/popo/untyped_publisher.hpp>
#include <iceoryx_posh/popo/untyped_subscriber.hpp>
#include <iceoryx_posh/runtime/posh_runtime.hpp>
#include <time.h>
#include <unistd.h>

namespace shmscope::bench {
namespace {

constexpr std::uint32_t kPayloadAlignment = 64;
constexpr std::uint64_t kSubscriberWaitNs = 5'000'000'000;
constexpr long kSubscriberPollNs = 1'000'000;

// One runtime per process, named after the process.
void initRuntimeOnce() {
    static bool done = false;
    if (done)
        return;
    const std::string name = "shmscope-bench-" + std::to_string(::getpid());
    // The runtime logs every registration at its default level; only problems belong on stderr.
    iox::log::LogManager::GetLogManager().SetDefaultLogLevel(
        iox::log::LogLevel::kWarn, iox::log::LogLevelOutput::kHideLogLevel);
    iox::runtime::PoshRuntime::initRuntime(
        iox::RuntimeName_t(iox::cxx::TruncateToCapacity, name.c_str()));
    done = true;
}

iox::capro::ServiceDescription service(const std::string& name) {
    return {"shmscope-bench", iox::capro::IdString_t(iox::cxx::TruncateToCapacity, name.c_str()),
            "data"};
}

// Waits for a message the way the row's wait policy says (spin, then yield).
void pauseBriefly(const WaitPolicy& wait, std::uint64_t startNs) {
    if (wait.kind == WaitKind::Spin ||
        (wait.kind == WaitKind::Adaptive && monotonicNs() - startNs < wait.spinNs))
        cpuRelax();
    else
        yieldCpu();
}

class IceoryxSender final : public Sender {
public:
    IceoryxSender(const std::string& name, std::uint32_t queue)
        : publisher_(service(name), options(queue)) {}

    Status send(std::span<const std::byte> payload) override {
        if (Status ok = awaitSubscriber(); !ok)
            return ok;
        while (true) {
            auto loan =
                publisher_.loan(static_cast<std::uint32_t>(payload.size()), kPayloadAlignment);
            if (loan.has_error()) {
                yieldCpu(); // every chunk is queued or held: the subscriber frees one soon
                continue;
            }
            void* chunk = loan.value();
            if (!payload.empty())
                std::memcpy(chunk, payload.data(), payload.size());
            publisher_.publish(chunk);
            return {};
        }
    }
    Status finish() override { return send({}); }

private:
    static iox::popo::PublisherOptions options(std::uint32_t) {
        iox::popo::PublisherOptions options;
        options.historyCapacity = 0;
        options.subscriberTooSlowPolicy = iox::popo::ConsumerTooSlowPolicy::WAIT_FOR_CONSUMER;
        return options;
    }
    // Messages published before the subscriber is connected would be lost.
    Status awaitSubscriber() {
        if (connected_)
            return {};
        const std::uint64_t start = monotonicNs();
        while (!publisher_.hasSubscribers()) {
            if (monotonicNs() - start > kSubscriberWaitNs)
                return makeError(ErrorCode::System, "no iceoryx subscriber connected within 5 s");
            const timespec pause{0, kSubscriberPollNs};
            nanosleep(&pause, nullptr);
        }
        connected_ = true;
        return {};
    }

    iox::popo::UntypedPublisher publisher_;
    bool connected_ = false;
};

class IceoryxReceiver final : public Receiver {
public:
    IceoryxReceiver(const std::string& name, const LinkConfig& config, bool loan)
        : subscriber_(service(name), options(config.slots)), wait_(config.wait), loan_(loan) {
        if (!loan_)
            buffer_ = AlignedBuffer(config.messageBytes);
    }
    ~IceoryxReceiver() override { (void)release(); }

    Result<Piece> receive() override {
        const std::uint64_t start = monotonicNs();
        while (true) {
            auto taken = subscriber_.take();
            if (taken.has_error()) {
                pauseBriefly(wait_, start);
                continue;
            }
            const void* chunk = taken.value();
            const std::uint32_t bytes =
                iox::mepoo::ChunkHeader::fromUserPayload(chunk)->userPayloadSize();
            Piece piece;
            piece.end = bytes == 0;
            if (loan_) {
                held_ = chunk;
                piece.bytes = {static_cast<const std::byte*>(chunk), bytes};
                return piece;
            }
            if (bytes > buffer_.size()) {
                subscriber_.release(chunk);
                return makeError(ErrorCode::Corrupt, "a message larger than expected arrived");
            }
            std::memcpy(buffer_.data(), chunk, bytes);
            subscriber_.release(chunk);
            piece.bytes = {buffer_.data(), bytes};
            return piece;
        }
    }

    Status release() override {
        if (held_ != nullptr)
            subscriber_.release(held_);
        held_ = nullptr;
        return {};
    }

private:
    static iox::popo::SubscriberOptions options(std::uint32_t queue) {
        iox::popo::SubscriberOptions options;
        options.queueCapacity = queue;
        options.historyRequest = 0;
        options.queueFullPolicy = iox::popo::QueueFullPolicy::BLOCK_PRODUCER;
        return options;
    }

    iox::popo::UntypedSubscriber subscriber_;
    WaitPolicy wait_;
    bool loan_;
    AlignedBuffer buffer_;
    const void* held_ = nullptr;
};

class IceoryxLink final : public Link {
public:
    IceoryxLink(LinkConfig config, bool loan) : config_(std::move(config)), loan_(loan) {}
    Result<std::unique_ptr<Sender>> openSender() override {
        initRuntimeOnce();
        return std::unique_ptr<Sender>(
            std::make_unique<IceoryxSender>(config_.name, config_.slots));
    }
    Result<std::unique_ptr<Receiver>> openReceiver() override {
        initRuntimeOnce();
        return std::unique_ptr<Receiver>(
            std::make_unique<IceoryxReceiver>(config_.name, config_, loan_));
    }

private:
    LinkConfig config_;
    bool loan_;
};

} // namespace

Result<std::unique_ptr<Link>> makeIceoryxLink(const TransportSpec& spec, const LinkConfig& config) {
    if (Status ok = ensureIceoryxDaemon(); !ok)
        return ok.error();
    return std::unique_ptr<Link>(
        std::make_unique<IceoryxLink>(config, spec.base == "iceoryx-loan"));
}

} // namespace shmscope::bench
