#!/bin/sh
# Cruddur Console: opens the window with no arguments, runs the CLI with a command.
# Made by src/dist/DistBuilder.java from src/dist/launcher.sh and jlink.config. Extra JVM options: CRUDDUR_CONSOLE_JAVA_OPTS.
self="$0"
while [ -h "$self" ]; do
  link=$(readlink "$self")
  case "$link" in /*) self="$link" ;; *) self="$(dirname "$self")/$link" ;; esac
done
APP_HOME=$(cd "$(dirname "$self")/.." && pwd -P)
CP="@CLASS_PATH@"
# The AOT cache the build trained (README: "Self-contained app image"); the JVM checks it matches this runtime and
# class path, and starts without it if not.
AOT=
[ -f "$APP_HOME/lib/@NAME@.aot" ] && AOT="-XX:AOTCache=$APP_HOME/lib/@NAME@.aot"
# No graphics device (no /dev/dri node, no NVIDIA driver): the app renders in software (RenderingDefaults), so GTK
# need not load OpenGL (Mesa and its LLVM rasterizer) when it opens the display. No session bus: no screen reader
# can reach the app, and GTK's accessibility bridge would only try to start a private bus. Values the user set win.
gpu=
for dev in /dev/dri/card* /dev/dri/renderD* /dev/nvidiactl; do [ -e "$dev" ] && gpu=1; done
[ -n "$gpu" ] || [ -n "${GDK_GL+set}" ] || export GDK_GL=disable
if [ -z "$DBUS_SESSION_BUS_ADDRESS" ] && [ ! -S "${XDG_RUNTIME_DIR:-/nonexistent}/bus" ]; then
  [ -n "${NO_AT_BRIDGE+set}" ] || export NO_AT_BRIDGE=1
fi
# At most two cores: jlink.config's jvm-options-two-cores.
TWO_CORES=
[ "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 4)" -le 2 ] 2>/dev/null && TWO_CORES="@TWO_CORES@"
# The JVM's own warnings go to stderr, so they never mix with what a command prints for scripts. Not the AOT cache's:
# one that does not fit (the image's jars copied with new times, say) is skipped and the app only starts slower, which
# is no reason to print three lines of errors before every command; the build's smoke test proves the cache fits.
exec "$APP_HOME/bin/java" @JVM_OPTIONS@ $TWO_CORES $AOT -Xlog:disable -Xlog:all=warning:stderr -Xlog:aot=off:stderr \
  $CRUDDUR_CONSOLE_JAVA_OPTS -cp "$CP" @MAIN_CLASS@ "$@"
