#include "json_lines_process.hpp"

#include "child_process.hpp"

#include <QElapsedTimer>
#include <QJsonDocument>

#include <algorithm>
#include <iterator>

namespace shmscope::test {

JsonLinesProcess::JsonLinesProcess(const QString& program, QStringList arguments,
                                   const QProcessEnvironment& environment, int exitTimeoutMs)
    : process_(std::make_unique<QProcess>()), exitTimeoutMs_(exitTimeoutMs)
{
    process_->setProcessEnvironment(environment);
    arguments << QStringLiteral("--json");
    dieWithTest(*process_);
    process_->start(program, arguments);
}

JsonLinesProcess::~JsonLinesProcess()
{
    if (process_->state() != QProcess::NotRunning) {
        process_->kill();
        process_->waitForFinished(5000);
    }
}

void JsonLinesProcess::readLines()
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
        lines_.append(object);
    }
}

template <typename Done> bool JsonLinesProcess::waitFor(Done done, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    readLines();
    while (!done() && timer.elapsed() < timeoutMs) {
        if (process_->state() == QProcess::NotRunning) {
            readLines();
            break;
        }
        process_->waitForReadyRead(50);
        readLines();
    }
    return done();
}

bool JsonLinesProcess::waitReady(int timeoutMs)
{
    return waitFor([this] { return !ready_.isEmpty(); }, timeoutMs);
}

bool JsonLinesProcess::waitEvents(const QString& event, int count, int timeoutMs)
{
    return waitFor([this, &event, count] { return events(event).size() >= count; }, timeoutMs);
}

bool JsonLinesProcess::waitStderr(const QString& text, int timeoutMs)
{
    return waitFor([this, &text] { return stderr_.contains(text); }, timeoutMs);
}

bool JsonLinesProcess::waitExit(int timeoutMs)
{
    const bool finished = process_->state() == QProcess::NotRunning ||
                          process_->waitForFinished(timeoutMs < 0 ? exitTimeoutMs_ : timeoutMs);
    readLines();
    if (!finished) {
        process_->kill();
        process_->waitForFinished(5000);
        readLines();
    }
    return finished;
}

QList<QJsonObject> JsonLinesProcess::events(const QString& event) const
{
    QList<QJsonObject> found;
    std::copy_if(lines_.begin(), lines_.end(), std::back_inserter(found),
                 [&event](const QJsonObject& line) {
                     return line.value(QStringLiteral("event")).toString() == event;
                 });
    return found;
}

void JsonLinesProcess::terminate() { process_->terminate(); }
void JsonLinesProcess::kill() { process_->kill(); }
int JsonLinesProcess::exitCode() const { return process_->exitCode(); }
bool JsonLinesProcess::crashed() const { return process_->exitStatus() == QProcess::CrashExit; }
qint64 JsonLinesProcess::pid() const { return process_->processId(); }

} // namespace shmscope::test
