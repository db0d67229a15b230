#include "tool_leftovers.hpp"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <grp.h>
#include <unistd.h>

namespace shmscope::test {
namespace {

struct ProcessEntry {
    pid_t pid = 0;
    pid_t parent = 0;
    bool zombie = false;
};

// /proc/PID/stat: "pid (comm) state ppid …"; comm may hold spaces and parentheses.
bool readEntry(pid_t pid, ProcessEntry* entry) {
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray text = stat.readAll();
    const qsizetype close = text.lastIndexOf(')');
    if (close < 0)
        return false;
    const QList<QByteArray> fields = text.mid(close + 2).split(' ');
    if (fields.size() < 2)
        return false;
    entry->pid = pid;
    entry->zombie = fields[0] == "Z" || fields[0] == "X";
    entry->parent = static_cast<pid_t>(fields[1].toInt());
    return true;
}

QList<ProcessEntry> processes() {
    QList<ProcessEntry> all;
    for (const QString& name : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
        bool number = false;
        const int pid = name.toInt(&number);
        ProcessEntry entry;
        if (number && readEntry(static_cast<pid_t>(pid), &entry))
            all << entry;
    }
    return all;
}

QByteArray commandLine(pid_t pid) {
    QFile file(QStringLiteral("/proc/%1/cmdline").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QByteArray text = file.readAll();
    text.replace('\0', ' ');
    return text.trimmed();
}

// "shmscope-bench-PID" exactly, or followed by '-' or '.': a benchmark's file, or an iceoryx
// runtime's socket and lock named after a measuring child.
bool namesBenchFile(const QString& name, pid_t pid) {
    const QString stem = QStringLiteral("shmscope-bench-%1").arg(pid);
    if (!name.startsWith(stem))
        return false;
    return name.size() == stem.size() || name.at(stem.size()) == QLatin1Char('-') ||
           name.at(stem.size()) == QLatin1Char('.');
}

QStringList entriesOf(const QString& directory) {
    return QDir(directory).entryList(QDir::Files | QDir::System | QDir::Hidden | QDir::Dirs |
                                     QDir::NoDotAndDotDot);
}

// What a process left behind is doing: its state, the kernel function it waits in, its pending
// and blocked signals, and its threads' kernel stacks where they can be read.
QString whereStuck(pid_t pid) {
    QStringList facts;
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray& line : status.readAll().split('\n'))
            for (const char* key : {"State:", "SigPnd:", "ShdPnd:", "SigBlk:", "SigIgn:", "SigCgt:"})
                if (line.startsWith(key))
                    facts << QString::fromUtf8(line.simplified());
    }
    const QDir tasks(QStringLiteral("/proc/%1/task").arg(pid));
    for (const QString& task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile wchan(tasks.filePath(task + QStringLiteral("/wchan")));
        QFile stack(tasks.filePath(task + QStringLiteral("/stack")));
        QString text = QStringLiteral("task ") + task;
        if (wchan.open(QIODevice::ReadOnly))
            text += QStringLiteral(" wchan ") + QString::fromUtf8(wchan.readAll());
        if (stack.open(QIODevice::ReadOnly))
            text += QStringLiteral(" stack ") +
                    QString::fromUtf8(stack.readAll()).simplified().left(600);
        facts << text;
    }
    return facts.join(QStringLiteral("; "));
}

QString ownGroupName() {
    const group* own = ::getgrgid(::getegid());
    return own != nullptr ? QString::fromLocal8Bit(own->gr_name) : QString();
}

} // namespace

QSet<pid_t> descendantsOf(pid_t root) {
    const QList<ProcessEntry> all = processes();
    QSet<pid_t> found;
    QList<pid_t> frontier{root};
    while (!frontier.isEmpty()) {
        const pid_t parent = frontier.takeLast();
        for (const ProcessEntry& entry : all) {
            if (entry.parent == parent && !entry.zombie && !found.contains(entry.pid)) {
                found.insert(entry.pid);
                frontier << entry.pid;
            }
        }
    }
    return found;
}

QSet<pid_t> stillAlive(const QSet<pid_t>& pids) {
    QSet<pid_t> alive;
    for (const pid_t pid : pids) {
        ProcessEntry entry;
        if (readEntry(pid, &entry) && !entry.zombie)
            alive.insert(pid);
    }
    return alive;
}

bool anyRuns(const QSet<pid_t>& pids, const QString& program) {
    for (const pid_t pid : pids) {
        QFile comm(QStringLiteral("/proc/%1/comm").arg(pid));
        if (comm.open(QIODevice::ReadOnly) && QString::fromUtf8(comm.readAll().trimmed()) == program)
            return true;
    }
    return false;
}

bool iceoryxPresent() { return QFileInfo::exists(QStringLiteral("/dev/shm/iceoryx_mgmt")); }

QStringList leftoversOf(pid_t tool, const QSet<pid_t>& started, bool iceoryxWasAbsent) {
    QStringList left;
    QSet<pid_t> named = started;
    named.insert(tool);
    const QByteArray demoMark = QStringLiteral("demo-%1-").arg(tool).toUtf8();
    for (const pid_t pid : stillAlive(started))
        left << QStringLiteral("process %1 %2 [%3]")
                    .arg(pid)
                    .arg(QString::fromUtf8(commandLine(pid)), whereStuck(pid));
    for (const ProcessEntry& entry : processes()) {
        if (entry.parent != 1 || entry.zombie || started.contains(entry.pid))
            continue;
        const QByteArray line = commandLine(entry.pid);
        bool ours = line.contains(demoMark);
        for (const pid_t pid : named)
            ours = ours || line.contains(QStringLiteral("shmscope-bench-%1-").arg(pid).toUtf8());
        if (ours)
            left << QStringLiteral("orphan %1 %2").arg(entry.pid).arg(QString::fromUtf8(line));
    }

    const QString shm = QStringLiteral("/dev/shm");
    for (const QString& name : entriesOf(shm)) {
        bool ours = name.startsWith(QStringLiteral("shmscope.demo-%1-").arg(tool));
        for (const pid_t pid : named)
            ours = ours || name.contains(QStringLiteral("shmscope-bench-%1-").arg(pid));
        // RouDi's management segment, and its payload segment named after the user's group.
        ours = ours || (iceoryxWasAbsent && (name == QLatin1String("iceoryx_mgmt") ||
                                             name == ownGroupName()));
        if (ours)
            left << shm + QLatin1Char('/') + name;
    }
    QStringList directories{QStringLiteral("/tmp")};
    if (QDir(QDir::tempPath()).canonicalPath() != QDir(QStringLiteral("/tmp")).canonicalPath())
        directories << QDir::tempPath();
    for (const QString& directory : directories) {
        for (const QString& name : entriesOf(directory)) {
            bool ours = iceoryxWasAbsent && directory == QLatin1String("/tmp") &&
                        (name == QLatin1String("roudi") || name == QLatin1String("roudi.lock") ||
                         name == QLatin1String("iox-unique-roudi.lock"));
            for (const pid_t pid : named)
                ours = ours || namesBenchFile(name, pid);
            if (ours)
                left << directory + QLatin1Char('/') + name;
        }
    }
    return left;
}

} // namespace shmscope::test
