// shmscope: the desktop application (docs/CLI.md, "shmscope").
#include "main_window.hpp"
#include "scenarios.hpp"
#include "scripted_compare.hpp"
#include "scripted_run.hpp"
#include "session.hpp"
#include "theme.hpp"
#include "translations.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>
#include <QTemporaryDir>
#include <QTextStream>
#include <cstring>
#include <memory>
#include <optional>
#include <string_view>

namespace {

using namespace shmscope::gui;

constexpr int kUsageExit = 2;
constexpr int kNoDisplayExit = 1;

int listScenarios(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    for (const SessionConfig& config : scenarios())
        out << config.scenario << '\t' << config.description << '\n';
    return 0;
}

int usageError(const QString& text) {
    QTextStream(stderr) << "shmscope: " << text << '\n';
    return kUsageExit;
}

// The command line (docs/CLI.md, "shmscope"). Qt's own options (-platform, -style, …) are taken
// out by QApplication before these are parsed.
struct Options {
    QCommandLineOption config{QStringLiteral("config"), QStringLiteral("Open this JSON configuration."),
                              QStringLiteral("FILE")};
    QCommandLineOption settingsFile{QStringLiteral("settings"), QStringLiteral("Keep settings in this file."),
                                    QStringLiteral("FILE")};
    QCommandLineOption lang{QStringLiteral("lang"), QStringLiteral("Interface language: en or zh_CN."),
                            QStringLiteral("LANG")};
    QCommandLineOption scenario{QStringLiteral("scenario"), QStringLiteral("Scripted mode: run this scenario."),
                                QStringLiteral("ID")};
    QCommandLineOption duration{QStringLiteral("duration"), QStringLiteral("Scripted mode: seconds to run."),
                                QStringLiteral("S"), QStringLiteral("10")};
    QCommandLineOption screenshot{QStringLiteral("screenshot"), QStringLiteral("Scripted mode: save a screenshot."),
                                  QStringLiteral("FILE.png")};
    QCommandLineOption report{QStringLiteral("report"), QStringLiteral("Scripted mode: write the JSON report."),
                              QStringLiteral("FILE.json")};
    QCommandLineOption compare{
        QStringLiteral("compare"),
        QStringLiteral("Scripted mode: run the Compare view over these shmscope-bench transports."),
        QStringLiteral("ID,...")};
    QCommandLineOption sizes{QStringLiteral("sizes"),
                             QStringLiteral("Scripted mode with --compare: message sizes."),
                             QStringLiteral("BYTES,..."), QStringLiteral("64")};
    QCommandLineOption list{QStringLiteral("list-scenarios"),
                            QStringLiteral("Print the scenarios, one a line, and exit.")};

