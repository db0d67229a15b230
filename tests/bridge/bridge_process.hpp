// Runs shmscope-bridge as a real child process and reads its JSON lines and its stderr lines.
#pragma once

#include "json_lines_process.hpp"

#include <QString>
#include <QStringList>

namespace shmscope::test {

class BridgeProcess : public JsonLinesProcess {
public:
    explicit BridgeProcess(QStringList arguments);

    // Waits until `count` {"event":"connected"} lines came (true) or the process ends or the time
    // is up (false).
    bool waitConnected(int count, int timeoutMs = 30000);
    [[nodiscard]] QString endpoint() const;
};

} // namespace shmscope::test
