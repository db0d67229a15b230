// What a session runs: the channel's parameters and the workers to start, as the setup dock
// shows them, a JSON file holds them (--config) and the scenarios define them.
#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <optional>
#include <vector>

namespace shmscope::gui {

struct ChannelSetup {
    QString sync = QStringLiteral("mpmc");
    QString wait = QStringLiteral("adaptive"); // per process, applied to every worker
    std::uint32_t slotCount = 64;
    std::uint64_t slotBytes = 4096;
    QString backpressure = QStringLiteral("block");
    QString delivery = QStringLiteral("queue");
    QString compression = QStringLiteral("none");
    QString transport = QStringLiteral("shm");
    QString path; // file transport only

    bool operator==(const ChannelSetup&) const = default;
};

struct WorkerSpec {
    QString role = QStringLiteral("producer"); // "producer" or "consumer"
    std::uint64_t messageBytes = 4096;
    std::uint64_t rateHz = 0; // 0 = as fast as possible
    std::uint32_t holdLockMs = 0;

    bool operator==(const WorkerSpec&) const = default;
};

struct SessionConfig {
    QString scenario = QStringLiteral("demo");
    QString description;
    ChannelSetup channel;
    std::vector<WorkerSpec> workers;
    double windowSeconds = 60.0;

    bool operator==(const SessionConfig&) const = default;
};

// The flag values the setup dock offers (docs/CLI.md).
QStringList syncChoices();
QStringList waitChoices();
QStringList backpressureChoices();
QStringList deliveryChoices();
QStringList compressionChoices();
QStringList transportChoices();

// Arguments for shmscope-worker. The first worker creates the channel (with --create --keep and
// every channel parameter); the others attach and take the parameters from the channel.
QStringList workerArguments(const ChannelSetup& channel, const WorkerSpec& worker,
                            const QString& channelName, bool create, int attachTimeoutSeconds);

// "4096", "4K", "4 KiB", "1MiB": 1024-based sizes as docs/CLI.md reads them.
std::optional<std::uint64_t> parseSize(const QString& text);
// "max" or "0" (as fast as possible) or a whole number of messages per second.
std::optional<std::uint64_t> parseRate(const QString& text);
// 4096 -> "4KiB": the shortest exact spelling.
QString sizeText(std::uint64_t bytes);
QString rateText(std::uint64_t rateHz);

QJsonObject toJson(const SessionConfig& config);
// Nothing and an explanation in `error` when the JSON is not a session configuration.
std::optional<SessionConfig> fromJson(const QJsonObject& json, QString* error);
std::optional<SessionConfig> loadConfig(const QString& path, QString* error);
bool saveConfig(const SessionConfig& config, const QString& path, QString* error);

} // namespace shmscope::gui
