# Sourced by the scripts in scripts/: finds Maven (mvn, else the wrapper ./mvnw), builds the SchemaBench jars when
# they are missing or older than any source or the last commit, then runs the CLI from the repository root.
# Several scripts started together build once: the build runs under a lock (flock) and each script checks again
# for staleness after taking it. No other logic belongs here.
set -euo pipefail
SCHEMABENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCHEMABENCH_JAR="$SCHEMABENCH_ROOT/harness/target/schemabench.jar"
# The suite starts the JMH (and Gatling) scenarios from this jar in a child JVM.
SCHEMABENCH_SCENARIOS_JAR="$SCHEMABENCH_ROOT/scenarios/target/schemabench-scenarios.jar"
SCHEMABENCH_BUILD_LOCK="$SCHEMABENCH_ROOT/.build.lock"

# Maven: mvn on PATH, else the wrapper, which fetches Maven from Maven Central into ~/.m2/wrapper once.
schemabench_maven() {
  if command -v mvn >/dev/null 2>&1; then
    echo mvn
  else
    echo "$SCHEMABENCH_ROOT/mvnw"
  fi
}

# Prints why the jars must be built ("missing", "stale"), or nothing when they are current.
schemabench_stale_reason() {
  local jar commit_time
  # The version stamp names the commit, so a jar built before the last commit is stale too.
  commit_time="$(git -C "$SCHEMABENCH_ROOT" log -1 --format=%ct 2>/dev/null || true)"
  for jar in "$SCHEMABENCH_JAR" "$SCHEMABENCH_SCENARIOS_JAR"; do
    if [ ! -f "$jar" ]; then
      echo missing
      return
    fi
    if [ -n "$(find "$SCHEMABENCH_ROOT/pom.xml" "$SCHEMABENCH_ROOT/harness/pom.xml" "$SCHEMABENCH_ROOT/harness/src/main" \
        "$SCHEMABENCH_ROOT/scenarios/pom.xml" "$SCHEMABENCH_ROOT/scenarios/src/main" \
        -newer "$jar" -type f -print -quit 2>/dev/null)" ]; then
      echo stale
      return
    fi
    if [ -n "$commit_time" ] && [ "$commit_time" -gt "$(stat -c %Y "$jar")" ]; then
      echo stale
      return
    fi
  done
}

schemabench_build_if_stale() {
  [ -n "$(schemabench_stale_reason)" ] || return 0
  local maven reason
  maven="$(schemabench_maven)"
  if command -v flock >/dev/null 2>&1; then
    exec 9>"$SCHEMABENCH_BUILD_LOCK"
    if ! flock -n 9; then
      echo "Waiting for another SchemaBench build to finish..." >&2
      flock 9
    fi
  fi
  # Checked again under the lock: a script that waited finds the jars another one just built.
  reason="$(schemabench_stale_reason)"
  if [ -n "$reason" ]; then
    echo "Building SchemaBench (jar $reason; the first build downloads dependencies from Maven Central)..." >&2
    (cd "$SCHEMABENCH_ROOT" && "$maven" -q -B -DskipTests package) >&2
  fi
  if command -v flock >/dev/null 2>&1; then
    flock -u 9
    exec 9>&-
  fi
}

schemabench_run() {
  schemabench_build_if_stale
  local java="java"
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; fi
  exec "$java" ${SCHEMABENCH_JAVA_OPTS:-} -Dschemabench.home="$SCHEMABENCH_ROOT" -jar "$SCHEMABENCH_JAR" "$@"
}
