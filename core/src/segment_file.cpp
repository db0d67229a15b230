#include "segment_file.hpp"

#include <boost/interprocess/interprocess_fwd.hpp>
#include <boost/version.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <pthread.h>
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

namespace shmscope::detail {
namespace {

constexpr std::uint64_t kPageBytes = 4096;
constexpr std::uint64_t kHugePageBytes = 2 * 1024 * 1024;

std::uint64_t fnv1a64(const void* data, std::size_t size, std::uint64_t hash = 1469598103934665603ull)
{
    const auto* bytes = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < size; ++i) {
        hash ^= bytes[i];
        hash *= 1099511628211ull;
    }
    return hash;
}

bool alignUp(std::uint64_t value, std::uint64_t alignment, std::uint64_t& out)
{
    if (value > UINT64_MAX - (alignment - 1)) return false;
    out = (value + alignment - 1) / alignment * alignment;
    return true;
}

// A descriptor the Boost mapping can consume: our fd, opened by our own rules.
struct FdMappable {
    int fd;
    [[nodiscard]] boost::interprocess::mapping_handle_t get_mapping_handle() const
    {
        return boost::interprocess::ipcdetail::mapping_handle_from_file_handle(fd);
    }
};

} // namespace

Fd& Fd::operator=(Fd&& other) noexcept
{
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

Fd::~Fd()
{
    if (fd_ >= 0) ::close(fd_);
}

int Fd::release()
{
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

ObjectPaths shmPaths(const std::string& channel)
{
    const std::string base = std::string(kShmDirectory) + "/" + kShmPrefix + channel;
    return {base, base + ".ctl"};
}

ObjectPaths filePaths(const std::string& file) { return {file, file + ".ctl"}; }

Result<SegmentLayout> computeLayout(const ChannelParams& params)
{
    SegmentLayout layout;
    layout.statsOffset = sizeof(SegmentHeader);
    const std::uint64_t statsBytes = std::uint64_t{kMaxRecords + 1} * sizeof(StatsRecord);
    if (!alignUp(layout.statsOffset + statsBytes, kPageBytes, layout.ringOffset))
        return makeError(ErrorCode::Usage, "segment too large");
    layout.descriptorsOffset = layout.ringOffset + sizeof(RingControl);
    const std::uint64_t descriptorBytes = std::uint64_t{params.slotCount} * sizeof(SlotDescriptor);
    layout.cursorsOffset = layout.descriptorsOffset + descriptorBytes;
    const std::uint64_t cursorBytes = std::uint64_t{kMaxRecords} * sizeof(BroadcastCursor);
    const std::uint64_t slotAlignment = params.hugepages ? kHugePageBytes : kPageBytes;
    if (!alignUp(layout.cursorsOffset + cursorBytes, slotAlignment, layout.slotsOffset))
        return makeError(ErrorCode::Usage, "segment too large");
    layout.slotStride = kMessageHeaderBytes + params.slotPayloadBytes;
    std::uint64_t slotBytes = 0;
    if (__builtin_mul_overflow(layout.slotStride, std::uint64_t{params.slotCount}, &slotBytes) ||
        __builtin_add_overflow(layout.slotsOffset, slotBytes, &layout.totalBytes))
        return makeError(ErrorCode::Usage, "--slots × --slot-size: segment larger than 2^64 bytes");
    if (!alignUp(layout.totalBytes, kPageBytes, layout.totalBytes))
        return makeError(ErrorCode::Usage, "segment too large");
    return layout;
}

std::uint32_t abiTag()
{
    struct {
        char arch[8] = "x86_64";
        std::uint32_t pointerBytes = sizeof(void*);
        std::uint32_t mutexBytes = sizeof(pthread_mutex_t);
        std::uint32_t semBytes = sizeof(sem_t);
        std::uint32_t boostVersion = BOOST_VERSION;
        std::uint32_t cacheLine = kCacheLine;
    } facts;
    const std::uint64_t hash = fnv1a64(&facts, sizeof facts);
    return static_cast<std::uint32_t>(hash ^ (hash >> 32));
}

std::uint64_t bootIdHash()
{
    std::ifstream file("/proc/sys/kernel/random/boot_id");
    std::string id;
    std::getline(file, id);
    return fnv1a64(id.data(), id.size());
}

ChannelParams paramsFromHeader(const SegmentHeader& h)
{
    ChannelParams p;
    p.sync = static_cast<SyncKind>(h.sync);
    p.delivery = static_cast<Delivery>(h.delivery);
    p.backpressure = static_cast<Backpressure>(h.backpressure);
    p.checksum = static_cast<ChecksumKind>(h.checksum);
    p.transport = static_cast<TransportKind>(h.transport);
    p.slotCount = h.slot_count;
    p.slotPayloadBytes = h.slot_payload_bytes;
    p.mode = static_cast<std::uint32_t>(h.mode & 0777);
    p.hugepages = (h.flags & kFlagHugepages) != 0;
    return p;
}

Status validateHeader(const SegmentHeader& h, std::uint64_t objectBytes)
{
    const auto corrupt = [](const std::string& what) {
        return Status(makeError(ErrorCode::Corrupt, "channel corrupted: " + what));
    };
    if (std::memcmp(h.magic, kSegmentMagic, sizeof h.magic) != 0)
        return corrupt("not a shmscope channel (bad magic)");
    if (h.version_major != kVersionMajor)
        return makeError(ErrorCode::Corrupt, "layout v" + std::to_string(h.version_major) + "." +
                                                 std::to_string(h.version_minor) +
                                                 "; this build reads v" +
                                                 std::to_string(kVersionMajor) + "." +
                                                 std::to_string(kVersionMinor));
    if (h.endian_marker != kEndianMarker) return corrupt("byte order differs from this machine");
    if (h.abi_tag != abiTag()) return corrupt("created by a build with a different ABI");
    if (h.header_bytes < sizeof(SegmentHeader) || h.header_bytes > objectBytes)
        return corrupt("header size " + std::to_string(h.header_bytes) + " out of range");
    if (h.segment_bytes != objectBytes)
        return corrupt("header says " + std::to_string(h.segment_bytes) + " bytes, object has " +
                       std::to_string(objectBytes));
    const ChannelParams params = paramsFromHeader(h);
    if (!parseSync(syncName(params.sync)) || !parseDelivery(deliveryName(params.delivery)) ||
        !parseBackpressure(backpressureName(params.backpressure)) ||
        !parseChecksum(checksumName(params.checksum)) ||
        !parseTransport(transportName(params.transport)))
        return corrupt("unknown strategy or option value");
    if (Status limits = validateLimits(params); !limits)
        return corrupt("parameter out of range (" + limits.error().message + ")");
    if (Status combination = validateCombination(params, false, false); !combination)
        return corrupt("parameter combination not allowed (" + combination.error().message + ")");
    if (h.record_count != kMaxRecords || h.stats_record_bytes != sizeof(StatsRecord) ||
        h.ring_control_bytes != sizeof(RingControl))
        return corrupt("stats table or ring control of an unknown size");
    const Result<SegmentLayout> layout = computeLayout(params);
    if (!layout) return corrupt("geometry overflows");
    if (h.stats_offset != layout->statsOffset || h.ring_offset != layout->ringOffset ||
        h.descriptors_offset != layout->descriptorsOffset || h.cursors_offset != layout->cursorsOffset ||
        h.slots_offset != layout->slotsOffset ||
        h.slot_stride != layout->slotStride || layout->totalBytes != objectBytes)
        return corrupt("offsets do not match the parameters or the object size");
    return {};
}

Result<Fd> createObject(const std::string& path, std::uint32_t mode, std::uint64_t bytes)
{
    Fd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 0777));
    if (!fd.valid()) {
        const int error = errno;
        if (error == EEXIST) return makeError(ErrorCode::Exists, path + " already exists");
        if (error == EACCES || error == EPERM)
            return makeError(ErrorCode::Permission, "cannot create " + path + ": " + errnoText(error));
        return makeError(ErrorCode::System, "cannot create " + path + ": " + errnoText(error));
    }
    if (::fchmod(fd.get(), mode & 0777) != 0) {
        const int error = errno;
        ::unlink(path.c_str());
        return makeError(ErrorCode::System, "fchmod " + path + ": " + errnoText(error));
    }
    const int error = ::posix_fallocate(fd.get(), 0, static_cast<off_t>(bytes));
    if (error != 0) {
        ::unlink(path.c_str());
        if (error == ENOSPC || error == EFBIG) {
            struct statvfs fs {};
            const std::string dir = path.substr(0, path.rfind('/') + 1);
            std::uint64_t freeBytes = 0;
            if (::fstatvfs(fd.get(), &fs) == 0) freeBytes = std::uint64_t{fs.f_bavail} * fs.f_frsize;
            return makeError(ErrorCode::NoSpace,
                             "not enough space in " + (dir.empty() ? std::string(".") : dir) +
                                 ": the channel needs " + std::to_string(bytes) + " bytes (" +
                                 formatBytes(bytes) + "), " + std::to_string(freeBytes) +
                                 " bytes (" + formatBytes(freeBytes) + ") are free");
        }
        return makeError(ErrorCode::System, "cannot reserve space for " + path + ": " + errnoText(error));
    }
    return fd;
}

