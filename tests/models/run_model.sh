#!/usr/bin/env bash
# Checks one Promela model with SPIN: run_model.sh [--expect-error] MODEL.pml WORKDIR [-DNAME ...]
# Two searches: safety (assertions, invalid end states = deadlock) and non-progress cycles
# (livelock: every model terminates, so any cycle is one). Fails on any error or a search cut
# short; prints the states explored. With --expect-error the model is a known-bad variant: the
# safety search must find an error (showing the model can see the bug), and passing fails.
set -euo pipefail

expect_error=false
if [[ ${1:-} == --expect-error ]]; then
    expect_error=true
    shift
fi

readonly MAX_DEPTH=100000
readonly MEMORY_LIMIT_MB=1024

model=$(readlink -f "$1")
workdir=$2
shift 2
defines=("$@")

if ! command -v spin >/dev/null 2>&1; then
    echo "run_model: 'spin' is not installed (Debian package spin; ./dev deps installs it)" >&2
    exit 1
fi
cc=${CC:-cc}

mkdir -p "$workdir"
cd "$workdir"
cp "$(dirname "$model")"/*.pml .
name=$(basename "$model")

search() {
    local kind=$1 cflags=$2 runflags=$3 log
    log="$kind.log"
    spin "${defines[@]}" -a "$name" >spin.log 2>&1 || { cat spin.log >&2; exit 1; }
    # shellcheck disable=SC2086
    "$cc" -w -O2 $cflags -DCOLLAPSE -DMEMLIM=$MEMORY_LIMIT_MB -o "pan-$kind" pan.c
    # shellcheck disable=SC2086
    "./pan-$kind" -m$MAX_DEPTH $runflags >"$log" 2>&1 || true
    local states errors
    states=$(sed -n 's/^ *\([0-9e.+]*\) states, stored.*/\1/p' "$log")
    errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$log")
    echo "$name ${defines[*]} ($kind): ${states:-?} states, ${errors:-?} errors"
    if $expect_error; then
        if [[ ${errors:-0} =~ ^[1-9] ]]; then
            echo "$name ${defines[*]}: the expected error was found:"
            grep -E '^pan:1' "$log" || true
            exit 0
        fi
        echo "run_model: $name ${defines[*]} ($kind) found no error, but this variant must fail" >&2
        exit 1
    fi
    if [[ $errors != 0 ]] || grep -qE 'max search depth too small|out of memory|aborting' "$log"; then
        echo "run_model: $name ($kind) failed:" >&2
        grep -E '^pan|error|violated|depth' "$log" >&2 || cat "$log" >&2
        spin "${defines[@]}" -t -p -g "$name" 2>&1 | tail -n 60 >&2 || true
        exit 1
    fi
}

search safety "-DSAFETY" ""
search progress "-DNP" "-l"
