#!/usr/bin/env bash
# Renders taskstream.svg to the PNG that jpackage uses (--icon). Needs ImageMagick (convert) or rsvg-convert.
# The PNG is committed, so the build itself never needs these tools.
set -euo pipefail
cd "$(dirname "$0")"
if command -v rsvg-convert >/dev/null 2>&1; then
  rsvg-convert -w 256 -h 256 taskstream.svg -o taskstream.png
else
  convert -background none -density 96 taskstream.svg -resize 256x256 PNG32:taskstream.png
fi
echo "wrote $(pwd)/taskstream.png"
