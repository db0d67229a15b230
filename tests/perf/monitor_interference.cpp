// What watching costs the watched: 1+1 spsc flat out with 1 MiB messages, with a headless
// Monitor (the GUI's, 30 Hz snapshots, slot states at 10 Hz, read-only mapping) against none.
// Runs interleaved pairs (the order alternates) and prints each pair's consumer throughput, the
// ratio monitored / unmonitored, their median and spread. A measurement harness, not a test:
//   shmscope-monitor-interference [--pairs N] [--seconds S] [--worker PATH]
#include "live_source.hpp"
#include "monitor.hpp"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

namespace {

struct Settings {
    int pairs = 5;
    double seconds = 20;
    QString worker;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 != 0 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

// The consumer's bytes per second from its summary line; 0 when it has none.
double consumerThroughput(QProcess& consumer)
{
    const QList<QByteArray> lines = consumer.readAllStandardOutput().split('\n');
    for (const QByteArray& line : lines) {
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.value(QStringLiteral("event")).toString() == QStringLiteral("summary"))
            return object.value(QStringLiteral("bytes_per_s")).toDouble();
    }
    return 0;
}

struct RunResult {
    double bytesPerSecond = 0;
    double samplesPerSecond = 0; // what the monitor achieved (0 unmonitored)
    double cpuPerSecond = 0;     // this process's CPU seconds per second (the monitor's cost)
};

double ownCpuSeconds()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

// One run of `seconds`: consumer (creates the channel), optional monitor, producer.
RunResult runOnce(const Settings& settings, bool monitored, int run)
{
    const QString channel = QStringLiteral("interference-%1-%2").arg(::getpid()).arg(run);
    const QString duration = QString::number(settings.seconds);
    const QStringList common{QStringLiteral("--channel"), channel, QStringLiteral("--create"),
                             QStringLiteral("--sync"), QStringLiteral("spsc"), QStringLiteral("--slots"),
                             QStringLiteral("8"), QStringLiteral("--slot-size"), QStringLiteral("1MiB"),
                             QStringLiteral("--duration"), duration, QStringLiteral("--json")};
    QProcess consumer, producer;
    consumer.start(settings.worker, QStringList{QStringLiteral("--role"), QStringLiteral("consumer")} + common);
    consumer.waitForReadyRead(5000); // its "ready" line: the channel exists
    shmscope::gui::Monitor monitor;
    int samples = 0;
    QObject::connect(&monitor, &shmscope::gui::Monitor::sampled, [&samples] { ++samples; });
    if (monitored) {
        QString error;
        std::unique_ptr<shmscope::gui::LiveSource> source = shmscope::gui::LiveSource::open(channel, &error);
        if (!source) {
            std::fprintf(stderr, "shmscope-monitor-interference: %s\n", qPrintable(error));
            return {};
        }
        monitor.setSource(std::move(source));
        monitor.setIntervalMs(shmscope::gui::Monitor::kDefaultIntervalMs);
        monitor.start();
    }
    producer.start(settings.worker, QStringList{QStringLiteral("--role"), QStringLiteral("producer"),
                                                QStringLiteral("--msg-size"), QStringLiteral("1MiB"),
                                                QStringLiteral("--wait-consumers"), QStringLiteral("1")} +
                                        common);
    const double cpuBefore = ownCpuSeconds();
    QEventLoop loop; // the monitor's timer runs while the workers do
    QObject::connect(&consumer, &QProcess::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(static_cast<int>(settings.seconds * 1000) + 15000, &loop, &QEventLoop::quit);
    loop.exec();
    monitor.stop();
    producer.waitForFinished(5000);
    consumer.waitForFinished(1000);
    return {consumerThroughput(consumer), samples / settings.seconds,
            (ownCpuSeconds() - cpuBefore) / settings.seconds};
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Consumer throughput with and without a 30 Hz Monitor"));
    parser.addHelpOption();
    const QCommandLineOption pairs(QStringLiteral("pairs"), QStringLiteral("interleaved pairs (default 5)"),
                                   QStringLiteral("N"), QStringLiteral("5"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("seconds per run (default 20)"),
                                     QStringLiteral("S"), QStringLiteral("20"));
    const QCommandLineOption worker(QStringLiteral("worker"), QStringLiteral("shmscope-worker to run"),
                                    QStringLiteral("PATH"),
                                    QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("shmscope-worker")));
    parser.addOptions({pairs, seconds, worker});
    parser.process(app);
    Settings settings;
    bool pairsOk = false, secondsOk = false;
    settings.pairs = parser.value(pairs).toInt(&pairsOk);
    settings.seconds = parser.value(seconds).toDouble(&secondsOk);
    settings.worker = parser.value(worker);
    if (!pairsOk || settings.pairs < 1 || !secondsOk || settings.seconds <= 0) {
        std::fprintf(stderr, "shmscope-monitor-interference: --pairs and --seconds must be positive\n");
        return 2;
    }

    std::vector<double> ratios;
    int run = 0;
    std::printf("pair  unmonitored GB/s  monitored GB/s  ratio   monitor samples/s  monitor CPU-s/s\n");
    for (int pair = 0; pair < settings.pairs; ++pair) {
        RunResult plain, watched;
        for (const bool monitored : {pair % 2 != 0, pair % 2 == 0}) // alternate which goes first
            (monitored ? watched : plain) = runOnce(settings, monitored, run++);
        if (plain.bytesPerSecond <= 0 || watched.bytesPerSecond <= 0) {
            std::fprintf(stderr, "shmscope-monitor-interference: a run produced no summary\n");
            return 1;
        }
        ratios.push_back(watched.bytesPerSecond / plain.bytesPerSecond);
        std::printf("%4d  %16.3f  %14.3f  %.4f  %17.1f  %15.5f\n", pair + 1, plain.bytesPerSecond / 1e9,
                    watched.bytesPerSecond / 1e9, ratios.back(), watched.samplesPerSecond, watched.cpuPerSecond);
        std::fflush(stdout);
    }
    const double mid = median(ratios);
    const auto [low, high] = std::minmax_element(ratios.begin(), ratios.end());
    std::printf("median ratio %.4f, spread %.2f %% (min %.4f, max %.4f)\n", mid, 100 * (*high - *low) / mid, *low,
                *high);
    return 0;
}
