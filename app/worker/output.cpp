#include "output.hpp"

#include "options.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"

#include <cstdio>

namespace shmscope::worker {

void Output::line(const std::string& text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void Output::ready(std::uint32_t pid, std::string_view role, std::string_view channel,
                   std::uint32_t record) const {
    if (!json_)
        return;
    line(cli::JsonObject()
             .str("event", "ready")
             .u64("pid", pid)
             .str("role", role)
             .str("channel", channel)
             .u64("record", record)
             .text());
}

void Output::warning(std::string_view text) const {
    if (json_)
        line(cli::JsonObject().str("event", "warning").str("text", text).text());
    else
        cli::printLine(kProgram, cli::concat("warning: ", text));
}

void Output::summary(const std::string& jsonLine, const std::string& text) const {
    if (json_) {
        line(jsonLine);
    } else {
        std::fwrite(text.data(), 1, text.size(), stdout);
        std::fflush(stdout);
    }
}

} // namespace shmscope::worker