    void addTo(QCommandLineParser& parser) const {
        parser.setApplicationDescription(QStringLiteral(
            "Moves data between processes through shared memory and shows it happen."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions(
            {config, settingsFile, lang, scenario, compare, sizes, duration, screenshot, report, list});
    }
};

// What the command line asks for, once it is known to be good.
struct Usage {
    bool comparing = false;
    bool scripted = false;
    QStringList transports;
    std::vector<std::uint64_t> sizes;
    double seconds = 0.0;
};

// Checks the flags beyond what the parser knows; the exit status of a bad usage, or nullopt.
std::optional<int> readUsage(const QCommandLineParser& parser, const Options& options, Usage* usage) {
    usage->comparing = parser.isSet(options.compare);
    if (usage->comparing && parser.isSet(options.scenario))
        return usageError(QStringLiteral("--compare and --scenario: choose one"));
    if (parser.isSet(options.sizes) && !usage->comparing)
        return usageError(QStringLiteral("--sizes needs --compare"));
    usage->transports =
        parser.value(options.compare).split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (usage->comparing && usage->transports.isEmpty())
        return usageError(QStringLiteral("--compare: expected transport ids, e.g. shm-spsc,pipe"));
    const auto compareSizes = parseCompareSizes(parser.value(options.sizes));
    if (compareSizes)
        usage->sizes = *compareSizes;
    if (usage->comparing && !compareSizes)
        return usageError(
            QStringLiteral("--sizes: expected sizes in bytes, e.g. 64,4KiB,1MiB, got \"%1\"")
                .arg(parser.value(options.sizes)));
    usage->scripted = parser.isSet(options.scenario) || usage->comparing;
    bool durationOk = false;
    usage->seconds = parser.value(options.duration).toDouble(&durationOk);
    if (usage->scripted && (!durationOk || usage->seconds <= 0.0))
        return usageError(
            QStringLiteral("--duration: expected a positive number of seconds, got \"%1\"")
                .arg(parser.value(options.duration)));
    if (parser.isSet(options.lang) && !availableLanguages().contains(parser.value(options.lang)))
        return usageError(
            QStringLiteral("--lang: expected en or zh_CN, got \"%1\"").arg(parser.value(options.lang)));
    if (parser.isSet(options.scenario) && !scenario(parser.value(options.scenario)))
        return usageError(
            QStringLiteral("--scenario: unknown scenario \"%1\" (see --list-scenarios)")
                .arg(parser.value(options.scenario)));
    for (const QCommandLineOption* scriptedOnly : {&options.screenshot, &options.report}) {
        if (!usage->scripted && parser.isSet(*scriptedOnly))
            return usageError(
                QStringLiteral("--%1 needs --scenario or --compare")
                    .arg(scriptedOnly->names().constFirst()));
    }
    return std::nullopt;
}

void nameApplication() {
    QCoreApplication::setApplicationName(QStringLiteral("shmscope"));
    QCoreApplication::setOrganizationName(QStringLiteral("shmscope"));
    QCoreApplication::setApplicationVersion(QStringLiteral(SHMSCOPE_VERSION));
}

// --help and --version are answered before any window system is touched: they work without a
// display, over ssh, in a package's post-install check.
bool asksHelpOrVersion(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        for (const char* flag : {"--help", "-h", "--help-all", "-?", "--version", "-v"})
            if (std::strcmp(argv[i], flag) == 0)
                return true;
    return false;
}

int helpOrVersion(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    nameApplication();
    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    (void)parser.parse(QCoreApplication::arguments()); // Qt's own options are not ours to judge
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    parser.showHelp(0);
}

// Whether Qt can find a window system: a display (X11 or Wayland), or a platform chosen by
// QT_QPA_PLATFORM or -platform (offscreen, vnc, eglfs, …). Without one, QApplication aborts with
// Qt's long message about platform plugins before a flag is read.
bool windowSystemGiven(int argc, char** argv) {
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        if (!qEnvironmentVariableIsEmpty(name))
            return true;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        for (const std::string_view flag : {"-platform", "--platform"})
            if (arg == flag || (arg.starts_with(flag) && arg.size() > flag.size() &&
                                arg[flag.size()] == '='))
                return true;
    }
    return false;
}

// No window system: the flags are still judged (a bad usage exits 2 with its line, as with a
// display), then one line says what is missing.
int withoutWindowSystem(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    nameApplication();
    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser.errorText());
    Usage usage;
    if (const std::optional<int> bad = readUsage(parser, options, &usage))
        return *bad;
    QTextStream(stderr) << "shmscope: no display: set DISPLAY or WAYLAND_DISPLAY, or run "
                           "offscreen with -platform offscreen (scripted mode)\n";
    return kNoDisplayExit;
}

} // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--list-scenarios") == 0)
            return listScenarios(argc, argv); // needs no display
    }
    if (asksHelpOrVersion(argc, argv))
        return helpOrVersion(argc, argv);
    if (!windowSystemGiven(argc, argv))
        return withoutWindowSystem(argc, argv);
    QApplication app(argc, argv);
    nameApplication();

    QCommandLineParser parser;
    const Options options;
    options.addTo(parser);
    const QCommandLineOption& config = options.config;
    const QCommandLineOption& settingsFile = options.settingsFile;
    const QCommandLineOption& lang = options.lang;
    const QCommandLineOption& scenarioOption = options.scenario;
    const QCommandLineOption& screenshot = options.screenshot;
    const QCommandLineOption& report = options.report;
    if (!parser.parse(QApplication::arguments()))
        return usageError(parser.errorText());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    Usage usage;
    if (const std::optional<int> bad = readUsage(parser, options, &usage))
        return *bad;
    const bool scripted = usage.scripted;

    // Tests and scripted runs never touch the user's settings.
    QTemporaryDir throwaway;
    std::unique_ptr<QSettings> settings;
    if (parser.isSet(settingsFile))
        settings = std::make_unique<QSettings>(parser.value(settingsFile), QSettings::IniFormat);
    else if (scripted)
        settings = std::make_unique<QSettings>(throwaway.filePath(QStringLiteral("settings.ini")),
                                               QSettings::IniFormat);
    else
        settings = std::make_unique<QSettings>();

    setLanguage(
        parser.isSet(lang)
            ? parser.value(lang)
            : settings->value(QStringLiteral("view/language"), QStringLiteral("en")).toString());
    shmscope::widgets::theme::apply(static_cast<shmscope::widgets::theme::Choice>(
        settings->value(QStringLiteral("view/theme"), 0).toInt()));

    Session session;
    MainWindow window(session, *settings);
    if (parser.isSet(config)) {
        QString error;
        const auto loaded = loadConfig(parser.value(config), &error);
        if (!loaded)
            return usageError(QStringLiteral("--config: %1").arg(error));
        window.setConfig(*loaded);
    }
    window.resize(1280, 800);
    window.show();

    if (!scripted)
        return QApplication::exec();

    if (usage.comparing) {
        ScriptedCompare run(window, ScriptedCompareOptions{usage.transports, usage.sizes, usage.seconds,
                                                           parser.value(screenshot),
                                                           parser.value(report)});
        QObject::connect(&run, &ScriptedCompare::finished, &app,
                         [](int code) { QApplication::exit(code); });
        QMetaObject::invokeMethod(&run, &ScriptedCompare::begin, Qt::QueuedConnection);
        return QApplication::exec();
    }
    ScriptedRun run(window, session,
                    ScriptedOptions{parser.value(scenarioOption), usage.seconds, parser.value(screenshot),
                                    parser.value(report)});
    QObject::connect(&run, &ScriptedRun::finished, &app,
                     [](int code) { QApplication::exit(code); });
    QMetaObject::invokeMethod(&run, &ScriptedRun::begin, Qt::QueuedConnection);
    return QApplication::exec();
}
