// POSIX plumbing for channel objects: names, opening without following links, reserving space,
// mapping (through Boost.Interprocess), OFD record locks, and header validation.
#pragma once

#include "shmscope/layout.hpp"
#include "shmscope/params.hpp"
#include "shmscope/result.hpp"

#include <boost/interprocess/mapped_region.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace shmscope::detail {

// An owned file descriptor.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) : fd_(fd) {}
    Fd(Fd&& other) noexcept : fd_(other.release()) {}
    Fd& operator=(Fd&& other) noexcept;
    ~Fd();
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;

    [[nodiscard]] int get() const { return fd_; }
    [[nodiscard]] bool valid() const { return fd_ >= 0; }
    int release();

private:
    int fd_ = -1;
};

// Where a channel's two objects live.
struct ObjectPaths {
    std::string data;      // /dev/shm/shmscope.<ch>, or FILE
    std::string control;   // /dev/shm/shmscope.<ch>.ctl, or FILE.ctl
};
ObjectPaths shmPaths(const std::string& channel);
ObjectPaths filePaths(const std::string& file);
inline constexpr const char* kShmDirectory = "/dev/shm";
inline constexpr const char* kShmPrefix = "shmscope.";

// The offsets a set of parameters implies (deterministic: attach recomputes and compares).
struct SegmentLayout {
    std::uint64_t statsOffset = 0;
    std::uint64_t ringOffset = 0;
    std::uint64_t descriptorsOffset = 0;
    std::uint64_t cursorsOffset = 0;
    std::uint64_t slotsOffset = 0;
    std::uint64_t slotStride = 0;
    std::uint64_t totalBytes = 0;
};
Result<SegmentLayout> computeLayout(const ChannelParams& params);

std::uint32_t abiTag();
std::uint64_t bootIdHash();

// Validates a local copy of the header against the object's real size. Never reads the mapping.
Status validateHeader(const SegmentHeader& header, std::uint64_t objectBytes);
ChannelParams paramsFromHeader(const SegmentHeader& header);

// Creates `path` exclusively (O_CREAT|O_EXCL|O_NOFOLLOW), sets the exact mode and reserves `bytes`
// (a full file system is a NoSpace error naming the bytes needed and free; the object is removed).
Result<Fd> createObject(const std::string& path, std::uint32_t mode, std::uint64_t bytes);

enum class OpenResult { Opened, Absent };
// Opens an existing regular file without following links. Absent is not an error.
Result<Fd> openObject(const std::string& path, bool writable, bool* absent);

// A MAP_SHARED|MAP_POPULATE mapping of a whole object (Boost.Interprocess mapped_region).
class Mapping {
public:
    static Result<Mapping> map(int fd, std::uint64_t bytes, bool writable);
    Mapping() = default;
    Mapping(Mapping&&) noexcept = default;
    Mapping& operator=(Mapping&&) noexcept = default;
    [[nodiscard]] std::byte* data() const;
    [[nodiscard]] std::uint64_t size() const;

private:
    std::unique_ptr<boost::interprocess::mapped_region> region_;
};

// OFD locks on single bytes (record liveness).
bool ofdTryLock(int fd, std::uint32_t byte);   // write lock; false when another holder has it
void ofdUnlock(int fd, std::uint32_t byte);
bool ofdHeldByOther(int fd, std::uint32_t byte); // F_OFD_GETLK: a conflicting lock exists
bool ofdLockWait(int fd, std::uint32_t byte);    // F_OFD_SETLKW
// Byte locked while a file channel is joined (records use bytes 0 … kMaxRecords - 1).
inline constexpr std::uint32_t kInitLockByte = kMaxRecords + 1;

// Same inode behind fd and path (after locking, the name may have been unlinked and reused).
bool sameObject(int fd, const std::string& path);

// Reads the magic with acquire ordering (the creator stores it last, with release).
std::uint64_t loadMagic(const void* base);
void storeMagic(void* base, const char (&magic)[8]);
std::uint64_t magicWord(const char (&magic)[8]);

std::string errnoText(int error);

} // namespace shmscope::detail
