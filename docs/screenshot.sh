#!/usr/bin/env bash
# Writes docs/screenshot.png: the Faultline window with the bundled July 19, 2024 sample, drawn under Xvfb.
#
#   bash docs/screenshot.sh                       # the Faulting frame tab (README's picture)
#   TAB=Bugcheck OUT=/tmp/shot.png bash docs/screenshot.sh
#
# Needs a JDK 17+, and Xvfb with GTK 3 (Debian/Ubuntu: apt-get install -y --no-install-recommends xvfb libgtk-3-0).
# The window writes its own PNG (a JavaFX scene snapshot) once the sample's detail is shown, then exits; a fresh
# settings folder keeps the user's theme and recent files out of the picture.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/docs/screenshot.png}"
tab="${TAB:-Faulting frame}"
size="${SIZE:-1280x820}"

command -v xvfb-run >/dev/null || { echo "screenshot: xvfb-run is missing (apt-get install xvfb libgtk-3-0)" >&2; exit 1; }

echo "building Faultline…" >&2
(cd "$root" && ./mvnw -B -q -Dmaven.test.skip=true -pl app -am package)

config="$(mktemp -d "${TMPDIR:-/tmp}/faultline-shot.XXXXXX")"
trap 'rm -rf "$config"' EXIT
rm -f "$out"
xvfb-run -a -s "-screen 0 ${size}x24" \
  java -Dprism.order=sw -Djavafx.cachedir="$config/openjfx" -Dfaultline.config="$config" \
       -Dfaultline.screenshot="$out" -Dfaultline.screenshot.tab="$tab" \
       -jar "$root/app/target/faultline.jar"
[[ -s "$out" ]] || { echo "screenshot: no image was written" >&2; exit 1; }
echo "wrote $out" >&2
