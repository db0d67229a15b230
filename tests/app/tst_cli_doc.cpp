// docs/CLI.md against the executables themselves: each program's section documents exactly the
// flags its --help lists, with the same argument, and the usage lines --help prints; and the exit
// statuses and messages of the common rules hold for a few cases of each kind.
#include "test_channel.hpp"

#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Long flag ("--slots") → its argument placeholders ("N"; empty for a switch).
using FlagMap = QMap<QString, QStringList>;

constexpr int kProcessTimeoutMs = 60000; // a hang guard, not a measurement
// Stands for a fresh channel name in the argument tables.
constexpr QLatin1StringView kChannel{"{channel}"};

QStringList executables() {
    return QStringLiteral(SHMSCOPE_EXECUTABLES).split(QLatin1Char(','), Qt::SkipEmptyParts);
}

QString programPath(const QString& name) { return QStringLiteral(SHMSCOPE_BIN_DIR "/") + name; }

void addFlag(FlagMap& flags, const QString& flag, QString argument) {
    static const QRegularExpression angled(QStringLiteral("^<(.*)>$"));
    argument.replace(angled, QStringLiteral("\\1")); // Qt writes <FILE>, the documents FILE
    QStringList& arguments = flags[flag];
    if (!arguments.contains(argument))
        arguments.append(argument);
    arguments.sort();
}

// "--name ARG" or "--name": the flag and the word after it.
void addSpec(FlagMap& flags, const QString& spec) {
    const QStringList words = spec.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (words.isEmpty() || !words.first().startsWith(QStringLiteral("--")))
        return;
    addFlag(flags, words.first(), words.size() > 1 ? words.at(1) : QString());
}

// Option lines of --help are indented by exactly two spaces ("  --slots N   power of two"; Qt's
// "  -h, --help   Displays …"); their description starts after two spaces, or after the first
// argument word. Continuation lines are indented further and are not read.
FlagMap helpFlags(const QString& help) {
    FlagMap flags;
    static const QRegularExpression optionLine(QStringLiteral("^  -"));
    for (const QString& line : help.split(QLatin1Char('\n'))) {
        if (!optionLine.match(line).hasMatch())
            continue;
        const QString specs = line.mid(2).section(QStringLiteral("  "), 0, 0);
        for (const QString& spec : specs.split(QStringLiteral(", ")))
            addSpec(flags, spec);
    }
    return flags;
}

// The usage lines of --help: "Usage: X" and the lines aligned under it, up to a blank line.
QStringList helpUsageLines(const QString& help) {
    QStringList usage;
    const QStringList lines = help.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        if (usage.isEmpty() && line.startsWith(QStringLiteral("Usage: ")))
            usage << line.mid(7).trimmed();
        else if (!usage.isEmpty() && line.startsWith(QStringLiteral("       ")))
            usage << line.trimmed();
        else if (!usage.isEmpty())
            break;
    }
    return usage;
}

