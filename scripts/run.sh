#!/usr/bin/env bash
# `make run`: the Temporal dev server (when the Temporal CLI is available) plus the runbook worker.
#
#   RUNBOOK_RUN_DETACH=1  start everything in the background, write the pids to .data/run.pids
#                         and return once the API is healthy; stop with `make stop`.
#   API_PORT (8080), TEMPORAL_PORT (7233), UI_PORT (8233), CODEC_PORT (8089: the codec server
#   the Web UI decrypts payloads through), RUNBOOKS_DIR (./runbooks-yaml),
#   RUNBOOK_DATA_DIR (./.data: Temporal database, logs, pids)
#   RUNBOOK_TESTBED=0     do not start the testbed (the imitated seed systems and the pager that
#                         the runbooks in runbooks-yaml/ operate; see docs/seeds/)
#   TESTBED_PG_PORT (55432): the testbed's PostgreSQL (Juggernaut's tables)
#
# Security is on: the first run writes $RUNBOOK_DATA_DIR/credentials.env (mode 600; kept across
# runs, deleted by `make clean`) with an admin API token, the password of the local user `admin`
# the key that seals decisions and the key that encrypts payloads in Temporal (read back by the
# Web UI through the codec server on CODEC_PORT, open without credentials under the dev switch,
# to the Web UI's origin only); the worker starts with them (scripts/credentials.sh), and
# bin/runbook reads the token from there when its API is on this machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
API_PORT="${API_PORT:-8080}"
TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
UI_PORT="${UI_PORT:-8233}"
CODEC_PORT="${CODEC_PORT:-8089}"
RUNBOOKS_DIR="${RUNBOOKS_DIR:-$root/runbooks-yaml}"
DETACH="${RUNBOOK_RUN_DETACH:-0}"
data="${RUNBOOK_DATA_DIR:-$root/.data}"
pids_file="$data/run.pids"
# The dev jar (embedded PostgreSQL and Temporal test server included), started with the dev switch
# RUNBOOK_DEV_ENABLED=true: the inbox is an embedded PostgreSQL unless DATABASE_URL names one.
jar="$root/worker/target/runbook-worker-dev.jar"
testbed_jar="$root/testbed/target/runbook-testbed-0.1.0-SNAPSHOT-exec.jar"
TESTBED="${RUNBOOK_TESTBED:-1}"
TESTBED_PG_PORT="${TESTBED_PG_PORT:-55432}"
mkdir -p "$data"
credentials="$data/credentials.env"

say() { echo "run: $*"; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # description, seconds, command...
  local what="$1" seconds="$2"
  shift 2
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  say "gave up waiting for $what after ${seconds}s" >&2
  return 1
}

api_healthy() { curl -fsS "http://127.0.0.1:$API_PORT/actuator/health" >/dev/null 2>&1; }

if [ -f "$pids_file" ]; then
  say "a detached stack seems to run already ($pids_file); stop it with 'make stop'" >&2
  exit 1
fi
if port_open "$API_PORT"; then
  say "port $API_PORT is taken; is the worker already running? (API_PORT=... to use another)" >&2
  exit 1
fi

if port_open "$CODEC_PORT"; then
  say "port $CODEC_PORT (codec server) is taken; CODEC_PORT=... to use another" >&2
  exit 1
fi

if [ ! -f "$jar" ] || [ ! -f "$root/cli/target/runbook-cli.jar" ] || [ ! -f "$testbed_jar" ]; then
  say "building (first run)..."
  ./mvnw -B -q install -DskipTests
fi

# shellcheck source=scripts/credentials.sh
. "$root/scripts/credentials.sh"
ensure_credentials "$credentials"
load_credentials "$credentials"

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}

temporal_bin=""
if [ -x "$root/.tools/bin/temporal" ]; then
  temporal_bin="$root/.tools/bin/temporal"
elif command -v temporal >/dev/null 2>&1; then
  temporal_bin="$(command -v temporal)"
elif "$root/scripts/tools.sh" >&2 && [ -x "$root/.tools/bin/temporal" ]; then
  temporal_bin="$root/.tools/bin/temporal"
fi

worker_args=(--server.port="$API_PORT" --runbook.catalog.dir="$RUNBOOKS_DIR"
  --runbook.api.ui-url="http://localhost:$UI_PORT")
