#include "bridge_process.hpp"

#include "../app/worker_process.hpp"
#include "child_process.hpp"

#include <QElapsedTimer>
#include <QJsonDocument>

namespace shmscope::test {

BridgeProcess::BridgeProcess(QStringList arguments) : process_(std::make_unique<QProcess>())
{
    arguments << QStringLiteral("--json");
    dieWithTest(*process_);
    process_->start(binaryPath("shmscope-bridge"), arguments);
}

BridgeProcess::~BridgeProcess()
{
    if (process_->state() != QProcess::NotRunning) {
        process_->kill();
        process_->waitForFinished(5000);
    }
}

void BridgeProcess::readLines()
{
    buffer_ += process_->readAllStandardOutput();
    stderr_ += QString::fromUtf8(process_->readAllStandardError());
    qsizetype newline = 0;
    while ((newline = buffer_.indexOf('\n')) >= 0) {
        const QByteArray line = buffer_.left(newline);
        buffer_.remove(0, newline + 1);
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        const QString event = object.value(QStringLiteral("event")).toString();
        if (event == QStringLiteral("ready")) ready_ = object;
        if (event == QStringLiteral("summary")) summary_ = object;
        if (event == QStringLiteral("connected")) ++connected_;
    }
}

bool BridgeProcess::waitReady(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (ready_.isEmpty() && timer.elapsed() < timeoutMs) {
        if (process_->state() == QProcess::NotRunning) {
            readLines();
            return !ready_.isEmpty();
        }
        process_->waitForReadyRead(50);
        readLines();
    }
    return !ready_.isEmpty();
}

bool BridgeProcess::waitConnected(int count, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    readLines();
    while (connected_ < count && timer.elapsed() < timeoutMs) {
        if (process_->state() == QProcess::NotRunning)
            break;
        process_->waitForReadyRead(50);
        readLines();
    }
    return connected_ >= count;
}

bool BridgeProcess::waitStderr(const QString& text, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    readLines();
    while (!stderr_.contains(text) && timer.elapsed() < timeoutMs) {
        if (process_->state() == QProcess::NotRunning) {
            readLines();
            break;
        }
        process_->waitForReadyRead(50);
        readLines();
    }
    return stderr_.contains(text);
}

bool BridgeProcess::waitExit(int timeoutMs)
{
    const bool finished =
        process_->state() == QProcess::NotRunning || process_->waitForFinished(timeoutMs);
    readLines();
    if (!finished) {
        process_->kill();
        process_->waitForFinished(5000);
        readLines();
    }
    return finished;
}

void BridgeProcess::terminate() { process_->terminate(); }
void BridgeProcess::kill() { process_->kill(); }
int BridgeProcess::exitCode() const { return process_->exitCode(); }
bool BridgeProcess::crashed() const { return process_->exitStatus() == QProcess::CrashExit; }
QString BridgeProcess::endpoint() const { return ready_.value(QStringLiteral("endpoint")).toString(); }

} // namespace shmscope::test