QString cliDoc() {
    QFile file(QStringLiteral(SHMSCOPE_SOURCE_DIR "/docs/CLI.md"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

// The text under "## PROGRAM" up to the next "## " heading; null when there is no such section.
QString docSection(const QString& doc, const QString& program) {
    const QString heading = QStringLiteral("## ") + program + QLatin1Char('\n');
    qsizetype start = doc.startsWith(heading) ? 0 : doc.indexOf(QLatin1Char('\n') + heading);
    if (start < 0)
        return {};
    start = doc.indexOf(QLatin1Char('\n'), start + 1) + 1;
    const qsizetype end = doc.indexOf(QStringLiteral("\n## "), start);
    return doc.mid(start, end < 0 ? -1 : end - start);
}

// A flag is documented by a bullet that opens with it in code, before the dash that starts its
// description: "- `--slots N` — …", "- `--help`, `--help-all` — …".
FlagMap docFlags(const QString& section) {
    FlagMap flags;
    static const QRegularExpression codeSpan(QStringLiteral("`([^`]+)`"));
    for (const QString& line : section.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QStringLiteral("- `")))
            continue;
        const QString head = line.section(QStringLiteral(" — "), 0, 0);
        for (auto match = codeSpan.globalMatch(head); match.hasNext();)
            addSpec(flags, match.next().captured(1));
    }
    return flags;
}

QString describe(const FlagMap& flags, const QStringList& names) {
    QStringList out;
    for (const QString& name : names) {
        const QStringList arguments = flags.value(name);
        for (const QString& argument : arguments)
            out << (argument.isEmpty() ? name : name + QLatin1Char(' ') + argument);
    }
    return out.join(QStringLiteral(", "));
}

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs a program; headless asks for no window system at all, else Qt's offscreen one is given
// (the desktop application reads its flags once its QApplication exists).
Run run(const QString& program, const QStringList& arguments, bool headless) {
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("DISPLAY"));
    environment.remove(QStringLiteral("WAYLAND_DISPLAY"));
    if (headless)
        environment.remove(QStringLiteral("QT_QPA_PLATFORM"));
    else
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Without a runtime directory Qt warns on stderr before the program says a word.
    static const QTemporaryDir runtimeDirectory;
    if (!environment.contains(QStringLiteral("XDG_RUNTIME_DIR")))
        environment.insert(QStringLiteral("XDG_RUNTIME_DIR"), runtimeDirectory.path());
    process.setProcessEnvironment(environment);
    process.start(programPath(program), arguments);
    Run result;
    if (!process.waitForStarted() || !process.waitForFinished(kProcessTimeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("did not start or did not end: ") + process.errorString();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}

bool isOneLine(const QString& text) {
    return text.endsWith(QLatin1Char('\n')) && text.count(QLatin1Char('\n')) == 1;
}

} // namespace

class TestCliDoc : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(!cliDoc().isEmpty(), "docs/CLI.md cannot be read");
        QVERIFY(!executables().isEmpty());
    }

    void flagsMatchHelp_data() {
        QTest::addColumn<QString>("program");
        for (const QString& program : executables())
            QTest::newRow(qPrintable(program)) << program;
    }

    // Every flag of --help has a bullet in the program's section of docs/CLI.md, with the same
    // argument, and every flag bullet there is in --help.
    void flagsMatchHelp() {
        QFETCH(QString, program);
        const Run help = run(program, {QStringLiteral("--help")}, true);
        QCOMPARE(help.exitCode, 0);
        const QString section = docSection(cliDoc(), program);
        QVERIFY2(!section.isNull(),
                 qPrintable(QStringLiteral("docs/CLI.md has no \"## %1\" section").arg(program)));

        const FlagMap inHelp = helpFlags(help.out);
        const FlagMap inDoc = docFlags(section);
        QVERIFY2(inHelp.contains(QStringLiteral("--help")), "the help parser found no --help line");
        QStringList onlyHelp;
        QStringList onlyDoc;
        QStringList differ;
        for (auto it = inHelp.cbegin(); it != inHelp.cend(); ++it) {
            if (!inDoc.contains(it.key()))
                onlyHelp << it.key();
            else if (inDoc.value(it.key()) != it.value())
                differ << it.key();
        }
        for (auto it = inDoc.cbegin(); it != inDoc.cend(); ++it)
            if (!inHelp.contains(it.key()))
                onlyDoc << it.key();
        QStringList problems;
        if (!onlyHelp.isEmpty())
            problems << QStringLiteral("in --help but not in docs/CLI.md: ") +
                            describe(inHelp, onlyHelp);
        if (!onlyDoc.isEmpty())
            problems << QStringLiteral("in docs/CLI.md but not in --help: ") +
                            describe(inDoc, onlyDoc);
        for (const QString& flag : differ)
            problems << QStringLiteral("%1 takes '%2' in --help, '%3' in docs/CLI.md")
                            .arg(flag, inHelp.value(flag).join(QLatin1Char('|')),
                                 inDoc.value(flag).join(QLatin1Char('|')));
        QVERIFY2(problems.isEmpty(),
                 qPrintable(program + QStringLiteral(": ") + problems.join(QStringLiteral("; "))));
    }

    void usageMatchesHelp_data() { flagsMatchHelp_data(); }

    // The usage lines --help prints are in the program's section, word for word. Qt prints the
    // path it was started with ("Usage: /usr/bin/shmscope [options]"); such a line is not compared.
    void usageMatchesHelp() {
        QFETCH(QString, program);
        const Run help = run(program, {QStringLiteral("--help")}, true);
        QCOMPARE(help.exitCode, 0);
        const QStringList usage = helpUsageLines(help.out);
        QVERIFY2(!usage.isEmpty(), "--help prints no usage line");
        const QString section = docSection(cliDoc(), program);
        for (const QString& line : usage) {
            if (!line.startsWith(program + QLatin1Char(' ')) && line != program)
                continue;
            const bool inCode = section.contains(QLatin1Char('`') + line + QLatin1Char('`')) ||
                                section.contains(QLatin1Char('\n') + line + QLatin1Char('\n'));
            QVERIFY2(inCode,
                     qPrintable(QStringLiteral("docs/CLI.md, %1: the usage line \"%2\" is missing")
                                    .arg(program, line)));
        }
    }

    void helpAndVersionAnywhere_data() { flagsMatchHelp_data(); }

    // "A --help or --version anywhere on the command line prints the help text or the version line
    // and exits 0, whatever else is given", with no display.
    void helpAndVersionAnywhere() {
        QFETCH(QString, program);
        const Run version = run(program, {QStringLiteral("--version")}, true);
        QCOMPARE(version.exitCode, 0);
        QCOMPARE(version.out, program + QStringLiteral(" " SHMSCOPE_VERSION "\n"));
        QCOMPARE(version.err, QString());

        const Run help =
            run(program, {QStringLiteral("--no-such-flag"), QStringLiteral("--help")}, true);
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.out.startsWith(QStringLiteral("Usage: ")), qPrintable(help.out.left(200)));

        const Run late =
            run(program, {QStringLiteral("--no-such-flag"), QStringLiteral("--version")}, true);
        QCOMPARE(late.exitCode, 0);
        QCOMPARE(late.out, version.out);
    }

    void usageErrors_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("messageStart");

        const QStringList all = executables();
        for (const QString& program : all) {
            QStringList arguments{QStringLiteral("--no-such-flag")};
            QString message = program + QStringLiteral(": --no-such-flag: ");
            if (program == QStringLiteral("shmscope")) // Qt's words
                message = QStringLiteral("shmscope: Unknown option 'no-such-flag'");
            if (program == QStringLiteral("shmscope-bridge")) // the direction comes first
                arguments.prepend(QStringLiteral("send"));
            QTest::addRow("%s unknown flag", qPrintable(program))
                << program << arguments << message;
        }
        if (all.contains(QStringLiteral("shmscope-worker")))
            QTest::newRow("shmscope-worker --slots 3")
                << QStringLiteral("shmscope-worker")
                << QStringList{QStringLiteral("--role"),   QStringLiteral("producer"),
                               QStringLiteral("--create"), QStringLiteral("--channel"),
                               QString(kChannel),          QStringLiteral("--slots"),
                               QStringLiteral("3")}
                << QStringLiteral("shmscope-worker: --slots: ");
        if (all.contains(QStringLiteral("shmscope-stat")))
            QTest::newRow("shmscope-stat --list --gc")
                << QStringLiteral("shmscope-stat")
                << QStringList{QStringLiteral("--list"), QStringLiteral("--gc")}
                << QStringLiteral("shmscope-stat: --gc: ");
        if (all.contains(QStringLiteral("shmscope-bench")))
            QTest::newRow("shmscope-bench --reps 0")
                << QStringLiteral("shmscope-bench")
                << QStringList{QStringLiteral("--reps"), QStringLiteral("0")}
                << QStringLiteral("shmscope-bench: --reps: ");
        if (all.contains(QStringLiteral("shmscope"))) {
            QTest::newRow("shmscope --lang xx")
                << QStringLiteral("shmscope")
                << QStringList{QStringLiteral("--lang"), QStringLiteral("xx")}
                << QStringLiteral("shmscope: --lang: ");
            QTest::newRow("shmscope --report without --scenario")
                << QStringLiteral("shmscope")
                << QStringList{QStringLiteral("--report"), QStringLiteral("r.json")}
                << QStringLiteral("shmscope: --report needs --scenario");
        }
    }

    // Bad usage: one line on stderr naming the flag, nothing on stdout, exit 2, nothing created.
    void usageErrors() {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        QFETCH(QString, messageStart);
        const shmscope::test::ChannelGuard channel(shmscope::test::uniqueChannelName("cli-doc"));
        arguments.replaceInStrings(QString(kChannel), channel.qname());
        const Run result = run(program, arguments, false);
        QCOMPARE(result.exitCode, 2);
        QCOMPARE(result.out, QString());
        QVERIFY2(isOneLine(result.err), qPrintable(result.err));
        QVERIFY2(result.err.startsWith(messageStart), qPrintable(result.err));
        QVERIFY(!shmscope::test::channelExists(channel.name()));
    }

    void runtimeFailures_data() {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QStringList>("arguments");
        const QStringList all = executables();
        if (all.contains(QStringLiteral("shmscope-worker")))
            QTest::newRow("shmscope-worker attaches to a missing channel")
                << QStringLiteral("shmscope-worker")
                << QStringList{QStringLiteral("--role"),           QStringLiteral("consumer"),
                               QStringLiteral("--attach-timeout"), QStringLiteral("0"),
                               QStringLiteral("--channel"),        QString(kChannel)};
        if (all.contains(QStringLiteral("shmscope-stat")))
            QTest::newRow("shmscope-stat --rm of a missing channel")
                << QStringLiteral("shmscope-stat")
                << QStringList{QStringLiteral("--rm"), QString(kChannel)};
    }

    // A runtime failure: one line on stderr, "program: why", exit 1.
    void runtimeFailures() {
        QFETCH(QString, program);
        QFETCH(QStringList, arguments);
        const shmscope::test::ChannelGuard channel(shmscope::test::uniqueChannelName("cli-doc"));
        arguments.replaceInStrings(QString(kChannel), channel.qname());
        const Run result = run(program, arguments, true);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(result.out, QString());
        QVERIFY2(isOneLine(result.err), qPrintable(result.err));
        QVERIFY2(result.err.startsWith(program + QStringLiteral(": ")), qPrintable(result.err));
        QVERIFY(!shmscope::test::channelExists(channel.name()));
    }
};

QTEST_GUILESS_MAIN(TestCliDoc)
#include "tst_cli_doc.moc"
