// Listing and removing channels in /dev/shm (shmscope-stat --list, --rm, --gc).
#include "segment_attach.hpp"
#include "shmscope/snapshot.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace shmscope {
namespace {

// Channel names present in /dev/shm (data objects only; control objects end in ".ctl").
std::vector<std::string> channelNames()
{
    std::vector<std::string> names;
    DIR* dir = ::opendir(detail::kShmDirectory);
    if (dir == nullptr) return names;
    const std::string prefix = detail::kShmPrefix;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string file = entry->d_name;
        if (file.rfind(prefix, 0) != 0) continue;
        const std::string name = file.substr(prefix.size());
        if (!validateChannelName(name)) continue;
        names.push_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
}

bool flockHeld(int fd)
{
    if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        ::flock(fd, LOCK_UN);
        return false;
    }
    return true;
}

} // namespace

std::vector<ChannelListing> listChannels()
{
    std::vector<ChannelListing> listings;
    for (const std::string& name : channelNames()) {
        ChannelListing listing;
        listing.name = name;
        const detail::ObjectPaths paths = detail::shmPaths(name);
        bool absent = false;
        Result<detail::Fd> fd = detail::openObject(paths.data, false, &absent);
        if (!fd) {
            if (absent) continue;
            listing.problem = fd.error().message;
            listings.push_back(listing);
            continue;
        }
        struct stat st {};
        ::fstat(fd->get(), &st);
        listing.ownerUid = st.st_uid;
        listing.mode = st.st_mode & 0777;
        listing.sizeBytes = static_cast<std::uint64_t>(st.st_size);
        listing.inUse = flockHeld(fd->get());
        Result<SnapshotReader> reader = SnapshotReader::openChannel(name, std::chrono::milliseconds(0));
        if (!reader) {
            listing.problem = reader.error().message;
        } else {
            const ChannelSnapshot snap = reader->take(false);
            for (const RecordSnapshot& record : snap.records) {
                if (record.state != RecordState::Active && record.state != RecordState::Claiming) continue;
                ++listing.attached;
                if (record.alive) ++listing.live;
            }
        }
        listings.push_back(listing);
    }
    return listings;
}

Status removeChannel(const std::string& name)
{
    if (Status valid = validateChannelName(name); !valid) return valid.error();
    const detail::ObjectPaths paths = detail::shmPaths(name);
    struct stat st {};
    if (::lstat(paths.data.c_str(), &st) != 0)
        return makeError(ErrorCode::NotFound, "channel " + name + " not found");
    ::unlink(paths.control.c_str());
    if (::unlink(paths.data.c_str()) != 0)
        return makeError(ErrorCode::Permission, "cannot remove channel " + name + ": " + detail::errnoText(errno));
    return {};
}

std::vector<std::string> collectGarbage(std::string_view namePrefix)
{
    std::vector<std::string> removed;
    for (const std::string& name : channelNames()) {
        if (name.rfind(namePrefix, 0) != 0) continue;
        const detail::ObjectPaths paths = detail::shmPaths(name);
        // Opening read-only is enough for flock; a process attached read-write holds LOCK_SH.
        detail::Fd fd(::open(paths.data.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.valid()) continue;
        if (detail::removeIfUnused(fd.get(), paths)) removed.push_back(name);
    }
    // Control objects whose channel is gone.
    DIR* dir = ::opendir(detail::kShmDirectory);
    if (dir != nullptr) {
        const std::string prefix = detail::kShmPrefix;
        std::vector<std::string> orphans;
        while (const dirent* entry = ::readdir(dir)) {
            const std::string file = entry->d_name;
            if (file.rfind(prefix, 0) != 0 || file.size() < 4 || file.substr(file.size() - 4) != ".ctl")
                continue;
            const std::string channel = file.substr(prefix.size(), file.size() - prefix.size() - 4);
            if (channel.rfind(namePrefix, 0) != 0) continue;
            struct stat st {};
            if (::lstat(detail::shmPaths(channel).data.c_str(), &st) != 0) orphans.push_back(file);
        }
        ::closedir(dir);
        for (const std::string& file : orphans)
            ::unlink((std::string(detail::kShmDirectory) + "/" + file).c_str());
    }
    return removed;
}

} // namespace shmscope
