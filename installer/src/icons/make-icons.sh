#!/usr/bin/env bash
# Makes the installer icons from faultline.svg (the source of truth). Run after changing the SVG and
# commit the results. Debian packages: librsvg2-bin (rsvg-convert), imagemagick (convert), icnsutils
# (png2icns). On macOS, instead of png2icns:
#   mkdir faultline.iconset && for s in 16 32 128 256 512; do
#     rsvg-convert -w $s -h $s faultline.svg -o faultline.iconset/icon_${s}x${s}.png
#     rsvg-convert -w $((2*s)) -h $((2*s)) faultline.svg -o faultline.iconset/icon_${s}x${s}@2x.png; done
#   iconutil -c icns faultline.iconset
set -euo pipefail
cd "$(dirname "$0")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for s in 16 32 48 128 256 512; do
  rsvg-convert -w "$s" -h "$s" faultline.svg -o "$tmp/$s.png"
done
cp "$tmp/256.png" faultline.png       # Linux launcher and desktop entry (jpackage --icon)
cp "$tmp/48.png" faultline-48.png     # menus, small views
convert "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/256.png" faultline.ico   # Windows
png2icns faultline.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" \
  "$tmp/512.png" >/dev/null                                                        # macOS
ls -l faultline.png faultline-48.png faultline.ico faultline.icns
