#!/usr/bin/env bash
# Smoke test of the packaged server, run from the app-image's own Java runtime (not the build JDK):
#   0. taskstream --help (the desktop launcher, no display needed): usage and nothing else; its class-data
#      archive, when the build made one (needs Xvfb), is used (-Xshare:on), and the cfg names no missing archive
#   1. taskstream-server --version
#   2. taskstream-server serve --demo --port 0   (cold start to the "listening on" line is measured)
#   3. POST /api/v1/projects/demo/communities/rebuild -> 202 {"task_id": ...}
#   4. GET /api/v1/tasks/{id}/stream until the server ends it; the last event must be "completed"
#   5. SIGTERM; the server must stop
# Usage: installer/smoke-test.sh [APP_IMAGE_DIR]   (default: installer/target/jpackage/taskstream)
#        or an installed package: installer/smoke-test.sh /opt/taskstream
# Needs bash, curl, coreutils. Exit 0 on success, 1 with a message on the first failure.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
image=$(cd "${1:-$here/target/jpackage/taskstream}" && pwd)
server=$image/bin/taskstream-server
log() { printf '[smoke] %s\n' "$*"; }
fail() { printf '[smoke] FAILED: %s\n' "$*" >&2; exit 1; }

[ -x "$server" ] || fail "no launcher at $server (build it: ./mvnw -B -Pinstaller -DskipTests package)"
[ -f "$image/lib/runtime/release" ] || fail "no bundled runtime in $image/lib/runtime"
command -v curl >/dev/null 2>&1 || fail "curl is needed"

work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# No JDK on the way: no JAVA_HOME, a PATH without any java, a fresh data directory (the default H2 database
# lives in $XDG_DATA_HOME/taskstream), and no user-level JVM options.
clean_env=(env -i HOME="$work" XDG_DATA_HOME="$work/data" PATH=/usr/bin:/bin LANG=C.UTF-8 TMPDIR="$work")

# --- 0. desktop launcher: --help and the class-data archive -------------------------------------------------------
desktop=$image/bin/taskstream
cfg=$image/lib/app/taskstream.cfg
[ -x "$desktop" ] || fail "no desktop launcher at $desktop"
usage=$("${clean_env[@]}" "$desktop" --help 2>&1) || fail "taskstream --help exited with $?: $usage"
[[ $usage == Usage:* ]] || fail "taskstream --help printed more than the usage: $(head -n 3 <<<"$usage")"
if [ -f "$image/lib/app/taskstream.jsa" ]; then
  grep -q '^java-options=-XX:SharedArchiveFile=\$APPDIR/taskstream.jsa$' "$cfg" \
    || fail "lib/app/taskstream.jsa is there but $cfg does not name it"
  # -Xshare:on: a class-data archive that cannot be mapped is an error, not a silent fallback
  loaded=$("${clean_env[@]}" JAVA_TOOL_OPTIONS="-Xshare:on -Xlog:class+load=info" "$desktop" --help 2>&1) \
    || fail "the desktop launcher does not start with -Xshare:on: $(grep -m 3 'cds' <<<"$loaded")"
  grep -q 'DesktopLauncher source: shared objects file' <<<"$loaded" \
    || fail "the desktop launcher's classes do not come from lib/app/taskstream.jsa"
  log "taskstream --help: usage only; class-data archive lib/app/taskstream.jsa in use"
else
  if grep -q 'SharedArchiveFile' "$cfg"; then fail "$cfg names a class-data archive that is not there"; fi
  log "taskstream --help: usage only; no class-data archive (the build had no Xvfb for its training run)"
fi

# --- 1. --version ----------------------------------------------------------------------------------------------
version=$("${clean_env[@]}" "$server" --version) || fail "--version exited with $?"
[[ $version == "taskstream-server "* ]] || fail "--version printed '$version'"
log "--version: $version"

# --- 2. serve --demo --port 0 ---------------------------------------------------------------------------------------
start=$(date +%s%N)
"${clean_env[@]}" "$server" serve --demo --port 0 >"$work/server.log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 600); do   # 60 s
  url=$(sed -n 's/^Taskstream server listening on \(http[^ ]*\).*/\1/p' "$work/server.log" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/server.log" >&2; fail "the server exited before listening"; }
  sleep 0.1
done
[ -n "$url" ] || { cat "$work/server.log" >&2; fail "no 'listening on' line after 60 s"; }
cold_ms=$(( ($(date +%s%N) - start) / 1000000 ))
log "listening on $url after ${cold_ms} ms (cold start, demo graph loaded)"

# The process must run the bundled JVM: its libjvm.so is the one in the app-image.
if [ -r "/proc/$pid/maps" ]; then
  jvm=$(grep -o '/[^ ]*/libjvm\.so' "/proc/$pid/maps" | head -n 1 || true)
  [[ $jvm == "$image/lib/runtime/"* ]] || fail "the server runs the JVM at '$jvm', not the bundled runtime"
  log "JVM in use: $jvm"
fi

# --- 3. rebuild over HTTP -------------------------------------------------------------------------------------------
code=$(curl -sS -o "$work/rebuild.json" -w '%{http_code}' -X POST "$url/api/v1/projects/demo/communities/rebuild")
[ "$code" = 202 ] || fail "rebuild answered $code: $(cat "$work/rebuild.json")"
task=$(sed -n 's/.*"task_id" *: *"\{0,1\}\([^",}]*\)"\{0,1\}.*/\1/p' "$work/rebuild.json")
[ -n "$task" ] || fail "no task_id in $(cat "$work/rebuild.json")"
log "rebuild: 202, task $task"

# --- 4. the stream, to completion ------------------------------------------------------------------------------------
curl -sS -N --max-time 120 "$url/api/v1/tasks/$task/stream" >"$work/stream.txt" \
  || fail "the stream did not end within 120 s (curl exit $?): $(tail -n 5 "$work/stream.txt")"
events=$(grep -c '^event:' "$work/stream.txt" || true)
last=$(grep '^event:' "$work/stream.txt" | tail -n 1 | sed 's/^event: *//')
[ "$last" = completed ] || fail "the stream ended with '$last': $(tail -n 5 "$work/stream.txt")"
log "stream: $events events, ended with 'completed'"

# --- 5. graceful stop ---------------------------------------------------------------------------------------------------
kill -TERM "$pid"
for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$pid" 2>/dev/null; then fail "the server did not stop within 10 s of SIGTERM"; fi
wait "$pid" 2>/dev/null || true
pid=""
log "OK: $image (cold start ${cold_ms} ms)"
