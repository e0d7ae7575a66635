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
log "app-image: $image ($(du -sh "$image" | cut -f1))"

# --- 5. jpackage: Debian package ------------------------------------------------------------------------
# Built from the same inputs, not with --app-image: jpackage 25 then drops the icon (Duke instead) and the
# second launcher's linux-shortcut=false. src/deb/taskstream.desktop is the menu entry (Name=Taskstream).
if [[ " $TS_TYPES " == *" deb "* ]]; then
  missing=()
  command -v dpkg-deb >/dev/null 2>&1 || missing+=(dpkg-deb)
  command -v fakeroot >/dev/null 2>&1 || missing+=(fakeroot)
  if [ "$(uname -s)" != Linux ]; then
    log "SKIPPED the .deb: this is $(uname -s), not Linux (see README 'Packaging' for .msi/.dmg)"
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
    log "deb: $deb ($(du -h "$deb" | cut -f1))"
  fi
else
  log "SKIPPED the .deb: installer.types='$TS_TYPES'"
fi
