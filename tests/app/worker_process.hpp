// Runs shmscope-worker (and shmscope-stat) as real child processes and reads their JSON lines.
#pragma once

#include "json_lines_process.hpp"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace shmscope::test {

QString binaryPath(const char* name);

class WorkerProcess : public JsonLinesProcess {
public:
    WorkerProcess(QStringList arguments, const QString& crashPoint = {});

    [[nodiscard]] QStringList warnings() const; // {"event":"warning"} texts
};

// A counter of a summary line; -1 when absent.
qint64 counter(const QJsonObject& summary, const char* name);

// The consumer-side entry for one producer (record, incarnation) in a summary's "producers", found
// by the producer's own summary; empty when the consumer saw nothing from it.
QJsonObject producerEntry(const QJsonObject& summary, const QJsonObject& producerSummary);

// Exactly once across queue consumers: the entries of `consumers` for the producer add up to
// what it sent, in count and digest (mod 2^64). Empty when they do, else what differs.
QString deliveredOnce(const QList<QJsonObject>& consumers, const QJsonObject& producerSummary);

// Runs a short-lived tool to completion: {exit code, stdout, stderr}.
struct ToolResult {
    int exitCode = -1;
    QString out;
    QString err;
};
ToolResult runTool(const char* tool, const QStringList& arguments, int timeoutMs = 30000);

} // namespace shmscope::test
