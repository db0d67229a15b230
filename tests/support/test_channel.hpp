// Unique channel names per test, and RAII removal of everything a test created in /dev/shm.
#pragma once

#include <QString>

#include <string>

namespace shmscope::test {

// "<prefix>-<pid>-<counter>": unique per process and call, so parallel tests never collide.
std::string uniqueChannelName(const char* prefix);

// Removes the channel (data and control objects) when it goes out of scope, and, with every
// object this process named, when a fatal signal ends the test (crash_cleanup.hpp).
class ChannelGuard {
public:
    explicit ChannelGuard(std::string name);
    ~ChannelGuard();
    ChannelGuard(const ChannelGuard&) = delete;
    ChannelGuard& operator=(const ChannelGuard&) = delete;
    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] QString qname() const { return QString::fromStdString(name_); }

private:
    std::string name_;
};

// True when /dev/shm holds an object of this channel.
bool channelExists(const std::string& name);

} // namespace shmscope::test
