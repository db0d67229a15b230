// The exact command line of a worker, as a person would paste it into a POSIX shell.
#pragma once

#include <QString>
#include <QStringList>

namespace shmscope::gui {

// `word` unchanged when the shell would read it as itself, else in single quotes (a single quote
// inside becomes '\''); the empty word is ''.
[[nodiscard]] QString shellQuote(const QString& word);
// Program and arguments, each quoted, separated by single spaces.
[[nodiscard]] QString shellCommandLine(const QString& program, const QStringList& arguments);

} // namespace shmscope::gui
