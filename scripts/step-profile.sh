#!/usr/bin/env bash
# Where one step's time goes (docs/performance.md): a Temporal dev server with the given extra
# arguments, a local HTTP endpoint, the worker jar, and runs of bench-ten-probes (ten sequential
# HTTP GET probe steps) started with the Temporal CLI. Prints, from each run's history, the time
# between consecutive events summed by kind of transition (activity dispatch, activity execution,
# workflow task dispatch, workflow task processing...), per run and per step, medians over the
# measured runs.
#
#   scripts/step-profile.sh                       # the dev server's own defaults
#   scripts/step-profile.sh --dev-config          # DEV_SERVER_DYNAMIC_CONFIG (scripts/lib/dev-server.sh)
#   scripts/step-profile.sh --dynamic-config-value history.transferProcessorMaxPollRPS=1000
#
# STEP_PROFILE_RUNS (10) measured runs after STEP_PROFILE_WARMUP (5); STEP_PROFILE_JFR=1 records
# the worker with Java Flight Recorder during the measured runs and prints where its CPU samples fall;
# STEP_PROFILE_DIR keeps the histories (default: a temporary directory, removed).
# Ports 40233 (frontend), 40234-40236, 40080 (worker API), 40090 (probe endpoint).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/dev-server.sh
. "$root/scripts/lib/dev-server.sh"
temporal_bin="$root/.tools/bin/temporal"
jar="$root/worker/target/runbook-worker-dev.jar"
runs="${STEP_PROFILE_RUNS:-10}"
warmup="${STEP_PROFILE_WARMUP:-5}"
port=40233
api_port=40080
probe_port=40090
[ -x "$temporal_bin" ] || { echo "step-profile: no $temporal_bin (make tools)" >&2; exit 1; }
[ -f "$jar" ] || { echo "step-profile: no $jar (./mvnw -pl worker -am package -DskipTests)" >&2; exit 1; }

server_args=()
for arg in "$@"; do
  if [ "$arg" = --dev-config ]; then
    server_args+=("${DEV_SERVER_DYNAMIC_CONFIG[@]}")
  else
    server_args+=("$arg")
  fi
done

keep="${STEP_PROFILE_DIR:-}"
work="${keep:-$(mktemp -d)}"
mkdir -p "$work/catalog" "$work/probe/ok"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
await() { # seconds, command...
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

cp "$root/bench/src/main/resources/runbooks/bench-ten-probes.yaml" "$work/catalog/"
for i in $(seq 1 10); do echo ok >"$work/probe/ok/$i"; done
python3 -m http.server "$probe_port" --bind 127.0.0.1 --directory "$work/probe" \
  >"$work/probe.log" 2>&1 &
pids+=("$!")

echo "step-profile: dev server ${server_args[*]:-(its defaults)}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$temporal_bin" server start-dev --headless --ip 127.0.0.1 --port "$port" --http-port 40234 \
  --metrics-port 40235 --db-filename "$work/temporal.db" --sqlite-pragma journal_mode=wal \
  --sqlite-pragma synchronous=normal --log-level warn "${server_args[@]}" \
  >"$work/temporal.log" 2>&1 &
pids+=("$!")
tctl() { "$temporal_bin" "$@" --address "127.0.0.1:$port"; }
await 60 tctl operator namespace describe --namespace default ||
  { tail -20 "$work/temporal.log" >&2; exit 1; }

RUNBOOK_DEV_ENABLED=true java -XX:+UseSerialGC -jar "$jar" \
  --server.port="$api_port" --runbook.catalog.dir="$work/catalog" \
  --runbook.temporal.target="127.0.0.1:$port" --runbook.data-dir="$work/worker-data" \
  --runbook.intake.allow-unauthenticated=true --runbook.schedules.enabled=false \
  >"$work/worker.log" 2>&1 &
worker_pid=$!
pids+=("$worker_pid")
await 240 curl -fsS "http://127.0.0.1:$api_port/actuator/health/liveness" ||
  { tail -40 "$work/worker.log" >&2; exit 1; }

run() { # workflow id
  tctl workflow execute --type bench-ten-probes --task-queue runbooks --workflow-id "$1" \
    --input "{\"base_url\": \"http://127.0.0.1:$probe_port\"}" >/dev/null
}
for i in $(seq 1 "$warmup"); do run "warmup-$i"; done
[ "${STEP_PROFILE_JFR:-0}" = 1 ] && jcmd "$worker_pid" JFR.start name=steps settings=profile >/dev/null
echo "step-profile: $runs measured runs after $warmup warm-up runs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  run "run-$i"
  tctl workflow show --workflow-id "run-$i" --output json >"$work/run-$i.json"
done
python3 "$root/scripts/step-profile.py" "$work"/run-*.json
if [ "${STEP_PROFILE_JFR:-0}" = 1 ]; then
  jcmd "$worker_pid" JFR.stop name=steps filename="$work/steps.jfr" >/dev/null
  jfr print --json --events jdk.ExecutionSample,jdk.CPULoad "$work/steps.jfr" >"$work/samples.json"
  python3 "$root/scripts/step-profile.py" --jfr "$work/samples.json"
fi