# Payloads in Temporal are encrypted (export_codec_credentials); the codec server lets the Web UI
# (and `temporal ... --codec-endpoint`) show them. Without credentials only under the dev switch.
export RUNBOOK_DEV_ENABLED=true
worker_args+=(--runbook.codec.server.port="$CODEC_PORT" --runbook.codec.server.auth=none
  --runbook.codec.server.cors-origins="http://localhost:$UI_PORT,http://127.0.0.1:$UI_PORT")
# Local development: Alertmanager authenticates with the dev token of
# docker/alertmanager/alertmanager.yml, and the other webhook sources are accepted without
# credentials. A deployment configures every source instead (docs/alerts.md): unconfigured
# sources are refused by default.
if [ -z "${RUNBOOK_INTAKE_SOURCES_ALERTMANAGER_AUTH_TYPE:-}" ]; then
  worker_args+=(--runbook.intake.sources.alertmanager.auth.type=bearer
    --runbook.intake.sources.alertmanager.auth.token="${RUNBOOK_ALERTMANAGER_TOKEN:-dev-alertmanager-token}")
fi
worker_args+=(--runbook.intake.allow-unauthenticated="${RUNBOOK_INTAKE_ALLOW_UNAUTHENTICATED:-true}")
embedded=0
if port_open "$TEMPORAL_PORT"; then
  say "something already listens on $TEMPORAL_PORT; using it as the Temporal server"
  worker_args+=(--runbook.temporal.target="127.0.0.1:$TEMPORAL_PORT")
elif [ -n "$temporal_bin" ]; then
  say "starting the Temporal dev server ($temporal_bin), state in .data/temporal.db"
  # The production server's dynamic configuration (docker/temporal/dynamicconfig.yaml; why:
  # docs/performance.md): without it each step waits on the transfer queue's read rate limit.
  # shellcheck source=scripts/lib/dev-server.sh
  . "$root/scripts/lib/dev-server.sh"
  "$temporal_bin" server start-dev --db-filename "$data/temporal.db" --ui-port "$UI_PORT" \
    --port "$TEMPORAL_PORT" --ui-codec-endpoint "http://localhost:$CODEC_PORT" \
    "${DEV_SERVER_DYNAMIC_CONFIG[@]}" --log-level warn >"$data/temporal.log" 2>&1 &
  pids+=("$!")
  if ! wait_for "Temporal on port $TEMPORAL_PORT" 60 port_open "$TEMPORAL_PORT"; then
    tail -20 "$data/temporal.log" >&2 || true
    cleanup
    exit 1
  fi
  worker_args+=(--runbook.temporal.target="127.0.0.1:$TEMPORAL_PORT")
else
  embedded=1
  cat >&2 <<WARN
run: ************************************************************************
run: * No Temporal CLI found (and none could be installed): falling back to
run: * the EMBEDDED in-memory test server. Runs are NOT durable and vanish when
run: * the worker stops; there is no Web UI. Install Go and run 'make tools'.
run: ************************************************************************
WARN
  worker_args+=(--runbook.temporal.embedded=true --runbook.temporal.embedded-port="$TEMPORAL_PORT")
fi

testbed_ready() { grep -q "Testbed running" "$data/testbed.log" 2>/dev/null; }

