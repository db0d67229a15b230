#!/usr/bin/env bash
# Installs a build into a scratch prefix, then builds examples/ against it the two ways a
# developer would: find_package(shmscope) with CMake, and pkg-config. Each example must run and
# exit 0 (every message arrived).
# install_and_link.sh BUILD_DIR SOURCE_DIR WORK_DIR WITH_GUI(ON|OFF)
set -euo pipefail

build=$1
source=$2
work=$3
with_gui=$4

rm -rf "$work"
mkdir -p "$work"
prefix="$work/prefix"

step() { echo "install_and_link: $*"; }
fail() { echo "install_and_link: $*" >&2; exit 1; }

step "cmake --install into $prefix"
cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; fail "install failed"; }

executables=(shmscope-worker shmscope-stat shmscope-bench)
[[ $with_gui == ON ]] && executables+=(shmscope)
for executable in "${executables[@]}"; do
    [[ -x $prefix/bin/$executable ]] || fail "bin/$executable was not installed"
    "$prefix/bin/$executable" --version >/dev/null || fail "bin/$executable --version failed"
done
[[ -f $prefix/include/shmscope/channel.hpp ]] || fail "the public headers were not installed"

step "find_package(shmscope) in examples/"
cmake -S "$source/examples" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release \
    >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; fail "configuring examples/ failed"; }
cmake --build "$work/cmake-build" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building examples/ failed"; }
"$work/cmake-build/producer_consumer"

step "pkg-config shmscope"
pc=$(find "$prefix" -name shmscope.pc -print -quit)
[[ -n $pc ]] || fail "shmscope.pc was not installed"
flags=$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --cflags --libs shmscope) || fail "pkg-config found no shmscope"
# shellcheck disable=SC2086
c++ "$source/examples/producer_consumer.cpp" -o "$work/producer_consumer_pc" $flags || fail "the pkg-config build failed"
"$work/producer_consumer_pc"
step "done"
