// Stale channels at start: a channel whose only process was killed is offered for removal in a
// non-modal bar (never a dialog); Remove takes it out of /dev/shm, Ignore leaves it; a channel
// with a live process is never offered. The main window checks when it opens.
#include "main_window.hpp"
#include "session.hpp"
#include "stale_channels.hpp"
#include "test_channel.hpp"

#include "child_process.hpp"

#include <QApplication>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace shmscope::gui;
using shmscope::test::channelExists;
using shmscope::test::ChannelGuard;
using shmscope::test::uniqueChannelName;

namespace {

constexpr int kReadyDeadlineMs = 30'000;

// A producer that created `channel` and said ready.
std::unique_ptr<QProcess> startProducer(const std::string& channel) {
    auto process = std::make_unique<QProcess>();
    shmscope::test::dieWithTest(*process);
    process->start(QCoreApplication::applicationDirPath() + QStringLiteral("/shmscope-worker"),
                   {QStringLiteral("--role"), QStringLiteral("producer"),
                    QStringLiteral("--channel"), QString::fromStdString(channel),
                    QStringLiteral("--create"), QStringLiteral("--sync"), QStringLiteral("mutex"),
                    QStringLiteral("--slots"), QStringLiteral("8"), QStringLiteral("--slot-size"),
                    QStringLiteral("64"), QStringLiteral("--msg-size"), QStringLiteral("64"),
                    QStringLiteral("--json")});
    QByteArray out;
    (void)QTest::qWaitFor(
        [&] {
            out += process->readAllStandardOutput();
            return out.contains("\"ready\"") || process->state() == QProcess::NotRunning;
        },
        kReadyDeadlineMs);
    return out.contains("\"ready\"") ? std::move(process) : nullptr;
}

// A channel whose only process died by SIGKILL: stale, as a crash leaves it.
bool makeStale(const std::string& channel) {
    std::unique_ptr<QProcess> producer = startProducer(channel);
    if (!producer)
        return false;
    producer->kill();
    producer->waitForFinished();
    return channelExists(channel);
}

QPushButton* button(QWidget& bar, const QString& text) {
    for (QPushButton* b : bar.findChildren<QPushButton*>()) {
        if (b->text() == text)
            return b;
    }
    return nullptr;
}

} // namespace

class tst_StaleChannels : public QObject {
    Q_OBJECT
private slots:
    void removeTakesTheStaleChannelAway();
    void ignoreLeavesItAndLiveChannelsAreNotOffered();
    void mainWindowOffersThemAtStart();
};

void tst_StaleChannels::removeTakesTheStaleChannelAway() {
    const std::string prefix = uniqueChannelName("stale-remove");
    ChannelGuard stale(prefix + "-a");
    QVERIFY(makeStale(stale.name()));

    StaleChannelsBar bar;
    bar.check(QString::fromStdString(prefix));
    QVERIFY(!bar.isHidden());
    QCOMPARE(bar.channels(), QStringList{stale.qname()});
    QVERIFY2(bar.text().contains(stale.qname()), qPrintable(bar.text()));
    QVERIFY(QApplication::activeModalWidget() == nullptr);

    QPushButton* remove = button(bar, QStringLiteral("Remove"));
    QVERIFY(remove);
    QTest::mouseClick(remove, Qt::LeftButton);
    QVERIFY(bar.isHidden());
    QVERIFY(!channelExists(stale.name()));
    QVERIFY(findStaleChannels(QString::fromStdString(prefix)).isEmpty());
}

void tst_StaleChannels::ignoreLeavesItAndLiveChannelsAreNotOffered() {
    const std::string prefix = uniqueChannelName("stale-ignore");
    ChannelGuard stale(prefix + "-a");
    ChannelGuard live(prefix + "-b");
    QVERIFY(makeStale(stale.name()));
    std::unique_ptr<QProcess> producer = startProducer(live.name());
    QVERIFY(producer);

    StaleChannelsBar bar;
    bar.check(QString::fromStdString(prefix));
    QCOMPARE(bar.channels(), QStringList{stale.qname()});
    QVERIFY(!bar.text().contains(live.qname()));
    QPushButton* ignore = button(bar, QStringLiteral("Ignore"));
    QVERIFY(ignore);
    QTest::mouseClick(ignore, Qt::LeftButton);
    QVERIFY(bar.isHidden());
    QVERIFY(channelExists(stale.name()));

    // Removal never takes a channel that has a live process, even when asked for it by name.
    QCOMPARE(removeStaleChannels({live.qname()}), QStringList{});
    QVERIFY(channelExists(live.name()));
    producer->kill();
    producer->waitForFinished();
}

void tst_StaleChannels::mainWindowOffersThemAtStart() {
    const std::string prefix = uniqueChannelName("stale-window");
    ChannelGuard stale(prefix + "-a");
    QVERIFY(makeStale(stale.name()));
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("settings.ini")), QSettings::IniFormat);
    Session session;
    MainWindow window(session, settings);
    window.show();
    StaleChannelsBar* bar = window.findChild<StaleChannelsBar*>();
    QVERIFY(bar);
    QTRY_VERIFY(bar->isVisible());
    QVERIFY(bar->channels().contains(stale.qname()));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

QTEST_MAIN(tst_StaleChannels)
#include "tst_stale_channels.moc"
