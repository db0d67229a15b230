// "Copy command line": what lands on the clipboard must run as is when pasted into a shell.
#include "command_line.hpp"

#include <QProcess>
#include <QTest>

using namespace shmscope::gui;

class tst_CommandLine : public QObject {
    Q_OBJECT
private slots:
    void quoting_data();
    void quoting();
    void shellReadsBackTheSameWords();
};

void tst_CommandLine::quoting_data() {
    QTest::addColumn<QString>("word");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("flag") << "--msg-size"
                          << "--msg-size";
    QTest::newRow("path") << "/usr/lib/shmscope/shmscope-worker"
                          << "/usr/lib/shmscope/shmscope-worker";
    QTest::newRow("number") << "4096"
                            << "4096";
    QTest::newRow("empty") << ""
                           << "''";
    QTest::newRow("space") << "my dir/x"
                           << "'my dir/x'";
    QTest::newRow("single quote") << "it's"
                                  << "'it'\\''s'";
    QTest::newRow("dollar") << "$HOME"
                            << "'$HOME'";
    QTest::newRow("glob") << "*.json"
                          << "'*.json'";
    QTest::newRow("semicolon") << "a;rm"
                               << "'a;rm'";
    QTest::newRow("chinese") << "数据"
                             << "'数据'";
}

void tst_CommandLine::quoting() {
    QFETCH(QString, word);
    QFETCH(QString, quoted);
    QCOMPARE(shellQuote(word), quoted);
}

void tst_CommandLine::shellReadsBackTheSameWords() {
    const QStringList words = {QStringLiteral("--path"), QStringLiteral("/tmp/a b/it's $x"),
                               QString(), QStringLiteral("*"), QStringLiteral("a\nb")};
    QProcess shell;
    // printf prints each word it was given between brackets: the shell split them as we meant.
    const QStringList arguments = QStringList{QStringLiteral("[%s]")} + words;
    shell.start(QStringLiteral("/bin/sh"),
                {QStringLiteral("-c"), shellCommandLine(QStringLiteral("printf"), arguments)});
    QVERIFY(shell.waitForFinished(10'000));
    QString expected;
    for (const QString& word : words)
        expected += QLatin1Char('[') + word + QLatin1Char(']');
    QCOMPARE(QString::fromUtf8(shell.readAllStandardOutput()), expected);
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_command_line.moc"
