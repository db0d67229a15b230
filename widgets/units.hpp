// One place that turns numbers into text: bytes (IEC), rates (SI), durations (ns … s).
// Labels, axes and tables all format through here, so a value reads the same everywhere.
#pragma once

#include <QLocale>
#include <QString>
#include <cstdint>

namespace shmscope::widgets::units {

// What a plotted or tabulated number measures; picks its formatter.
enum class Quantity {
    Count,
    MessagesPerSecond,
    Bytes,
    BytesPerSecond,
    Duration,
    Fraction,
    PerSecond
};

// "1023 B", "1 KiB", "1.5 MiB": 1024-based, three significant digits.
QString bytes(double value, const QLocale& locale = QLocale());
// "409.6 MiB/s": a byte rate, IEC like every size.
QString bytesPerSecond(double value, const QLocale& locale = QLocale());
// "50 k", "1.2 M": SI prefixes (1000-based), three significant digits; `unit` follows a space.
QString si(double value, const QString& unit, const QLocale& locale = QLocale());
// "50 k msg/s".
QString messagesPerSecond(double value, const QLocale& locale = QLocale());
// "850 ns", "999 µs", "1 ms", "2.5 s".
QString duration(double nanoseconds, const QLocale& locale = QLocale());
// "12.5 %".
QString percent(double fraction, const QLocale& locale = QLocale());
// "1,234,567": exact integer counts for tables.
QString count(std::uint64_t value, const QLocale& locale = QLocale());

// Formats `value` as the given quantity.
QString format(Quantity quantity, double value, const QLocale& locale = QLocale());

// `value` with three significant digits, trailing zeros removed ("1.5", "12.3", "123", "1").
QString significant(double value, const QLocale& locale);

} // namespace shmscope::widgets::units
