// A one-line progress bar on stderr, only when stderr is a terminal.
#pragma once

#include <cstdint>
#include <string_view>

namespace shmscope::bench {

class Progress {
public:
    explicit Progress(std::uint64_t totalSteps);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Advances one step and shows what runs now.
    void step(std::string_view row, std::string_view what);

private:
    std::uint64_t total_;
    std::uint64_t done_ = 0;
    bool enabled_;
};

} // namespace shmscope::bench
