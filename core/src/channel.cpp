#include "channel_impl.hpp"

#include "shmscope/wait.hpp"

#include <cerrno>
#include <sys/mman.h>
#include <unistd.h>

namespace shmscope {
namespace {

template <typename T>
Status compareParam(bool given, const char* flag, const T& channelValue, const T& requested,
                    const std::string& channelText, const std::string& requestedText)
{
    if (!given || channelValue == requested) return {};
    return makeError(ErrorCode::Mismatch, std::string(flag) + ": channel has " + channelText +
                                              ", requested " + requestedText);
}

Status compareGiven(const ChannelParams& have, const ChannelParams& want, const GivenParams& given)
{
    Status checks[] = {
        compareParam(given.sync, "--sync", have.sync, want.sync, std::string(syncName(have.sync)),
                     std::string(syncName(want.sync))),
        compareParam(given.delivery, "--delivery", have.delivery, want.delivery,
                     std::string(deliveryName(have.delivery)), std::string(deliveryName(want.delivery))),
        compareParam(given.backpressure, "--backpressure", have.backpressure, want.backpressure,
                     std::string(backpressureName(have.backpressure)),
                     std::string(backpressureName(want.backpressure))),
        compareParam(given.checksum, "--checksum", have.checksum, want.checksum,
                     std::string(checksumName(have.checksum)), std::string(checksumName(want.checksum))),
        compareParam(given.transport, "--transport", have.transport, want.transport,
                     std::string(transportName(have.transport)),
                     std::string(transportName(want.transport))),
        compareParam(given.slotCount, "--slots", have.slotCount, want.slotCount,
                     std::to_string(have.slotCount), std::to_string(want.slotCount)),
        compareParam(given.slotPayloadBytes, "--slot-size", have.slotPayloadBytes,
                     want.slotPayloadBytes, formatBytes(have.slotPayloadBytes),
                     formatBytes(want.slotPayloadBytes)),
        compareParam(given.hugepages, "--hugepages", have.hugepages, want.hugepages,
                     have.hugepages ? "on" : "off", want.hugepages ? "on" : "off"),
    };
    for (Status& check : checks)
        if (!check) return check;
    return {};
}

} // namespace

namespace detail {

void lockRobust(std::uint8_t* storage, bool* recovered)
{
    auto* mutex = reinterpret_cast<pthread_mutex_t*>(storage);
    const int rc = pthread_mutex_lock(mutex);
    if (rc == EOWNERDEAD) {
        pthread_mutex_consistent(mutex);
        if (recovered != nullptr) *recovered = true;
    }
}

void unlockRobust(std::uint8_t* storage)
{
    pthread_mutex_unlock(reinterpret_cast<pthread_mutex_t*>(storage));
}

} // namespace detail

Channel::Channel(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Channel::Channel(Channel&&) noexcept = default;
Channel& Channel::operator=(Channel&&) noexcept = default;

Channel::~Channel()
{
    if (!impl_) return;
    releaseRecord();
    const bool keep = (impl_->segment.header.flags & kFlagKeep) != 0;
    if (!keep && impl_->params.transport == TransportKind::Shm)
        detail::removeIfUnused(impl_->segment.dataFd.get(), impl_->paths);
}

Result<Channel> Channel::open(const std::string& name, const OpenOptions& options)
{
    registerWaker(); // before this process can wake anyone through the channel
    auto impl = std::make_unique<Impl>();
    impl->name = name;
    const bool file = options.params.transport == TransportKind::File;
    if (file) {
        if (options.path.empty()) return makeError(ErrorCode::Usage, "--path: required with --transport file");
        impl->paths = detail::filePaths(options.path);
    } else {
        if (Status valid = validateChannelName(name); !valid) return valid.error();
        impl->paths = detail::shmPaths(name);
    }
    detail::AttachRequest request;
    request.paths = impl->paths;
    request.displayName = file ? options.path : name;
    request.writable = true;
    request.allowOtherOwner = options.allowOtherOwner;
    request.fileTransport = file;
    request.timeout = options.attachTimeout;
    request.stop = options.stop;

    bool attached = false;
    if (options.mode != OpenMode::Attach) {
        if (Status combination = validateCombination(options.params, false, false); !combination)
            return combination.error();
        Result<detail::AttachedSegment> created =
            detail::createSegment(request, options.params, options.keep);
        if (created) {
            impl->segment = std::move(*created);
            attached = true;
        } else if (created.error().code != ErrorCode::Exists || options.mode == OpenMode::CreateOnly) {
            if (created.error().code == ErrorCode::Exists)
                return makeError(ErrorCode::Exists, "channel " + request.displayName + " already exists");
            return created.error();
        }
    }
    if (!attached) {
        Result<detail::AttachedSegment> segment = detail::attachSegment(request);
        if (!segment) return segment.error();
        impl->segment = std::move(*segment);
    }
    impl->params = detail::paramsFromHeader(impl->segment.header);
    impl->base = impl->segment.data.data();
    if (!impl->segment.created)
        if (Status same = compareGiven(impl->params, options.params, options.given); !same)
            return same.error();
    return Channel(std::move(impl));
}

const std::string& Channel::name() const { return impl_->name; }
const ChannelParams& Channel::params() const { return impl_->params; }
bool Channel::created() const { return impl_->segment.created; }

SegmentHeader& Channel::header() const { return *reinterpret_cast<SegmentHeader*>(impl_->base); }

StatsRecord& Channel::record(std::uint32_t index) const
{
    const auto offset = impl_->segment.header.stats_offset + std::uint64_t{index} * sizeof(StatsRecord);
    return *reinterpret_cast<StatsRecord*>(impl_->base + offset);
}

RingControl& Channel::ring() const
{
    return *reinterpret_cast<RingControl*>(impl_->base + impl_->segment.header.ring_offset);
}

SlotDescriptor& Channel::descriptor(std::uint32_t slot) const
{
    return reinterpret_cast<SlotDescriptor*>(impl_->base + impl_->segment.header.descriptors_offset)[slot];
}

std::byte* Channel::slot(std::uint32_t slot) const
{
    return impl_->base + impl_->segment.header.slots_offset +
           std::uint64_t{slot} * impl_->segment.header.slot_stride;
}

BroadcastCursor& Channel::cursor(std::uint32_t record) const
{
    return reinterpret_cast<BroadcastCursor*>(impl_->base + impl_->segment.header.cursors_offset)[record];
}

const ControlHeader& Channel::controlHeader() const
{
    return *reinterpret_cast<const ControlHeader*>(impl_->segment.control.data());
}

const ControlEntry& Channel::controlEntry(std::uint32_t record) const
{
    return reinterpret_cast<const ControlEntry*>(impl_->segment.control.data() +
                                                 sizeof(ControlHeader))[record];
}

Status Channel::sync() const
{
    if (::msync(impl_->base, impl_->segment.data.size(), MS_SYNC) != 0)
        return makeError(ErrorCode::System, "msync: " + detail::errnoText(errno));
    return {};
}

std::uint32_t Channel::recordIndex() const { return impl_->record; }
std::uint32_t Channel::incarnation() const { return impl_->incarnation; }

} // namespace shmscope
