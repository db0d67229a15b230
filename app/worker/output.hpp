// stdout and stderr of a worker: JSON lines with --json (flushed one by one), else plain text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace shmscope::worker {

class Output {
public:
    explicit Output(bool json) : json_(json) {}

    [[nodiscard]] bool json() const { return json_; }

    void ready(std::uint32_t pid, std::string_view role, std::string_view channel,
               std::uint32_t record) const;
    // {"event":"warning","text":...} with --json, else one line on stderr.
    void warning(std::string_view text) const;
    // The summary: a JSON line with --json, else the human text.
    void summary(const std::string& jsonLine, const std::string& text) const;

private:
    bool json_;
};

} // namespace shmscope::worker
