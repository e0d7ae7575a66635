#!/usr/bin/env bash
# Builds the Taskstream app-image (and the .deb where possible) from the jars that Maven gathered.
# Called by installer/pom.xml in the package phase (profile -Pinstaller):
#     ./mvnw -B -Pinstaller -DskipTests package
# Inputs (environment, set by the pom):
#   TS_TARGET        installer/target; holds input/ (the app's class path) and javafx/ (JavaFX jars, linux)
#   TS_MAIN_JAR      the jar of the desktop launcher's main class (DesktopLauncher); copied into input/
#   TS_NAME, TS_VERSION, TS_DESCRIPTION, TS_VENDOR, TS_MAINTAINER   package metadata (from the POMs)
#   TS_TYPES         "app-image deb" or "app-image"
#   TS_REQUIRE_DEB   "true": fail instead of skipping the .deb when dpkg-deb/fakeroot are missing
# Outputs in $TS_TARGET:
#   runtime/                      the jlink-trimmed Java runtime (JDK of the build, JavaFX linked in as modules)
#   runtime-modules.txt           the modules it contains (jdeps + the fixed extras below)
#   jpackage/taskstream/          the app-image: bin/taskstream, bin/taskstream-server, lib/app, lib/runtime
#                                 (+ lib/app/taskstream.jsa, the desktop launcher's class-data archive, when Xvfb is there)
#   jpackage/taskstream_*.deb     the Debian package (installs to /opt/taskstream)
set -euo pipefail

: "${JAVA_HOME:?JAVA_HOME must point to a JDK 21+ with jlink and jpackage}"
: "${TS_TARGET:?}" "${TS_MAIN_JAR:?}" "${TS_VERSION:?}"
TS_NAME=${TS_NAME:-Taskstream}
TS_VENDOR=${TS_VENDOR:-Taskstream}
TS_DESCRIPTION=${TS_DESCRIPTION:-Taskstream}
TS_MAINTAINER=${TS_MAINTAINER:-taskstream@example.com}
TS_TYPES=${TS_TYPES:-app-image deb}
TS_REQUIRE_DEB=${TS_REQUIRE_DEB:-false}

here=$(cd "$(dirname "$0")" && pwd)
bin=$JAVA_HOME/bin
input=$TS_TARGET/input
log() { printf '[installer] %s\n' "$*"; }

for tool in jlink jpackage jdeps jmod jar; do
  [ -x "$bin/$tool" ] || { log "missing $bin/$tool: JAVA_HOME must be a full JDK"; exit 1; }
