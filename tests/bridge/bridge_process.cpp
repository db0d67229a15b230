#include "bridge_process.hpp"

#include "../app/worker_process.hpp"

namespace shmscope::test {

BridgeProcess::BridgeProcess(QStringList arguments)
    : JsonLinesProcess(binaryPath("shmscope-bridge"), std::move(arguments),
                       QProcessEnvironment::systemEnvironment(), 120000)
{
}

bool BridgeProcess::waitConnected(int count, int timeoutMs)
{
    return waitEvents(QStringLiteral("connected"), count, timeoutMs);
}

QString BridgeProcess::endpoint() const
{
    return ready().value(QStringLiteral("endpoint")).toString();
}

} // namespace shmscope::test
