// A one-line progress bar on stderr, only when stderr is a terminal; with --format jsonl also
// one progress event per step on the output, for a program that follows the run.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string_view>

namespace shmscope::bench {

class Progress {
public:
    // `events`: where progress events go (nullptr: none).
    explicit Progress(std::uint64_t totalSteps, std::FILE* events = nullptr);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Advances one step and shows what runs now.
    void step(std::string_view row, std::string_view what);

private:
    std::uint64_t total_;
    std::uint64_t done_ = 0;
    bool enabled_;
    std::FILE* events_;
};

} // namespace shmscope::bench
