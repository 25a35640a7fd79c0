#!/usr/bin/env bash
# The throughput benchmark of `make bench` (its overhead suite) on the production topology, beside
# the dev server: scripts/prod-test.sh calls this at its end with the topology's addresses. One
# invocation runs the suite twice, one run after the other on this machine:
#   1. against a Temporal dev server the bench starts itself (as `make bench` does), and
#   2. against PROD_TEMPORAL_ADDRESS (no server started): the bench's own OverheadWorker and its
#      own runbook worker (the production jar, DATABASE_URL=$PROD_DATABASE_URL, inbox dispatcher
#      off) in a namespace of its own, so the topology's workers and alerts are left alone;
# then prints the comparison, writes the "Production topology" section of docs/benchmarks.md and
# prints a line for docs/reliability.md.
#
#   PROD_TEMPORAL_ADDRESS   the topology's Temporal frontend, host:port (required)
#   PROD_DATABASE_URL       postgres://user:password@host:port/db of the topology (required; never
#                           printed; the bench's runbook worker uses it as DATABASE_URL)
#   PROD_NAMESPACE          the topology's namespace (only reported: the bench runs in its own)
#   PROD_BENCH_NAMESPACE    the bench's namespace on the topology (default runbook-bench)
#   PROD_BENCH_OPTS         suite knobs (default: 2 rounds of 3 sequential runs and a batch of 20)
#   PROD_BENCH_WORKER_JAR=1 also measure the runbook worker process as a third kind (slower)
#   PROD_BENCH_WORKER_JAVA_OPTS  JVM options of the runbook worker the bench starts (default: the
#                           ones scripts/prod-test.sh starts its workers with; it starts faster)
#   PROD_BENCH_LABEL        how docs/benchmarks.md names the topology
#   PROD_BENCH_DOC          the page to write (default docs/benchmarks.md; "" for none)
#   PROD_BENCH_PORTS        the bench's own ports, FIRST-LAST (default 33000-33049)
#   PROD_BENCH_SKIP_BUILD=1 use the jars as they are (else the bench jar is built when missing)
#   PROD_BENCH_KEEP=1       keep the work directory (logs, figure files)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
started=$SECONDS

say() { echo "prod-bench: $*"; }
fail() {
  echo "prod-bench: $*" >&2
  exit 1
}

[ -n "${PROD_TEMPORAL_ADDRESS:-}" ] ||
  fail "PROD_TEMPORAL_ADDRESS is not set (host:port of the topology's Temporal frontend; scripts/prod-test.sh sets it)"
[ -n "${PROD_DATABASE_URL:-}" ] ||
  fail "PROD_DATABASE_URL is not set (postgres://user:password@host:port/db of the topology; the production jar needs a database)"
namespace="${PROD_BENCH_NAMESPACE:-runbook-bench}"
opts="${PROD_BENCH_OPTS:--Dbench.overhead.rounds=2 -Dbench.overhead.sequential=3 -Dbench.overhead.batch=20}"
if [ "${PROD_BENCH_WORKER_JAR:-0}" = 1 ]; then
  opts="$opts -Dbench.overhead.workerJar=true"
fi
worker_java_opts="${PROD_BENCH_WORKER_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx768m}"
ports="${PROD_BENCH_PORTS:-33000-33049}"
if ! [[ "$ports" =~ ^([0-9]+)-([0-9]+)$ ]] || [ $((BASH_REMATCH[2] - BASH_REMATCH[1])) -lt 9 ]; then
  fail "PROD_BENCH_PORTS must be FIRST-LAST with at least 10 ports, got '$ports'"
fi
# The two runs get the two halves of the range: the second does not wait for the first's ports.
first="${BASH_REMATCH[1]}"
last="${BASH_REMATCH[2]}"
middle=$(((first + last) / 2))
dev_ports="$first-$middle"
prod_ports="$((middle + 1))-$last"

prod_jar="$root/worker/target/runbook-worker.jar"
dev_jar="$root/worker/target/runbook-worker-dev.jar"
bench_jar="$root/bench/target/runbook-bench.jar"
if [ "${PROD_BENCH_SKIP_BUILD:-0}" != 1 ] && { [ ! -f "$bench_jar" ] || [ ! -f "$prod_jar" ]; }; then
  say "building the bench and worker jars (./mvnw package -DskipTests)"
  ./mvnw -B -q -pl worker,bench -am package -DskipTests
fi
for jar in "$prod_jar" "$bench_jar"; do
  [ -f "$jar" ] || fail "$jar is missing; run without PROD_BENCH_SKIP_BUILD=1"
done
# The dev server run uses the dev jar with the dev switch where there is one (the production jar
# has no embedded PostgreSQL); before the dev jar existed the production jar carried it.
[ -f "$dev_jar" ] || dev_jar="$prod_jar"

temporal_bin="$root/.tools/bin/temporal"
if [ ! -x "$temporal_bin" ]; then
  temporal_bin="$(command -v temporal || true)"
fi
if [ -z "$temporal_bin" ] || [ ! -x "$temporal_bin" ]; then
  fail "no Temporal CLI (make tools): the dev server run needs it"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/runbook-prod-bench.XXXXXX")"
cleanup() {
  if [ "${PROD_BENCH_KEEP:-0}" = 1 ]; then
    say "kept $work (logs and figure files)"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
mkdir -p "$work/dev" "$work/prod"

bench() { # bench <work dir> <env arguments...> -- <extra BenchMain arguments...>
  local dir="$1" settings=()
  shift
  while [ "$1" != -- ]; do
    settings+=("$1")
    shift
  done
  shift
  # shellcheck disable=SC2086 # opts is a list of -D options
  env "${settings[@]}" java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn $opts -Xmx1g \
    -cp "$bench_jar:$root/bench/target/lib/*" dev.runbooks.bench.BenchMain \
    --root="$root" --temporal="$temporal_bin" --work-dir="$dir" --doc= --suites=overhead \
    --figures="$dir/figures" --worker-java-opts="$worker_java_opts" "$@"
}

say "1/2 the overhead suite on a dev server of its own (ports $dev_ports)"
bench "$work/dev" -u DATABASE_URL -u BENCH_DATABASE_URL RUNBOOK_DEV_ENABLED=true -- \
  --worker-jar="$dev_jar" --ports="$dev_ports"

say "2/2 the overhead suite on $PROD_TEMPORAL_ADDRESS, namespace $namespace" \
  "(the topology's is ${PROD_NAMESPACE:-default}; ports $prod_ports)"
(
  # exported, not on a command line: ps shows no password
  export BENCH_DATABASE_URL="$PROD_DATABASE_URL"
  bench "$work/prod" -u RUNBOOK_DEV_ENABLED -u DATABASE_URL -- \
    --worker-jar="$prod_jar" --ports="$prod_ports" \
    --temporal-address="$PROD_TEMPORAL_ADDRESS" --namespace="$namespace"
)

label="${PROD_BENCH_LABEL:-Temporal server at $PROD_TEMPORAL_ADDRESS on PostgreSQL (scripts/prod-test.sh: two starters and two workers of the production jar; the bench workers beside them)}"
java -cp "$bench_jar:$root/bench/target/lib/*" dev.runbooks.bench.ProdComparison \
  --dev="$work/dev/figures" --prod="$work/prod/figures" \
  --doc="${PROD_BENCH_DOC-$root/docs/benchmarks.md}" --prod-label="$label"
say "done in $((SECONDS - started)) s"
