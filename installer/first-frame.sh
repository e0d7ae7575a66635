#!/bin/bash
# Start-up of the packaged desktop app: runs APP_IMAGE/bin/taskstream RUNS times under a private Xvfb display and
# prints the app's own "first frame after N ms" line of each run (the app writes a screenshot half a second after
# its first frame and exits). Needs Xvfb (apt-get install -y xvfb).
#   installer/first-frame.sh installer/target/jpackage/taskstream 5
set -euo pipefail
img=${1:?usage: first-frame.sh APP_IMAGE [RUNS]}
runs=${2:-5}
display=:$((70 + RANDOM % 20))
Xvfb "$display" -screen 0 1280x800x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
shot=$(mktemp --suffix=.png)
for _ in $(seq "$runs"); do
  DISPLAY=$display TASKSTREAM_SCREENSHOT=$shot TASKSTREAM_SCREENSHOT_DELAY=0.5 TASKSTREAM_SCREENSHOT_EXIT=true \
    timeout 180 "$img/bin/taskstream" 2>&1 | grep -o "first frame after [0-9]* ms" || echo "no first frame"
done
rm -f "$shot"
