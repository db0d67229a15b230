#include "session_config.hpp"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSaveFile>

namespace shmscope::gui {
namespace {

bool readChoice(const QJsonObject& json, const char* key, const QStringList& choices, QString& into,
                QString* error) {
    const QJsonValue value = json.value(QLatin1String(key));
    if (value.isUndefined())
        return true;
    if (!choices.contains(value.toString())) {
        if (error)
            *error = QCoreApplication::translate("SessionConfig", "\"%1\" must be one of %2")
                         .arg(QLatin1String(key), choices.join(QStringLiteral(", ")));
        return false;
    }
    into = value.toString();
    return true;
}

template <typename T>
bool readNumber(const QJsonObject& json, const char* key, T& into, QString* error) {
    const QJsonValue value = json.value(QLatin1String(key));
    if (value.isUndefined())
        return true;
    if (!value.isDouble() || value.toDouble() < 0) {
        if (error)
            *error =
                QCoreApplication::translate("SessionConfig", "\"%1\" must be a non-negative number")
                    .arg(QLatin1String(key));
        return false;
    }
    into = static_cast<T>(value.toDouble());
    return true;
}

} // namespace

QStringList syncChoices() {
    return {QStringLiteral("spsc"),      QStringLiteral("mpmc"),        QStringLiteral("mutex"),
            QStringLiteral("semaphore"), QStringLiteral("boost-mutex"), QStringLiteral("none")};
}
QStringList waitChoices() {
    return {QStringLiteral("adaptive"), QStringLiteral("spin"), QStringLiteral("yield"),
            QStringLiteral("sleep")};
}
QStringList backpressureChoices() {
    return {QStringLiteral("block"), QStringLiteral("drop-newest"), QStringLiteral("drop-oldest")};
}
QStringList deliveryChoices() { return {QStringLiteral("queue"), QStringLiteral("broadcast")}; }
QStringList compressionChoices() {
    return {QStringLiteral("none"), QStringLiteral("lz4"), QStringLiteral("zstd"),
            QStringLiteral("auto")};
}
QStringList transportChoices() { return {QStringLiteral("shm"), QStringLiteral("file")}; }

QStringList workerArguments(const ChannelSetup& channel, const WorkerSpec& worker,
                            const QString& channelName, bool create, int attachTimeoutSeconds) {
    QStringList args = {QStringLiteral("--role"), worker.role, QStringLiteral("--channel"),
                        channelName};
    if (create) {
        // No --keep: the session holds the channel while it runs (Session::hold_) and the last
        // process out removes it, also when this application was killed (the workers' parent-
        // death signal ends them cleanly).
        args << QStringLiteral("--create") << QStringLiteral("--sync")
             << channel.sync << QStringLiteral("--slots") << QString::number(channel.slotCount)
             << QStringLiteral("--slot-size") << QString::number(channel.slotBytes)
             << QStringLiteral("--backpressure") << channel.backpressure
             << QStringLiteral("--delivery") << channel.delivery;
    }
    // Every worker of a file channel names the file: a name alone means /dev/shm.
    if (create || channel.transport == QLatin1String("file"))
        args << QStringLiteral("--transport") << channel.transport;
    if (channel.transport == QLatin1String("file"))
        args << QStringLiteral("--path") << channel.path;
    if (worker.role == QLatin1String("producer")) {
        args << QStringLiteral("--msg-size") << QString::number(worker.messageBytes);
        if (channel.compression != QLatin1String("none"))
            args << QStringLiteral("--compress") << channel.compression;
    }
    args << QStringLiteral("--rate")
         << (worker.rateHz == 0 ? QStringLiteral("max") : QString::number(worker.rateHz));
    if (worker.holdLockMs != 0)
        args << QStringLiteral("--hold-lock-ms") << QString::number(worker.holdLockMs);
    args << QStringLiteral("--wait") << channel.wait << QStringLiteral("--attach-timeout")
         << QString::number(attachTimeoutSeconds) << QStringLiteral("--json");
    return args;
}

std::optional<std::uint64_t> parseSize(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^\\s*(\\d+)\\s*([KMGT]?)(i?B)?\\s*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    const QRegularExpressionMatch match = pattern.match(text);
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    std::uint64_t value = match.captured(1).toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    const QString suffix = match.captured(2).toUpper();
    const int shifts =
        suffix.isEmpty() ? 0 : static_cast<int>(QStringLiteral("KMGT").indexOf(suffix)) + 1;
    for (int i = 0; i < shifts; ++i) {
        if (value > (std::uint64_t{1} << 53))
            return std::nullopt;
        value *= 1024;
    }
    return value;
}

std::optional<std::uint64_t> parseRate(const QString& text) {
    const QString trimmed = text.trimmed();
    if (trimmed.compare(QStringLiteral("max"), Qt::CaseInsensitive) == 0)
        return 0;
    bool ok = false;
    const std::uint64_t value = trimmed.toULongLong(&ok);
    return ok ? std::optional<std::uint64_t>(value) : std::nullopt;
}

QString sizeText(std::uint64_t bytes) {
    static const char* const kSuffixes[] = {"", "KiB", "MiB", "GiB", "TiB"};
    int step = 0;
    while (step < 4 && bytes != 0 && bytes % 1024 == 0) {
        bytes /= 1024;
        ++step;
    }
    return QString::number(bytes) + QLatin1String(kSuffixes[step]);
}

QString rateText(std::uint64_t rateHz) {
    return rateHz == 0 ? QStringLiteral("max") : QString::number(rateHz);
}

QJsonObject toJson(const SessionConfig& config) {
    const ChannelSetup& c = config.channel;
    QJsonObject channel{{QStringLiteral("sync"), c.sync},
                        {QStringLiteral("wait"), c.wait},
                        {QStringLiteral("slots"), static_cast<double>(c.slotCount)},
                        {QStringLiteral("slot_size"), static_cast<double>(c.slotBytes)},
                        {QStringLiteral("backpressure"), c.backpressure},
                        {QStringLiteral("delivery"), c.delivery},
                        {QStringLiteral("compress"), c.compression},
                        {QStringLiteral("transport"), c.transport}};
    if (!c.path.isEmpty())
        channel.insert(QStringLiteral("path"), c.path);
    QJsonArray workers;
    for (const WorkerSpec& w : config.workers) {
        QJsonObject worker{{QStringLiteral("role"), w.role},
                           {QStringLiteral("msg_size"), static_cast<double>(w.messageBytes)},
                           {QStringLiteral("rate"), static_cast<double>(w.rateHz)}};
        if (w.holdLockMs != 0)
            worker.insert(QStringLiteral("hold_lock_ms"), static_cast<double>(w.holdLockMs));
        workers.append(worker);
    }
    return {{QStringLiteral("scenario"), config.scenario},
            {QStringLiteral("channel"), channel},
            {QStringLiteral("workers"), workers},
            {QStringLiteral("window_s"), config.windowSeconds}};
}

std::optional<SessionConfig> fromJson(const QJsonObject& json, QString* error) {
    SessionConfig config;
    config.scenario = json.value(QStringLiteral("scenario")).toString(QStringLiteral("custom"));
    const QJsonObject channel = json.value(QStringLiteral("channel")).toObject();
    ChannelSetup& c = config.channel;
    if (!readChoice(channel, "sync", syncChoices(), c.sync, error) ||
        !readChoice(channel, "wait", waitChoices(), c.wait, error) ||
        !readChoice(channel, "backpressure", backpressureChoices(), c.backpressure, error) ||
        !readChoice(channel, "delivery", deliveryChoices(), c.delivery, error) ||
        !readChoice(channel, "compress", compressionChoices(), c.compression, error) ||
        !readChoice(channel, "transport", transportChoices(), c.transport, error) ||
        !readNumber(channel, "slots", c.slotCount, error) ||
        !readNumber(channel, "slot_size", c.slotBytes, error) ||
        !readNumber(json, "window_s", config.windowSeconds, error))
        return std::nullopt;
    c.path = channel.value(QStringLiteral("path")).toString();
    const QJsonArray workers = json.value(QStringLiteral("workers")).toArray();
    for (const QJsonValue& value : workers) {
        const QJsonObject w = value.toObject();
        WorkerSpec spec;
        if (!readChoice(w, "role", {QStringLiteral("producer"), QStringLiteral("consumer")},
                        spec.role, error) ||
            !readNumber(w, "msg_size", spec.messageBytes, error) ||
            !readNumber(w, "rate", spec.rateHz, error) ||
            !readNumber(w, "hold_lock_ms", spec.holdLockMs, error))
            return std::nullopt;
        config.workers.push_back(spec);
    }
    if (config.workers.empty()) {
        if (error)
            *error =
                QCoreApplication::translate("SessionConfig", "the configuration starts no worker");
        return std::nullopt;
    }
    return config;
}

std::optional<SessionConfig> loadConfig(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QCoreApplication::translate("SessionConfig", "cannot read %1: %2")
                         .arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        if (error)
            *error = QCoreApplication::translate("SessionConfig", "%1 is not a JSON object: %2")
                         .arg(path, parseError.errorString());
        return std::nullopt;
    }
    return fromJson(document.object(), error);
}

bool saveConfig(const SessionConfig& config, const QString& path, QString* error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(toJson(config)).toJson(QJsonDocument::Indented)) < 0 ||
        !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("SessionConfig", "cannot write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace shmscope::gui
