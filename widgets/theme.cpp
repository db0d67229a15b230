#include "theme.hpp"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusReply>
#include <QDBusVariant>
#include <QGuiApplication>
#include <QStyleFactory>
#include <array>

namespace shmscope::widgets::theme {
namespace {

constexpr int kPortalTimeoutMs = 200;
constexpr int kDarkLightness = 128;

// Okabe & Ito (2008), "Color Universal Design": black/white swapped by theme.
constexpr std::array<QRgb, 7> kSeries = {0xff0072b2, 0xffe69f00, 0xff009e73, 0xffcc79a7,
                                         0xff56b4e9, 0xffd55e00, 0xfff0e442};

} // namespace

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < kDarkLightness;
}

QPalette palette(bool dark) {
    if (!dark) {
        QPalette light(QColor(0xef, 0xf0, 0xf1));
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::AlternateBase, QColor(0xf5, 0xf6, 0xf7));
        light.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
        light.setColor(QPalette::HighlightedText, Qt::white);
        return light;
    }
    QPalette p;
    const QColor window(0x2a, 0x2e, 0x32);
    const QColor base(0x1e, 0x21, 0x24);
    const QColor text(0xe6, 0xe6, 0xe6);
    const QColor disabled(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, Qt::red);
    p.setColor(QPalette::Link, QColor(0x56, 0xb4, 0xe9));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, Qt::black);
    p.setColor(QPalette::Light, window.lighter(150));
    p.setColor(QPalette::Midlight, window.lighter(125));
    p.setColor(QPalette::Mid, window.darker(120));
    p.setColor(QPalette::Dark, window.darker(150));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    return p;
}

QPalette highContrastPalette() {
    QPalette p = palette(true);
    const QColor black(Qt::black);
    const QColor white(Qt::white);
    const QColor yellow(0xff, 0xd7, 0x00);
    for (const QPalette::ColorRole role : {QPalette::Window, QPalette::Base, QPalette::Button,
                                           QPalette::AlternateBase, QPalette::ToolTipBase})
        p.setColor(role, black);
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::ToolTipText})
        p.setColor(role, white);
    p.setColor(QPalette::Highlight, yellow);
    p.setColor(QPalette::HighlightedText, black);
    p.setColor(QPalette::Link, yellow);
    return p;
}

bool systemPrefersDark() {
    const QString platform = QGuiApplication::platformName();
    if (platform != QLatin1String("offscreen") && platform != QLatin1String("minimal")) {
        QDBusMessage call = QDBusMessage::createMethodCall(
            QStringLiteral("org.freedesktop.portal.Desktop"),
            QStringLiteral("/org/freedesktop/portal/desktop"),
            QStringLiteral("org.freedesktop.portal.Settings"), QStringLiteral("Read"));
        call << QStringLiteral("org.freedesktop.appearance") << QStringLiteral("color-scheme");
        const QDBusMessage reply =
            QDBusConnection::sessionBus().call(call, QDBus::Block, kPortalTimeoutMs);
        if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
            // The value arrives as a variant inside a variant.
            QVariant value = reply.arguments().constFirst();
            while (value.canConvert<QDBusVariant>())
                value = value.value<QDBusVariant>().variant();
            bool ok = false;
            const uint scheme = value.toUInt(&ok);
            if (ok && scheme != 0)
                return scheme == 1;
        }
    }
    return isDark(QGuiApplication::palette());
}

void apply(Choice choice) {
    static const bool systemDark = systemPrefersDark();
    const bool dark = choice == Choice::Dark || (choice == Choice::System && systemDark);
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    QApplication::setPalette(palette(dark));
}

QColor seriesColour(int index, bool dark) {
    const auto i = static_cast<std::size_t>(index) % (kSeries.size() + 1);
    if (i == kSeries.size())
        return dark ? QColor(0xe6, 0xe6, 0xe6) : QColor(0x20, 0x20, 0x20);
    return QColor::fromRgb(kSeries[i]);
}

Qt::PenStyle seriesDash(int index) {
    static constexpr std::array<Qt::PenStyle, 4> kDashes = {Qt::SolidLine, Qt::DashLine,
                                                            Qt::DotLine, Qt::DashDotLine};
    return kDashes[static_cast<std::size_t>(index) % kDashes.size()];
}

QColor slotColour(SlotKind kind, bool dark) {
    switch (kind) {
    case SlotKind::Free:
        return dark ? QColor(0x3a, 0x3f, 0x44) : QColor(0xe4, 0xe6, 0xe8);
    case SlotKind::Writing:
        return QColor::fromRgb(kSeries[1]); // orange
    case SlotKind::Ready:
        return QColor::fromRgb(kSeries[0]); // blue
    case SlotKind::Reading:
        return QColor::fromRgb(kSeries[2]); // green
    case SlotKind::Abandoned:
        return QColor::fromRgb(kSeries[5]); // vermillion
    }
    return Qt::gray;
}

QChar slotLetter(SlotKind kind) {
    switch (kind) {
    case SlotKind::Free:
        return QLatin1Char('F');
    case SlotKind::Writing:
        return QLatin1Char('W');
    case SlotKind::Ready:
        return QLatin1Char('R');
    case SlotKind::Reading:
        return QLatin1Char('C');
    case SlotKind::Abandoned:
        return QLatin1Char('A');
    }
    return QLatin1Char('?');
}

} // namespace shmscope::widgets::theme
