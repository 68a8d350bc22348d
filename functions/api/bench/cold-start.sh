#!/usr/bin/env bash
# Cold start of the deployable zip, a fresh JVM per run: POST /customers against moto, GET /catalog and a
# hello-world handler, side by side (see ColdStartBenchmark.java). Works from any directory.
#
# Usage: functions/api/bench/cold-start.sh [runs]          (default 10 per handler and JVM variant)
# Environment:
#   JAVA_HOME    a JDK 25 or later; when unset or older, /usr/lib/jvm/temurin-25-jdk-amd64 (see .mvn/java25.sh)
#   BUILD        auto (default: build when a POM or source is newer than the zip), always, never
#   VARIANTS     comma-separated, of lambda, tiered, lambda-1cpu (default lambda,tiered)
#   MOTO_SERVER  moto's server executable, when moto_server is not on the PATH
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
api="$repo/functions/api"
zip="$api/target/customers-api.zip"
bench_class="$api/target/test-classes/partnerhub/bench/ColdStartBenchmark.class"

# Java 25, chosen as ./mvnw chooses it (exports JAVA_HOME, or stops with one line).
. "$repo/.mvn/java25.sh"

stale() {
  [[ ! -f "$zip" || ! -f "$bench_class" ]] && return 0
  [[ -n "$(find "$repo/pom.xml" "$repo"/functions/*/pom.xml "$repo"/functions/*/src -type f \
      \( -newer "$zip" -o -newer "$bench_class" \) -print -quit)" ]]
}
case "${BUILD:-auto}" in
  always) build=1 ;;
  never) build=0 ;;
  auto) if stale; then build=1; else build=0; fi ;;
  *) echo "BUILD must be auto, always or never" >&2; exit 2 ;;
esac
if (( build )); then
  echo "Building (./mvnw -q install -DskipTests)..." >&2
  (cd "$repo" && ./mvnw -q install -DskipTests)
fi

# A snapshot of the build's outputs, so that a build running meanwhile cannot pull classes from under the benchmark.
snapshot="$(mktemp -d)"
trap 'rm -rf "$snapshot"' EXIT
cp -r "$api/target/classes" "$api/target/test-classes" "$zip" "$snapshot/"

# The api module's test classpath: the benchmark starts moto and provisions the stack with the tests' support code.
(cd "$repo" && ./mvnw -q -pl functions/api dependency:build-classpath \
  -Dmdep.outputFile="$snapshot/classpath.txt" -Dmdep.includeScope=test)

"$JAVA_HOME/bin/java" \
  -cp "$snapshot/test-classes:$snapshot/classes:$(cat "$snapshot/classpath.txt")" \
  -DtemplatePath="$repo/template.yaml" -DeventsDir="$repo/events" \
  ${VARIANTS:+"-Dvariants=$VARIANTS"} \
  partnerhub.bench.ColdStartBenchmark "$snapshot/$(basename "$zip")" "${1:-10}"
