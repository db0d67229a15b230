#include "units.hpp"

#include <QTest>

using namespace shmscope::widgets;

class tst_Units : public QObject {
    Q_OBJECT
private slots:
    void bytes_data();
    void bytes();
    void rates_data();
    void rates();
    void durations_data();
    void durations();
    void chineseLocaleKeepsUnits();
};

void tst_Units::bytes_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("zero") << 0.0 << "0 B";
    QTest::newRow("1023 B") << 1023.0 << "1023 B";
    QTest::newRow("1 KiB") << 1024.0 << "1 KiB";
    QTest::newRow("1.5 KiB") << 1536.0 << "1.5 KiB";
    QTest::newRow("just below 1 MiB rounds up") << 1048575.0 << "1 MiB";
    QTest::newRow("4 KiB") << 4096.0 << "4 KiB";
    QTest::newRow("123 MiB") << 123.4 * 1048576.0 << "123 MiB";
    QTest::newRow("1 GiB") << 1073741824.0 << "1 GiB";
}

void tst_Units::bytes() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(units::bytes(value, QLocale::c()), text);
}

void tst_Units::rates_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("small") << 12.0 << "12 msg/s";
    QTest::newRow("999") << 999.0 << "999 msg/s";
    QTest::newRow("999.5 rounds to 1 k") << 999.5 << "1 k msg/s";
    QTest::newRow("50 k") << 50000.0 << "50 k msg/s";
    QTest::newRow("100 k") << 100000.0 << "100 k msg/s";
    QTest::newRow("1.23 M") << 1234567.0 << "1.23 M msg/s";
}

void tst_Units::rates() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(units::messagesPerSecond(value, QLocale::c()), text);
}

void tst_Units::durations_data() {
    QTest::addColumn<double>("nanoseconds");
    QTest::addColumn<QString>("text");
    QTest::newRow("0 ns") << 0.0 << "0 ns";
    QTest::newRow("850 ns") << 850.0 << "850 ns";
    QTest::newRow("999 ns") << 999.0 << "999 ns";
    QTest::newRow("1 µs") << 1000.0 << "1 µs";
    QTest::newRow("999.4 µs") << 999400.0 << "999 µs";
    QTest::newRow("999.5 µs is 1 ms") << 999500.0 << "1 ms";
    QTest::newRow("12.3 ms") << 12345678.0 << "12.3 ms";
    QTest::newRow("2.5 s") << 2.5e9 << "2.5 s";
    QTest::newRow("1500 s stays in s") << 1.5e12 << "1500 s";
}

void tst_Units::durations() {
    QFETCH(double, nanoseconds);
    QFETCH(QString, text);
    QCOMPARE(units::duration(nanoseconds, QLocale::c()), text);
}

void tst_Units::chineseLocaleKeepsUnits() {
    const QLocale chinese(QLocale::Chinese, QLocale::China);
    QCOMPARE(units::bytes(1536.0, chinese), QStringLiteral("1.5 KiB"));
    QCOMPARE(units::duration(2.5e6, chinese), QStringLiteral("2.5 ms"));
}

QTEST_GUILESS_MAIN(tst_Units)
#include "tst_units.moc"
