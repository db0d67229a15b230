#include "scenarios.hpp"

#include <QCoreApplication>

namespace shmscope::gui {
namespace {

constexpr std::uint64_t kDemoMessageBytes = 4096;
constexpr std::uint64_t kDemoRateHz = 50'000;
constexpr std::uint64_t kMiB = 1024 * 1024;

WorkerSpec producer(std::uint64_t bytes, std::uint64_t rateHz, std::uint32_t holdMs = 0) {
    return WorkerSpec{QStringLiteral("producer"), bytes, rateHz, holdMs};
}
WorkerSpec consumer() { return WorkerSpec{QStringLiteral("consumer"), 0, 0, 0}; }

} // namespace

SessionConfig demoScenario() {
    SessionConfig demo;
    demo.scenario = QStringLiteral("demo");
    demo.description = QCoreApplication::translate(
        "scenarios", "mpmc ring of 64 slots × 4 KiB, 2 producers at 50,000 msg/s, 2 consumers");
    demo.channel.sync = QStringLiteral("mpmc");
    demo.channel.wait = QStringLiteral("adaptive");
    demo.channel.slotCount = 64;
    demo.channel.slotBytes = kDemoMessageBytes;
    demo.workers = {producer(kDemoMessageBytes, kDemoRateHz),
                    producer(kDemoMessageBytes, kDemoRateHz), consumer(), consumer()};
    return demo;
}

std::vector<SessionConfig> scenarios() {
    std::vector<SessionConfig> all{demoScenario()};

    SessionConfig large;
    large.scenario = QStringLiteral("spsc-large");
    large.description = QCoreApplication::translate(
        "scenarios", "spsc ring of 8 slots × 1 MiB, one producer and one consumer flat out");
    large.channel.sync = QStringLiteral("spsc");
    large.channel.slotCount = 8;
    large.channel.slotBytes = kMiB;
    large.workers = {producer(kMiB, 0), consumer()};
    all.push_back(large);

    SessionConfig mutex;
    mutex.scenario = QStringLiteral("mutex-contention");
    mutex.description = QCoreApplication::translate(
        "scenarios", "a robust mutex shared by 2 producers and 2 consumers, flat out");
    mutex.channel.sync = QStringLiteral("mutex");
    mutex.channel.slotCount = 64;
    mutex.channel.slotBytes = kDemoMessageBytes;
    mutex.workers = {producer(kDemoMessageBytes, 0), producer(kDemoMessageBytes, 0), consumer(),
                     consumer()};
    all.push_back(mutex);

    SessionConfig drops;
    drops.scenario = QStringLiteral("backpressure-drop");
    drops.description = QCoreApplication::translate(
        "scenarios",
        "drop-newest backpressure: a fast producer and a consumer limited to 2,000 msg/s");
    drops.channel.sync = QStringLiteral("spsc");
    drops.channel.backpressure = QStringLiteral("drop-newest");
    drops.channel.slotCount = 16;
    drops.channel.slotBytes = kDemoMessageBytes;
    WorkerSpec slowConsumer = consumer();
    slowConsumer.rateHz = 2000;
    drops.workers = {producer(kDemoMessageBytes, 20'000), slowConsumer};
    all.push_back(drops);
    return all;
}

QString scenarioTitle(const QString& id) {
    struct Title {
        const char* id;
        const char* title;
    };
    static constexpr Title kTitles[] = {
        {"demo", QT_TRANSLATE_NOOP("scenarios", "Demo (mpmc, steady load)")},
        {"spsc-large", QT_TRANSLATE_NOOP("scenarios", "Large messages (spsc)")},
        {"mutex-contention", QT_TRANSLATE_NOOP("scenarios", "Mutex contention")},
        {"backpressure-drop", QT_TRANSLATE_NOOP("scenarios", "Backpressure: drops")},
        {"custom", QT_TRANSLATE_NOOP("scenarios", "Custom")},
    };
    for (const Title& title : kTitles) {
        if (id == QLatin1String(title.id))
            return QCoreApplication::translate("scenarios", title.title);
    }
    return id;
}

std::optional<SessionConfig> scenario(const QString& id) {
    for (const SessionConfig& config : scenarios()) {
        if (config.scenario == id)
            return config;
    }
    return std::nullopt;
}

} // namespace shmscope::gui
