// main() for the tests with a `long` run. Their long functions take longer than Qt Test's default
// 300 s per function, so they set their own limit when SHMSCOPE_LONG_TESTS=1 and none was given:
// the commands in docs/RELIABILITY.md then work run by hand as they do through ctest.
#pragma once

#include <QCoreApplication>
#include <QTest>

#define SHMSCOPE_LONG_TEST_MAIN(TestObject, functionTimeoutMs)                                     \
    int main(int argc, char** argv)                                                                \
    {                                                                                              \
        if (qEnvironmentVariableIntValue("SHMSCOPE_LONG_TESTS") == 1 &&                            \
            qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT"))                                 \
            qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number(functionTimeoutMs));              \
        QCoreApplication app(argc, argv);                                                          \
        TestObject test;                                                                           \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&test, argc, argv);                                                    \
    }
