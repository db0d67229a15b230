#include "test_channel.hpp"

#include "crash_cleanup.hpp"

#include "shmscope/snapshot.hpp"

#include <atomic>
#include <sys/stat.h>
#include <unistd.h>

namespace shmscope::test {

std::string uniqueChannelName(const char* prefix)
{
    static std::atomic<int> counter{0};
    removeOwnChannelsOnCrash();
    return std::string("test-") + prefix + "-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter.fetch_add(1));
}

ChannelGuard::ChannelGuard(std::string name) : name_(std::move(name)) { removeOwnChannelsOnCrash(); }

ChannelGuard::~ChannelGuard() { (void)removeChannel(name_); }

bool channelExists(const std::string& name)
{
    struct stat st {};
    return ::lstat(("/dev/shm/shmscope." + name).c_str(), &st) == 0 ||
           ::lstat(("/dev/shm/shmscope." + name + ".ctl").c_str(), &st) == 0;
}

} // namespace shmscope::test
