# Sourced by ./parasol and ./test: exports JAVA_HOME pointing at a JDK >= 21.
# Order: JAVA_HOME if it is new enough, the `java` on PATH, then the newest JDK under /usr/lib/jvm.
# The major version from the JDK's release file (no JVM started: each start costs ~0.1 s), else from `java -version`.
java_major() {
  local v=""
  [ -f "$1/release" ] && v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" | head -1)"
  [ -n "$v" ] || v="$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  echo "$v"
}
jdk_ok() { [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ "$(java_major "$1")" -ge 21 ] 2>/dev/null; }
find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && jdk_ok "$JAVA_HOME"; then echo "$JAVA_HOME"; return; fi
  if command -v javac >/dev/null 2>&1; then
    local home; home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    if jdk_ok "$home"; then echo "$home"; return; fi
  fi
  local best="" best_major=0 d m
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -d "$d" ] || continue
    jdk_ok "$d" || continue
    m="$(java_major "$d")"
    if [ "$m" -gt "$best_major" ]; then best="$d"; best_major="$m"; fi
  done
  [ -n "$best" ] && echo "$best"
}
PARASOL_JDK="$(find_jdk)"
if [ -z "$PARASOL_JDK" ]; then
  echo "parasol: no JDK 21 or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm). Install one, e.g. apt-get install openjdk-21-jdk-headless." >&2
  exit 2
fi
export JAVA_HOME="$PARASOL_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
# Maven's bundled Guava uses sun.misc.Unsafe, which JDK 23+ warns about on every build.
if [ "$(java_major "$JAVA_HOME")" -ge 23 ]; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
