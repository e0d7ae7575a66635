#!/bin/bash
# Start-up of the packaged desktop app: runs APP_IMAGE/bin/taskstream (demo mode) RUNS times under a private Xvfb
# display and prints the app's own log lines of each run: "first frame after N ms" (the splash: process launch to
# the first laid-out pulse), "main view after N ms" (the demo's window replaces the splash; the import's progress
# shows) and "communities shown after N ms" (the demo's own first rebuild has ended and its communities are in the
# list), then the medians and the load average before and after. The app writes a screenshot half a second after
# the communities are shown and exits. Needs Xvfb (apt-get install -y xvfb).
#   installer/first-frame.sh installer/target/jpackage/taskstream 5
set -euo pipefail
img=${1:?usage: first-frame.sh APP_IMAGE [RUNS]}
runs=${2:-5}
work=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
display=:$(cat "$work/display")
touch "$work/first" "$work/main" "$work/communities"
median() { sort -n | awk '{v[NR] = $1} END {if (NR) print v[int((NR + 1) / 2)]; else print "-"}'; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
  DISPLAY=$display TASKSTREAM_SCREENSHOT=$work/shot.png TASKSTREAM_SCREENSHOT_AT=communities \
    TASKSTREAM_SCREENSHOT_DELAY=0.5 TASKSTREAM_SCREENSHOT_EXIT=true \
    timeout 300 "$img/bin/taskstream" >"$work/run.log" 2>&1 || true
  first=$(sed -n 's/.*first frame after \([0-9]*\) ms.*/\1/p' "$work/run.log")
  main=$(sed -n 's/.*main view after \([0-9]*\) ms.*/\1/p' "$work/run.log")
  shown=$(sed -n 's/.*communities shown after \([0-9]*\) ms.*/\1/p' "$work/run.log")
  echo "run $i: first frame after ${first:-?} ms, main view after ${main:-?} ms," \
    "communities shown after ${shown:-?} ms (load $(cut -d' ' -f1 /proc/loadavg))"
  [ -n "$first" ] && echo "$first" >>"$work/first"
  [ -n "$main" ] && echo "$main" >>"$work/main"
  [ -n "$shown" ] && echo "$shown" >>"$work/communities"
done
echo "median: first frame $(median <"$work/first") ms, main view $(median <"$work/main") ms," \
  "communities shown $(median <"$work/communities") ms"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
