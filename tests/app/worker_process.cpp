#include "worker_process.hpp"

#include "child_process.hpp"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>

namespace shmscope::test {

QString binaryPath(const char* name) { return QStringLiteral(SHMSCOPE_BIN_DIR "/") + QLatin1String(name); }

namespace {

QProcessEnvironment workerEnvironment(const QString& crashPoint)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("SHMSCOPE_CRASH_POINT"));
    if (!crashPoint.isEmpty()) environment.insert(QStringLiteral("SHMSCOPE_CRASH_POINT"), crashPoint);
    return environment;
}

} // namespace

WorkerProcess::WorkerProcess(QStringList arguments, const QString& crashPoint)
    : JsonLinesProcess(binaryPath("shmscope-worker"), std::move(arguments),
                       workerEnvironment(crashPoint), 60000)
{
}

QStringList WorkerProcess::warnings() const
{
    QStringList texts;
    for (const QJsonObject& warning : events(QStringLiteral("warning")))
        texts << warning.value(QStringLiteral("text")).toString();
    return texts;
}

qint64 counter(const QJsonObject& summary, const char* name)
{
    return summary.value(QLatin1String(name)).toInteger(-1);
}

QJsonObject producerEntry(const QJsonObject& summary, const QJsonObject& producerSummary)
{
    const QJsonObject own = producerSummary.value(QStringLiteral("producers")).toArray().at(0).toObject();
    for (const QJsonValue& value : summary.value(QStringLiteral("producers")).toArray()) {
        const QJsonObject entry = value.toObject();
        if (entry.value(QStringLiteral("record")) == own.value(QStringLiteral("record")) &&
            entry.value(QStringLiteral("incarnation")) == own.value(QStringLiteral("incarnation")))
            return entry;
    }
    return {};
}

QString deliveredOnce(const QList<QJsonObject>& consumers, const QJsonObject& producerSummary)
{
    qint64 count = 0;
    quint64 digest = 0;
    for (const QJsonObject& summary : consumers) {
        const QJsonObject entry = producerEntry(summary, producerSummary);
        count += entry.value(QStringLiteral("count")).toInteger();
        digest += entry.value(QStringLiteral("digest")).toString().toULongLong(nullptr, 16);
    }
    const QJsonObject own = producerSummary.value(QStringLiteral("producers")).toArray().at(0).toObject();
    const qint64 sent = own.value(QStringLiteral("count")).toInteger();
    const quint64 sentDigest = own.value(QStringLiteral("digest")).toString().toULongLong(nullptr, 16);
    if (count != sent) return QStringLiteral("received %1 of %2 messages").arg(count).arg(sent);
    if (digest != sentDigest) return QStringLiteral("digests differ: %1 received, %2 sent").arg(digest, 0, 16).arg(sentDigest, 0, 16);
    return {};
}

ToolResult runTool(const char* tool, const QStringList& arguments, int timeoutMs)
{
    QProcess process;
    dieWithTest(process);
    process.start(binaryPath(tool), arguments);
    ToolResult result;
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

} // namespace shmscope::test
