# shellcheck shell=sh
# Java 25 for this project's scripts: sourced by ./mvnw, ./run-local and bench/run, so that
# each runs on Java 25 (the Lambda runtime's version, and what .mvn/jvm.config and the build need) even where the
# machine's default java is older. POSIX sh (./mvnw is /bin/sh); safe under set -euf and bash's set -euo pipefail.
#
# Leaves JAVA_HOME exported, pointing at a JDK 25 or later:
#   - JAVA_HOME as given, when it is a JDK 25 or later;
#   - when JAVA_HOME is unset, the JDK of the java on the PATH, when that is 25 or later;
#   - otherwise /usr/lib/jvm/temurin-25-jdk-amd64, when it is there;
# or stops the calling script with one line saying to set JAVA_HOME to a JDK 25.

# The home of the JDK whose java command is $1 when it is Java 25 or later (java.specification.version is "25",
# or "1.8" for old JDKs, whose major "1" is below 25 all the same) and has a javac; nothing otherwise.
java25_home() {
  [ -n "$1" ] && [ -x "$1" ] || return 0
  java25_h="$({ "$1" -XshowSettings:properties -version 2>&1 || :; } | awk -F ' = ' '
    $1 ~ /^ *java\.specification\.version$/ { split($2, v, "."); major = v[1] + 0 }
    $1 ~ /^ *java\.home$/ { home = $2 }
    END { if (major >= 25 && home != "") print home }')"
  [ -z "$java25_h" ] || [ ! -x "$java25_h/bin/javac" ] || printf '%s\n' "$java25_h"
}

java25_default=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -n "${JAVA_HOME-}" ]; then
  # Kept as written (not replaced by its java.home) when it will do.
  [ -z "$(java25_home "$JAVA_HOME/bin/java")" ] || java25_found="$JAVA_HOME"
else
  java25_found="$(java25_home "$(command -v java || :)")"
fi
[ -n "${java25_found-}" ] || java25_found="$(java25_home "$java25_default/bin/java")"
if [ -z "${java25_found-}" ]; then
  printf '%s\n' "$(basename "$0") needs Java 25: set JAVA_HOME to a JDK 25 (JAVA_HOME is ${JAVA_HOME:-unset}, and there is no JDK 25 at $java25_default)." >&2
  exit 1
fi
JAVA_HOME="$java25_found"
export JAVA_HOME
unset java25_found java25_default java25_h
unset -f java25_home
