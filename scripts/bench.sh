#!/usr/bin/env bash
# `make bench`: measures the engine against the real Temporal dev server and writes
# docs/benchmarks.md (see that page for what each suite measures).
#
#   SUITES=recovery,latency   the suites to run (default: all, about 20 minutes on 2 cores):
#                             recovery steps latency storm priority compiler overhead scale tuning
#   BENCH_OPTS="-Dbench.recovery.n=50"   knobs of the suites (listed in docs/benchmarks.md)
#   BENCH_DOC=path            where to write the results (default docs/benchmarks.md; "" for none)
#   BENCH_WORKER_JAVA_OPTS    JVM options of the worker process
#   BENCH_PORTS=44000-44999   the bench's own listeners in this range (default: any free port)
#   BENCH_SKIP_BUILD=1        use the jars as they are
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "bench: building the jars (./mvnw package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
for jar in worker/target/runbook-worker-dev.jar cli/target/runbook-cli.jar bench/target/runbook-bench.jar; do
  if [ ! -f "$jar" ]; then
    echo "bench: $jar is missing; run without BENCH_SKIP_BUILD" >&2
    exit 1
  fi
done

temporal_bin="$root/.tools/bin/temporal"
if [ ! -x "$temporal_bin" ]; then
  if command -v temporal >/dev/null 2>&1; then
    temporal_bin="$(command -v temporal)"
  else
    "$root/scripts/tools.sh" >&2
  fi
fi
if [ ! -x "$temporal_bin" ]; then
  echo "bench: no Temporal CLI (make tools); the benchmarks need the real dev server" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/runbook-bench.XXXXXX")"
keep="${BENCH_KEEP:-0}"
cleanup() {
  if [ "$keep" = 1 ]; then
    echo "bench: kept $work (logs of the dev server and the worker)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

# shellcheck disable=SC2086 # BENCH_OPTS is a list of -D options
java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn ${BENCH_OPTS:-} -Xmx2g -cp "$root/bench/target/runbook-bench.jar:$root/bench/target/lib/*" \
  dev.runbooks.bench.BenchMain \
  --root="$root" \
  --temporal="$temporal_bin" \
  --worker-jar="$root/worker/target/runbook-worker-dev.jar" \
  --work-dir="$work" \
  --doc="${BENCH_DOC-$root/docs/benchmarks.md}" \
  --suites="${SUITES:-}" \
  --ports="${BENCH_PORTS:-}" \
  --worker-java-opts="${BENCH_WORKER_JAVA_OPTS:-}"
