#include "output.hpp"

#include "options.hpp"
#include "shmscope/cli/flags.hpp"
#include "shmscope/cli/json.hpp"

namespace shmscope::worker {

void Output::ready(std::uint32_t pid, std::string_view role, std::string_view channel,
                   std::uint32_t record) const {
    if (!json_)
        return;
    cli::writeLine(cli::readyEvent(pid, role, channel, record).text());
}

void Output::warning(std::string_view text) const {
    if (json_)
        cli::writeLine(cli::JsonObject().str("event", "warning").str("text", text).text());
    else
        cli::printLine(kProgram, cli::concat("warning: ", text));
}

void Output::summary(const std::string& jsonLine, const std::string& text) const {
    if (json_)
        cli::writeLine(jsonLine);
    else
        cli::writeText(text);
}

} // namespace shmscope::worker
