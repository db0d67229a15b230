#!/usr/bin/env bash
# Writes one executable's man page with help2man, from the program's own --help and --version,
# plus the hand-written sections of the include files.
# generate.sh PROGRAM PAGE.1.gz INCLUDE_FILE...
set -euo pipefail

if [[ -n ${SHMSCOPE_MAN_PROGRAM:-} ]]; then
    # help2man runs this script as the program. The output is the program's own, but further
    # usage lines, aligned under the first one, are marked "or:" as help2man expects them.
    "$SHMSCOPE_MAN_PROGRAM" "$@" | sed '/^Usage:/,/^$/ s/^ \{2,\}\([^ ]\)/  or:  \1/'
    exit "${PIPESTATUS[0]}"
fi

program=$1
page=$2
shift 2
includes=()
for include in "$@"; do
    includes+=("--include=$include")
done
roff=${page%.gz}

SHMSCOPE_MAN_PROGRAM=$program help2man --no-info --section=1 --locale=C.UTF-8 "${includes[@]}" \
    --output="$roff.utf8" "$0"
# In ASCII (… as ..., × as x), which man renders without warnings in every locale.
LC_ALL=C.UTF-8 iconv --from-code=UTF-8 --to-code=ASCII//TRANSLIT "$roff.utf8" >"$roff"
rm "$roff.utf8"
gzip -9 --no-name --force "$roff"
