#include "units.hpp"

#include <QCoreApplication>
#include <array>
#include <cmath>

namespace shmscope::widgets::units {
namespace {

constexpr int kSignificantDigits = 3;

struct Scaled {
    double value;
    int step; // index into the unit table
};

// Divides `value` by `base` until it is below `base`, re-checking after rounding so that 999.5
// becomes "1 k" rather than "1000".
Scaled scale(double value, double base, int steps, const QLocale& locale) {
    Scaled result{value, 0};
    while (result.step + 1 < steps) {
        if (std::abs(result.value) < base) {
            const QString text = significant(result.value, locale);
            if (std::abs(locale.toDouble(text)) < base)
                break;
        }
        result.value /= base;
        ++result.step;
    }
    return result;
}

// Decimals that leave three significant digits (values below 1 keep two decimals).
int decimalsFor(double value) {
    const double magnitude = std::abs(value);
    if (magnitude < 1.0)
        return kSignificantDigits - 1;
    const int integerDigits = static_cast<int>(std::floor(std::log10(magnitude))) + 1;
    return std::max(0, kSignificantDigits - integerDigits);
}

} // namespace

QString significant(double value, const QLocale& locale) {
    if (!std::isfinite(value))
        return QStringLiteral("–");
    QString text = locale.toString(value, 'f', decimalsFor(value));
    const QString point = locale.decimalPoint();
    if (text.contains(point)) {
        while (text.endsWith(QLatin1Char('0')))
            text.chop(1);
        if (text.endsWith(point))
            text.chop(point.size());
    }
    if (text == QLatin1String("-0"))
        text = QStringLiteral("0");
    return text;
}

QString bytes(double value, const QLocale& locale) {
    static const std::array<const char*, 6> kUnits = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    if (std::llabs(std::llround(value)) < 1024) {
        // Whole bytes are exact; no grouping so that "1023 B" reads as one number.
        QLocale plain = locale;
        plain.setNumberOptions(QLocale::OmitGroupSeparator);
        return QStringLiteral("%1 B").arg(plain.toString(std::llround(value)));
    }
    const Scaled scaled = scale(value, 1024.0, static_cast<int>(kUnits.size()), locale);
    return QStringLiteral("%1 %2").arg(
        significant(scaled.value, locale),
        QLatin1String(kUnits[static_cast<std::size_t>(scaled.step)]));
}

QString bytesPerSecond(double value, const QLocale& locale) {
    return bytes(value, locale) + QStringLiteral("/s");
}

QString si(double value, const QString& unit, const QLocale& locale) {
    static const std::array<const char*, 6> kPrefixes = {"", "k", "M", "G", "T", "P"};
    const Scaled scaled = scale(value, 1000.0, static_cast<int>(kPrefixes.size()), locale);
    const QString prefix = QLatin1String(kPrefixes[static_cast<std::size_t>(scaled.step)]);
    QString text = significant(scaled.value, locale);
    // "50 k msg/s", "50 k/s", "12 msg/s", "12/s", "50 k".
    const bool perUnit = unit.startsWith(QLatin1Char('/'));
    if (!prefix.isEmpty())
        text += QLatin1Char(' ') + prefix;
    if (!unit.isEmpty())
        text += (perUnit ? QString() : QStringLiteral(" ")) + unit;
    return text;
}

QString messagesPerSecond(double value, const QLocale& locale) {
    return si(value, QCoreApplication::translate("units", "msg/s"), locale);
}

QString duration(double nanoseconds, const QLocale& locale) {
    static const std::array<const char*, 4> kUnits = {"ns", "µs", "ms", "s"};
    const Scaled scaled = scale(nanoseconds, 1000.0, static_cast<int>(kUnits.size()), locale);
    return QStringLiteral("%1 %2").arg(
        significant(scaled.value, locale),
        QString::fromUtf8(kUnits[static_cast<std::size_t>(scaled.step)]));
}

QString percent(double fraction, const QLocale& locale) {
    return QStringLiteral("%1 %").arg(significant(fraction * 100.0, locale));
}

QString format(Quantity quantity, double value, const QLocale& locale) {
    switch (quantity) {
    case Quantity::Count:
        return si(value, QString(), locale);
    case Quantity::MessagesPerSecond:
        return messagesPerSecond(value, locale);
    case Quantity::Bytes:
        return bytes(value, locale);
    case Quantity::BytesPerSecond:
        return bytesPerSecond(value, locale);
    case Quantity::Duration:
        return duration(value, locale);
    case Quantity::Fraction:
        return percent(value, locale);
    case Quantity::PerSecond:
        return si(value, QStringLiteral("/s"), locale);
    }
    return significant(value, locale);
}

QString count(std::uint64_t value, const QLocale& locale) {
    return locale.toString(static_cast<qulonglong>(value));
}

} // namespace shmscope::widgets::units
