#include "command_line.hpp"

#include <algorithm>

namespace shmscope::gui {
namespace {

// Characters no POSIX shell treats specially anywhere in a word.
bool plainShellChar(QChar c) {
    if (c.unicode() >= 0x80)
        return false;
    return c.isLetterOrNumber() || QStringLiteral("@%+=:,./_-").contains(c);
}

} // namespace

QString shellQuote(const QString& word) {
    if (word.isEmpty())
        return QStringLiteral("''");
    if (std::all_of(word.begin(), word.end(), plainShellChar))
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString shellCommandLine(const QString& program, const QStringList& arguments) {
    QStringList words{shellQuote(program)};
    for (const QString& argument : arguments)
        words << shellQuote(argument);
    return words.join(QLatin1Char(' '));
}

} // namespace shmscope::gui
