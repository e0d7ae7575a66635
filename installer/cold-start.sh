#!/usr/bin/env bash
# Cold start of the packaged server: time from exec of 'taskstream-server serve --demo --port 0' to its
# "listening on" line, N runs (default 3), each in a fresh data directory (so the H2 database is created, migrated
# and the demo graph loaded every time, as on first start) unless --reuse-data is given. Prints each run and the median.
# Usage: installer/cold-start.sh [--reuse-data] [APP_IMAGE_DIR] [RUNS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reuse=false
if [ "${1:-}" = --reuse-data ]; then reuse=true; shift; fi
image=$(cd "${1:-$here/target/jpackage/taskstream}" && pwd)
runs=${2:-3}
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
times=()
for i in $(seq 1 "$runs"); do
  $reuse || { rm -rf "$data"; mkdir -p "$data"; }
  out=$(mktemp)
  start=$(date +%s%N)
  env -i HOME="$data" XDG_DATA_HOME="$data" PATH=/usr/bin:/bin "$image/bin/taskstream-server" serve --demo --port 0 >"$out" 2>&1 &
  pid=$!
  until grep -q 'listening on' "$out"; do
    kill -0 "$pid" 2>/dev/null || { cat "$out" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  rm -f "$out"
  times+=("$ms")
  echo "run $i: ${ms} ms"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
echo "median of $runs: ${median} ms"
