#!/usr/bin/env bash
# Builds the Debian package from a build tree with cpack, extracts it into a scratch root with
# dpkg-deb -x and checks it as a user would meet it: every executable runs from there (Qt and the
# other shared libraries come from the system), each has its man page, the icons, desktop entry
# and AppStream metainfo are there and pass their validators, and Depends (from dpkg-shlibdeps)
# names Qt.
# package_contents.sh BUILD_DIR WORK_DIR EXECUTABLE...
set -euo pipefail

build=$1
work=$2
shift 2
executables=("$@")

step() { echo "package_contents: $*"; }
failures=0
fail() { echo "package_contents: $*" >&2; failures=$((failures + 1)); }
fatal() { echo "package_contents: $*" >&2; exit 1; }

((${#executables[@]} > 0)) || fatal "no executables given"
rm -rf "$work"
mkdir -p "$work"
root="$work/root"

step "cpack -G DEB"
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 ||
    { cat "$work/cpack.log" >&2; fatal "cpack failed"; }
mapfile -t debs < <(find "$work/out" -maxdepth 1 -name '*.deb')
((${#debs[@]} == 1)) || fatal "expected one .deb in $work/out, found ${#debs[@]}"
deb=${debs[0]}
ls -l "$deb"

step "control fields"
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
echo "Version: $version"
echo "Depends: $depends"
[[ -n $version ]] || fail "the package has no Version"
[[ -n $depends ]] || fail "Depends is empty: dpkg-shlibdeps did not run or found nothing"
for library in libqt6core6 libqt6widgets6 libc6; do
    [[ $depends =~ (^|[ ,])$library([ ,]|$) ]] || fail "Depends does not name $library"
done
[[ $depends != *shmscope* ]] || fail "Depends names shmscope itself"

dpkg-deb -x "$deb" "$root"

step "executables"
for executable in "${executables[@]}"; do
    program=$root/usr/bin/$executable
    if [[ ! -x $program ]]; then
        fail "usr/bin/$executable is not in the package"
        continue
    fi
    # No display: --version must not need one.
    if ! output=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$program" --version 2>&1); then
        fail "usr/bin/$executable --version failed: $output"
    elif [[ $output != "$executable $version" ]]; then
        fail "usr/bin/$executable --version printed '$output', expected '$executable $version'"
    fi
done

step "man pages"
for executable in "${executables[@]}"; do
    page=$root/usr/share/man/man1/$executable.1.gz
    if [[ ! -f $page ]]; then
        fail "usr/share/man/man1/$executable.1.gz is not in the package"
        continue
    fi
    # lexgrog reads the NAME section as whatis/apropos do.
    whatis=$(lexgrog "$page" 2>&1) || fail "$executable.1: no NAME section lexgrog can read: $whatis"
    [[ $whatis == *"\"$executable - "* ]] || fail "$executable.1: unexpected NAME line: $whatis"
    # groff warnings (bad requests, unknown escapes) fail.
    if ! text=$(LC_ALL=C.UTF-8 MANWIDTH=100 man --warnings=w -E UTF-8 -l "$page" 2>"$work/man.err"); then
        fail "man -l $executable.1 failed: $(cat "$work/man.err")"
    elif [[ -s $work/man.err ]]; then
        fail "man -l $executable.1 warns: $(cat "$work/man.err")"
    fi
    for section in NAME SYNOPSIS DESCRIPTION "SEE ALSO"; do
        grep -q "^$section" <<<"$text" || fail "$executable.1 has no $section section"
    done
    # Every flag the packaged program's --help names is in its man page.
    if [[ -x $root/usr/bin/$executable ]]; then
        help_flags=$(env -u DISPLAY -u WAYLAND_DISPLAY "$root/usr/bin/$executable" --help | grep -o -E -- '--[a-z][a-z0-9-]+' | sort -u)
        page_flags=$(zcat "$page" | sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' | grep -o -E -- '--[a-z][a-z0-9-]+' | sort -u)
        missing=$(comm -23 <(echo "$help_flags") <(echo "$page_flags") | tr '\n' ' ')
        [[ -z $missing ]] || fail "$executable.1 lacks flags its --help names: $missing"
    fi
done

step "icons"
hicolor=$root/usr/share/icons/hicolor
[[ -f $hicolor/scalable/apps/shmscope.svg ]] || fail "the scalable SVG icon is not in the package"
for size in 16 32 48 256; do
    [[ -f $hicolor/${size}x$size/apps/shmscope.png ]] || fail "no ${size}x$size PNG icon"
done
# WIDTHxHEIGHT of a PNG file, from its signature and IHDR chunk; empty if it is not a PNG.
png_size() {
    local -a bytes
    read -r -a bytes < <(od -An -tu1 -N24 "$1" | tr '\n' ' ')
    local signature="${bytes[*]:0:8}"
    [[ $signature == "137 80 78 71 13 10 26 10" ]] || return 0
    echo "$(((bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19]))x$(((bytes[20] << 24) | (bytes[21] << 16) | (bytes[22] << 8) | bytes[23]))"
}
for icon in "$hicolor"/*x*/apps/shmscope.png; do
    [[ -f $icon ]] || continue
    size=$(basename "$(dirname "$(dirname "$icon")")")
    actual=$(png_size "$icon")
    [[ $actual == "$size" ]] || fail "${icon#"$root"/} is not a $size PNG (${actual:-not a PNG})"
done

step "desktop entry"
desktop=$root/usr/share/applications/shmscope.desktop
if [[ -f $desktop ]]; then
    # Hints count too: a clean entry shows once, in the right menu.
    report=$(desktop-file-validate "$desktop" 2>&1) || true
    [[ -z $report ]] || fail "desktop-file-validate: $report"
    exec_line=$(sed -n 's/^Exec=//p' "$desktop")
    [[ -x $root/usr/bin/${exec_line%% *} ]] || fail "the desktop entry starts '$exec_line', which is not in usr/bin"
    grep -qx 'Icon=shmscope' "$desktop" || fail "the desktop entry's icon is not shmscope"
else
    fail "usr/share/applications/shmscope.desktop is not in the package"
fi

step "AppStream metainfo"
metainfo=$root/usr/share/metainfo/io.github.shmscope.metainfo.xml
if [[ -f $metainfo ]]; then
    appstreamcli validate --no-net --pedantic "$metainfo" || fail "appstreamcli validate rejects the metainfo"
    # The whole tree: the metainfo's launchable desktop entry must be there and agree with it.
    appstreamcli validate-tree --no-net --pedantic "$root" || fail "appstreamcli validate-tree rejects the package"
    # <provides> names exactly the packaged executables.
    provided=$(sed -n 's|^ *<binary>\(.*\)</binary>$|\1|p' "$metainfo" | sort)
    packaged=$(printf '%s\n' "${executables[@]}" | sort)
    [[ $provided == "$packaged" ]] ||
        fail "packaging/io.github.shmscope.metainfo.xml provides $(echo $provided), the package holds $(echo $packaged)"
    grep -q '<screenshot' "$metainfo" || fail "the metainfo has no screenshots"
    grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo has no release $version"
else
    fail "usr/share/metainfo/io.github.shmscope.metainfo.xml is not in the package"
fi

step "documents"
for document in copyright CLI.md PROTOCOL.md; do
    [[ -f $root/usr/share/doc/shmscope/$document ]] || fail "usr/share/doc/shmscope/$document is not in the package"
done

if ((failures > 0)); then
    fatal "$failures check(s) failed"
fi
rm -rf "$work"
step "done"