Result<Fd> openObject(const std::string& path, bool writable, bool* absent)
{
    *absent = false;
    Fd fd(::open(path.c_str(), (writable ? O_RDWR : O_RDONLY) | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) {
        const int error = errno;
        if (error == ENOENT) {
            *absent = true;
            return makeError(ErrorCode::NotFound, path + " does not exist");
        }
        if (error == ELOOP)
            return makeError(ErrorCode::Permission, path + " is a symbolic link; refusing to follow it");
        if (error == EACCES || error == EPERM)
            return makeError(ErrorCode::Permission, "cannot open " + path + ": " + errnoText(error));
        return makeError(ErrorCode::System, "cannot open " + path + ": " + errnoText(error));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return makeError(ErrorCode::System, "fstat " + path + ": " + errnoText(errno));
    if (!S_ISREG(st.st_mode)) return makeError(ErrorCode::Permission, path + " is not a regular file");
    return fd;
}

Result<Mapping> Mapping::map(int fd, std::uint64_t bytes, bool writable)
{
    namespace bip = boost::interprocess;
    Mapping mapping;
    try {
        mapping.region_ = std::make_unique<bip::mapped_region>(
            FdMappable{fd}, writable ? bip::read_write : bip::read_only, 0,
            static_cast<std::size_t>(bytes), nullptr, MAP_POPULATE);
    } catch (const bip::interprocess_exception& e) {
        return makeError(ErrorCode::System, std::string("cannot map the channel: ") + e.what());
    } catch (const std::exception& e) {
        return makeError(ErrorCode::System, std::string("cannot map the channel: ") + e.what());
    }
    return mapping;
}

std::byte* Mapping::data() const
{
    return region_ ? static_cast<std::byte*>(region_->get_address()) : nullptr;
}

std::uint64_t Mapping::size() const { return region_ ? region_->get_size() : 0; }

bool ofdTryLock(int fd, std::uint32_t byte)
{
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = byte;
    lock.l_len = 1;
    return ::fcntl(fd, F_OFD_SETLK, &lock) == 0;
}

void ofdUnlock(int fd, std::uint32_t byte)
{
    struct flock lock {};
    lock.l_type = F_UNLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = byte;
    lock.l_len = 1;
    ::fcntl(fd, F_OFD_SETLK, &lock);
}

bool ofdLockWait(int fd, std::uint32_t byte)
{
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = byte;
    lock.l_len = 1;
    while (::fcntl(fd, F_OFD_SETLKW, &lock) != 0)
        if (errno != EINTR) return false;
    return true;
}

bool ofdHeldByOther(int fd, std::uint32_t byte)
{
    struct flock lock {};
    lock.l_type = F_WRLCK;
    lock.l_whence = SEEK_SET;
    lock.l_start = byte;
    lock.l_len = 1;
    if (::fcntl(fd, F_OFD_GETLK, &lock) != 0) return false;
    return lock.l_type != F_UNLCK;
}

bool sameObject(int fd, const std::string& path)
{
    struct stat byFd {}, byPath {};
    if (::fstat(fd, &byFd) != 0 || ::lstat(path.c_str(), &byPath) != 0) return false;
    return byFd.st_dev == byPath.st_dev && byFd.st_ino == byPath.st_ino;
}

std::uint64_t magicWord(const char (&magic)[8])
{
    std::uint64_t word = 0;
    std::memcpy(&word, magic, sizeof word);
    return word;
}

std::uint64_t loadMagic(const void* base)
{
    // The magic is the first, 8-byte-aligned word of the mapping.
    auto& word = *static_cast<std::atomic<std::uint64_t>*>(const_cast<void*>(base));
    return word.load(std::memory_order_acquire);
}

void storeMagic(void* base, const char (&magic)[8])
{
    auto& word = *static_cast<std::atomic<std::uint64_t>*>(base);
    word.store(magicWord(magic), std::memory_order_release);
}

std::string errnoText(int error)
{
    char buffer[128];
    return ::strerror_r(error, buffer, sizeof buffer);
}

} // namespace shmscope::detail