done
[ -f "$TS_MAIN_JAR" ] || { log "missing $TS_MAIN_JAR (run from the root with -Pinstaller)"; exit 1; }
cp "$TS_MAIN_JAR" "$input/"
TS_MAIN_JAR=$(basename "$TS_MAIN_JAR")
runtime_major=$("$bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1)
log "JDK $runtime_major at $JAVA_HOME"

# --- 1. JavaFX jars -> jmods -------------------------------------------------------------------
# Maven Central has JavaFX only as jars (classes + native libraries at the jar root). jlink accepts jmods, so
# each jar becomes a jmod with its .so files as native libraries (they end up in runtime/lib, where JavaFX loads
# them with System.loadLibrary; no extraction to ~/.openjfx at run time, no "unnamed module" warning).
jmods=$TS_TARGET/jmods
rm -rf "$jmods" "$TS_TARGET/jmods-work"
mkdir -p "$jmods"
javafx_modules=()
for jarfile in "$TS_TARGET"/javafx/*.jar; do
  module=$("$bin/jar" --describe-module --file "$jarfile" | head -n 1 | sed 's/[@ ].*//')
  work=$TS_TARGET/jmods-work/$module
  mkdir -p "$work/classes" "$work/lib"
  (cd "$work/classes" && "$bin/jar" xf "$jarfile")
  find "$work/classes" -maxdepth 1 \( -name '*.so' -o -name '*.dylib' -o -name '*.dll' \) -exec mv {} "$work/lib/" \;
  # the SWT bridge (javafx-swt.jar inside javafx-graphics) and the jar manifest are not needed
  rm -rf "$work/classes/javafx-swt.jar" "$work/classes/META-INF/MANIFEST.MF"
  libs=()
  if [ -n "$(ls -A "$work/lib")" ]; then libs=(--libs "$work/lib"); fi
  "$bin/jmod" create --class-path "$work/classes" "${libs[@]}" \
    --module-version "$(basename "$jarfile" .jar | sed 's/^javafx-[a-z]*-//; s/-[a-z0-9]*$//')" \
    "$jmods/$module.jmod"
  javafx_modules+=("$module")
done
rm -rf "$TS_TARGET/jmods-work"
log "JavaFX jmods: ${javafx_modules[*]}"

# --- 2. modules of the runtime -------------------------------------------------------------------
# jdeps over the whole class path, plus modules that are only reached by reflection or service loading:
#   jdk.unsupported  sun.misc.Unsafe (JavaFX, H2, Jetty, Kotlin stdlib look it up reflectively)
#   jdk.zipfs        the zip file system provider (class-path scanning of migration scripts in jars)
#   jdk.crypto.ec    elliptic-curve TLS to Postgres (an empty shim on JDK 22+, kept for a JDK 21 build)
#   jdk.localedata   non-English date/number formats in the desktop app
extra_modules=(jdk.unsupported jdk.zipfs jdk.crypto.ec jdk.localedata)
log "jdeps: finding the modules the class path needs (takes ~15 s)"
deps=$("$bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 21 \
  --module-path "$jmods" "$input"/*.jar 2>"$TS_TARGET/jdeps.log" | tail -n 1) \
  || { log "jdeps failed: $(grep -v '^Warning' "$TS_TARGET/jdeps.log" | tail -n 3)"; exit 1; }
[[ $deps == java.base* ]] || { log "jdeps did not print a module list: '$deps'"; exit 1; }
modules=$(printf '%s\n' ${deps//,/ } "${javafx_modules[@]}" "${extra_modules[@]}" | sort -u | paste -sd, -)
printf '%s\n' ${modules//,/ } > "$TS_TARGET/runtime-modules.txt"
log "runtime modules: $modules"

# --- 3. jlink ----------------------------------------------------------------------------------------
runtime=$TS_TARGET/runtime
rm -rf "$runtime"
"$bin/jlink" --module-path "$jmods" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress zip-6 \
  --include-locales en,de,fr,es,it,ja,zh \
  --generate-cds-archive \
  --output "$runtime"
# jlink writes two CDS archives; classes_nocoops.jsa is only used with heaps over 32 GB (or -XX:-UseCompressedOops):
# 14 MB that a desktop app and this server never use (without it such a JVM just starts without CDS).
rm -f "$runtime/lib/server/classes_nocoops.jsa"
log "runtime: $(du -sh "$runtime" | cut -f1)"

# --- 4. jpackage: app-image with two launchers ------------------------------------------------------
# JDK 24+ warns about native access and sun.misc.Unsafe unless told; older runtimes reject these options.
# The server launcher gets no other JVM options than the jar would: tune with JAVA_TOOL_OPTIONS.
desktop_opts=""
server_opts=""
if [ "$runtime_major" -ge 24 ]; then
  desktop_opts="--enable-native-access=javafx.graphics --sun-misc-unsafe-memory-access=allow"
  server_opts="--sun-misc-unsafe-memory-access=allow"
fi

# --- class-data archive of the desktop launcher (issue 14: start-up) -------------------------------------------
# A training run of the desktop app (demo mode, under a private Xvfb, until 2 s after the main view is shown) lists
# the classes it loads (-XX:DumpLoadedClassList); the runtime's java then dumps them, with the launcher's class path
# and options, into a static AppCDS archive (-Xshare:dump, JDK 10+: the same on a JDK 21 and a JDK 25 runtime; see
# docs/decisions.md), and the launcher's cfg maps it with -XX:SharedArchiveFile: about 2 s less to the first frame
# (README "Install"). Not a dynamic archive on top of the runtime's default one: that one is dumped without the
# launcher's --enable-native-access, which the JVM reports as an error at every start once an archive is named.
# The JVM checks each jar's size and mtime against the archive and prints errors for a mismatch, so the archive is
# made for the very files that ship: the app-image's, and the .deb's files get their mtimes (section 5). Nothing is
# written at run time (/opt is read-only). Without Xvfb the archive is skipped with a message and the cfg does not
# name it, so the app starts as before, silently.
archive_name=taskstream.jsa

# Names IMAGE's lib/app/taskstream.jsa in its launcher's cfg if the JVM uses it, and without a word: the launcher's
# own class must come from it, and a plain start must print nothing about CDS. Otherwise removes the archive.
use_archive() {
  local image=$1 cfg=$1/lib/app/taskstream.cfg last out
  last=$(grep -n '^java-options=' "$cfg" | tail -n 1 | cut -d: -f1)
  sed -i "${last}a java-options=-XX:SharedArchiveFile=\$APPDIR/$archive_name" "$cfg"
  if out=$(env -i HOME=/nonexistent PATH=/usr/bin:/bin "$image/bin/taskstream" --help 2>&1) \
      && ! grep -q '\[cds' <<<"$out" \
      && env -i HOME=/nonexistent PATH=/usr/bin:/bin JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$image/bin/taskstream" \
        --help 2>&1 | grep -q 'DesktopLauncher source: shared objects file'; then
    return 0
  fi
  sed -i '/-XX:SharedArchiveFile=/d' "$cfg"
  rm -f "$image/lib/app/$archive_name"
  log "SKIPPED the class-data archive of $image: the JVM does not use it: $(grep -m 3 '\[cds' <<<"$out")"
  return 1
}

train_archive() {
  local image=$1 cfg=$1/lib/app/taskstream.cfg work display_file display xvfb rc=0 cp
  local archive=$image/lib/app/$archive_name
  local -a opts
  if ! command -v Xvfb >/dev/null 2>&1; then
    log "SKIPPED the class-data archive of $image: no Xvfb for the training run (apt-get install -y xvfb); the desktop app starts without it, more slowly"
    return 0
  fi
  work=$(mktemp -d)
  display_file=$work/display
  Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" >/dev/null 2>&1 &
  xvfb=$!
  for _ in $(seq 1 100); do [ -s "$display_file" ] && break; sleep 0.1; done
  display=$(cat "$display_file" 2>/dev/null || true)
  if [ -z "$display" ]; then
    kill "$xvfb" 2>/dev/null || true
    rm -rf "$work"
    log "SKIPPED the class-data archive of $image: Xvfb did not start"
    return 0
  fi
  log "class-data archive: training run of $image/bin/taskstream (demo mode, Xvfb :$display)"
  env -i HOME="$work" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config" PATH=/usr/bin:/bin LANG=C.UTF-8 \
    TMPDIR="$work" DISPLAY=":$display" TASKSTREAM_SCREENSHOT="$work/training.png" TASKSTREAM_SCREENSHOT_DELAY=2 \
    TASKSTREAM_SCREENSHOT_EXIT=true JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$work/classes.lst" \
    timeout 300 "$image/bin/taskstream" >"$work/training.log" 2>&1 || rc=$?
  kill "$xvfb" 2>/dev/null || true
  wait "$xvfb" 2>/dev/null || true
  if [ "$rc" = 0 ] && [ -s "$work/classes.lst" ]; then
    # the launcher's command line, from its cfg: the same class path and options as at run time
    cp=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s#\\\$APPDIR#$image/lib/app#g" | paste -sd: -)
    mapfile -t opts < <(sed -n 's/^java-options=//p' "$cfg" | sed "s#\\\$APPDIR#$image/lib/app#g")
    "$image/lib/runtime/bin/java" "${opts[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes.lst" \
      -XX:SharedArchiveFile="$archive" -cp "$cp" >"$work/dump.log" 2>&1 || rc=$?
  fi
  if [ "$rc" != 0 ] || [ ! -s "$archive" ]; then
    rm -f "$archive"
    log "SKIPPED the class-data archive of $image: training or dump failed (exit $rc): $(tail -n 3 "$work/training.log" "$work/dump.log" 2>/dev/null)"
    rm -rf "$work"
    return 0
  fi
  use_archive "$image" && log "class-data archive: $archive ($(wc -l <"$work/classes.lst") entries in the class list, $(du -h "$archive" | cut -f1))"
  rm -rf "$work"
}

out=$TS_TARGET/jpackage
rm -rf "$out"
mkdir -p "$out"
server_props=$TS_TARGET/taskstream-server.properties
cat > "$server_props" <<EOF
# Second launcher of the app-image (jpackage --add-launcher taskstream-server=...): the headless server,
# same command line as 'java -jar taskstream-server.jar'.
main-class=dev.taskstream.server.cli.Main
${server_opts:+java-options=$server_opts}
description=Taskstream server (headless): serve, watch, import
linux-shortcut=false
launcher-as-service=false
win-console=true
EOF

common=(
  --name taskstream
  --app-version "$TS_VERSION"
  --vendor "$TS_VENDOR"
  --description "$TS_DESCRIPTION"
  --copyright "Copyright (c) $(date +%Y) $TS_VENDOR"
  --input "$input"
  --main-jar "$TS_MAIN_JAR"
  --main-class dev.taskstream.installer.DesktopLauncher
  ${desktop_opts:+--java-options "$desktop_opts"}
  --runtime-image "$runtime"
  --icon "$here/src/icon/taskstream.png"
  --add-launcher taskstream-server="$server_props"
)
log "jpackage --type app-image"
"$bin/jpackage" --type app-image "${common[@]}" --dest "$out"
image=$out/taskstream
train_archive "$image"
log "app-image: $image ($(du -sh "$image" | cut -f1))"

# --- 5. jpackage: Debian package ------------------------------------------------------------------------
# Built from the same inputs, not with --app-image: jpackage 25 then drops the icon (Duke instead) and the
# second launcher's linux-shortcut=false. src/deb/taskstream.desktop is the menu entry (Name=Taskstream).
if [[ " $TS_TYPES " == *" deb "* ]]; then
  missing=()
  command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg-deb)
  command -v fakeroot >/dev/null 2>&1 || missing+=(fakeroot)
  if [ "$(uname -s)" != Linux ]; then
    log "SKIPPED the .deb: this is $(uname -s), not Linux (see docs/packaging.md for .msi/.dmg)"
    if [ "$TS_REQUIRE_DEB" = true ]; then log "installer.require.deb=true: failing"; exit 1; fi
  elif [ ${#missing[@]} -gt 0 ]; then
    log "SKIPPED the .deb: ${missing[*]} not found (Debian/Ubuntu: apt-get install -y fakeroot dpkg)"
    if [ "$TS_REQUIRE_DEB" = true ]; then log "installer.require.deb=true: failing"; exit 1; fi
  else
    log "jpackage --type deb"
    "$bin/jpackage" --type deb "${common[@]}" \
      --dest "$out" \
      --resource-dir "$here/src/deb" \
      --linux-package-name taskstream \
      --linux-deb-maintainer "$TS_MAINTAINER" \
      --linux-menu-group "Development;Monitor;" \
      --linux-app-category devel \
      --linux-shortcut
    deb=$(ls "$out"/taskstream_*.deb)
    # jpackage copies the files again for the .deb, with new mtimes, which the app-image's archive would not match:
    # the package is unpacked, its files get the mtimes of their app-image twins (same bytes; dpkg keeps mtimes on
    # install), the archive is added and the package packed again. The archive is relocatable: made under target/,
    # it is used in /opt/taskstream.
    if [ -f "$image/lib/app/$archive_name" ]; then
      debroot=$TS_TARGET/deb-root
      rm -rf "$debroot"
      dpkg-deb -R "$deb" "$debroot"
      debimage=$debroot/opt/taskstream
      (cd "$image" && find . -type f) | while read -r f; do
        if [ -f "$debimage/$f" ]; then touch -r "$image/$f" "$debimage/$f"; fi
      done
      cp -p "$image/lib/app/$archive_name" "$debimage/lib/app/"
      if use_archive "$debimage"; then
        installed_kb=$(du -sk --exclude=DEBIAN "$debroot" | cut -f1)
        sed -i "s/^Installed-Size: .*/Installed-Size: $installed_kb/" "$debroot/DEBIAN/control"
        dpkg-deb --root-owner-group -b "$debroot" "$deb" >/dev/null
        log "deb: class-data archive added"
      fi
      rm -rf "$debroot"
    else
      log "SKIPPED the class-data archive of the .deb: the app-image has none"
    fi
    log "deb: $deb ($(du -h "$deb" | cut -f1))"
  fi
else
  log "SKIPPED the .deb: installer.types='$TS_TYPES'"
fi