if [ "$TESTBED" = 1 ]; then
  for port in 9911 8742 7200 8300 8400 8500 "$TESTBED_PG_PORT"; do
    if port_open "$port"; then
      say "port $port (testbed) is taken; RUNBOOK_TESTBED=0 to run without the testbed" >&2
      cleanup
      exit 1
    fi
  done
  say "starting the testbed (imitated seed systems + pager), log in $data/testbed.log"
  java -jar "$testbed_jar" --data-dir="$data/testbed" --pg-port="$TESTBED_PG_PORT" \
    >"$data/testbed.log" 2>&1 &
  pids+=("$!")
  if ! wait_for "the testbed" 120 testbed_ready; then
    tail -20 "$data/testbed.log" >&2 || true
    cleanup
    exit 1
  fi
  # The runbooks escalate to the routes `oncall` and `engineering`: here they reach the testbed's
  # pager, with a made-up PagerDuty routing key.
  key_file="$data/testbed-pagerduty-routing-key"
  [ -f "$key_file" ] || echo "DEVR0UT1NGKEY0123456789abcdef012" >"$key_file"
  worker_args+=(
    "--runbook.datasources.juggernaut.url=jdbc:postgresql://localhost:$TESTBED_PG_PORT/postgres?user=postgres&password=postgres"
    --runbook.routes.oncall.type=pagerduty
    --runbook.routes.oncall.url=http://127.0.0.1:9911/v2/enqueue
    --runbook.routes.oncall.routing-key="file:$key_file"
    --runbook.routes.engineering.type=slack
    --runbook.routes.engineering.url=http://127.0.0.1:9911/slack/engineering)
fi

banner() {
  echo
  echo "  Runbooks page    http://localhost:$API_PORT/ui  (catalog, runs, approvals)"
  echo "  Runbook API      http://localhost:$API_PORT/api/runbooks"
  echo "  Health           http://localhost:$API_PORT/actuator/health  (probes: .../liveness, .../readiness)"
  echo "  Alert webhooks   http://localhost:$API_PORT/webhooks/alertmanager  (also /webhooks/grafana)"
  echo "  Alerts received  http://localhost:$API_PORT/api/alerts"
  echo "  Metrics          http://localhost:$API_PORT/actuator/prometheus"
  if [ "$embedded" = 1 ]; then
    echo "  Temporal gRPC    127.0.0.1:$TEMPORAL_PORT (embedded, not durable, no Web UI)"
  else
    echo "  Temporal Web UI  http://localhost:$UI_PORT"
    echo "  Temporal gRPC    127.0.0.1:$TEMPORAL_PORT"
  fi
  echo "  Codec server     http://localhost:$CODEC_PORT  (payloads are encrypted; the Web UI decodes"
  echo "                   through it; CLI: temporal workflow show -w ID --codec-endpoint" \
    "http://localhost:$CODEC_PORT)"
  if [ "$TESTBED" = 1 ]; then
    echo "  Testbed          JARVIS :8742  unified :7200  Juggernaut :8300  MINIMINIMOON :8400"
    echo "                   RAZAR :8500  pager :9911  (GET /admin/state on each; docs/seeds/)"
  fi
  echo
  echo "  Local login      admin / $RUNBOOK_ADMIN_PASSWORD   (the /ui page asks for it)"
  echo "  API token        ${RUNBOOK_TOKEN:0:8}... (admin) in $credentials"
  if [ "$data" = "$root/.data" ]; then
    echo "                   bin/runbook picks it up automatically (RUNBOOK_TOKEN or --token elsewhere)"
  else
    echo "                   bin/runbook picks it up with RUNBOOK_DATA_DIR=$data (or RUNBOOK_TOKEN)"
  fi
  echo "                   curl: . $credentials && curl -H \"Authorization: Bearer \$RUNBOOK_TOKEN\" ..."
  echo
  echo "  Try:  bin/runbook start hello-http --follow"
  echo
}

say "starting the runbook worker (API on port $API_PORT, runbooks from $RUNBOOKS_DIR)"
# Only the worker (started last) gets the secrets in its environment.
export_worker_credentials
export_codec_credentials
if [ "$DETACH" = 1 ]; then
  RUNBOOK_DEV_ENABLED=true nohup java -jar "$jar" "${worker_args[@]}" >"$data/worker.log" 2>&1 &
  pids+=("$!")
  printf '%s\n' "${pids[@]}" >"$pids_file"
  if ! wait_for "the API on port $API_PORT" 240 api_healthy; then
    tail -40 "$data/worker.log" >&2 || true
    "$root/scripts/stop.sh" || true
    exit 1
  fi
  banner
  say "running in the background (logs in $data/*.log); stop with 'make stop'"
  exit 0
fi

trap 'echo; say "stopping"; cleanup; exit 0' INT TERM
trap cleanup EXIT
RUNBOOK_DEV_ENABLED=true java -jar "$jar" "${worker_args[@]}" &
pids+=("$!")
worker_pid="$!"
(wait_for "the API on port $API_PORT" 240 api_healthy && banner) &
pids+=("$!")
wait "$worker_pid"
