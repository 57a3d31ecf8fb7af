# Sourced by the scripts in scripts/: builds the SchemaBench jar when it is missing or older than any source,
# then runs it from the repository root. No other logic belongs here.
set -euo pipefail
SCHEMABENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCHEMABENCH_JAR="$SCHEMABENCH_ROOT/harness/target/schemabench.jar"
# The suite starts the JMH (and Gatling) scenarios from this jar in a child JVM.
SCHEMABENCH_SCENARIOS_JAR="$SCHEMABENCH_ROOT/scenarios/target/schemabench-scenarios.jar"

schemabench_build_if_stale() {
  local stale="" jar
  for jar in "$SCHEMABENCH_JAR" "$SCHEMABENCH_SCENARIOS_JAR"; do
    if [ ! -f "$jar" ]; then
      stale="missing"
    elif [ -n "$(find "$SCHEMABENCH_ROOT/pom.xml" "$SCHEMABENCH_ROOT/harness/pom.xml" "$SCHEMABENCH_ROOT/harness/src/main" \
        "$SCHEMABENCH_ROOT/scenarios/pom.xml" "$SCHEMABENCH_ROOT/scenarios/src/main" \
        -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      stale="stale"
    fi
    [ -z "$stale" ] || break
  done
  if [ -n "$stale" ]; then
    echo "Building SchemaBench (jar $stale; the first build downloads dependencies from Maven Central)..." >&2
    (cd "$SCHEMABENCH_ROOT" && mvn -q -B -DskipTests package) >&2
  fi
}

schemabench_run() {
  schemabench_build_if_stale
  local java="java"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
  exec "$java" ${SCHEMABENCH_JAVA_OPTS:-} -Dschemabench.home="$SCHEMABENCH_ROOT" -jar "$SCHEMABENCH_JAR" "$@"
}
