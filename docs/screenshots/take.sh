#!/bin/sh
# Takes the documentation screenshots: the demo scenario in English and Simplified Chinese, with
# the light and the dark theme, on a 1280×800 virtual screen.
# Usage: docs/screenshots/take.sh BUILD_DIR   (needs xvfb-run and a CJK font such as
# fonts-wqy-microhei)
set -eu
build=${1:?usage: $0 BUILD_DIR}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for lang in en zh_CN; do
    for theme in light dark; do
        case $theme in light) choice=1 ;; dark) choice=2 ;; esac
        printf '[view]\ntheme=%s\n' "$choice" >"$work/settings.ini"
        xvfb-run -a -s "-screen 0 1280x800x24" \
            "$build/bin/shmscope" --settings "$work/settings.ini" --lang "$lang" \
            --scenario demo --duration 8 --screenshot "$work/shot.png" >/dev/null
        # Palette images keep the files small; the text stays sharp.
        convert "$work/shot.png" -colors 128 "PNG8:$here/demo-$lang-$theme.png"
    done
done
