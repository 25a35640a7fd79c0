#!/usr/bin/env bash
# Chaos test (`make chaos`, part of `make test`): proves that runs survive kills on the real stack
# (Temporal dev server on a SQLite file + the runbook worker jar). Own ports and data directory.
#
#  1. The worker JVM is killed with SIGKILL CHAOS_KILLS times (20) while CHAOS_RUNS (10) runs of
#     scripts/chaos-runbooks/chaos-steps.yaml (command, http, sleep, waitUntil steps) are in
#     flight, and restarted each time from the same jar and data dir. Every run must resolve, each
#     command step's idempotent effect (a ledger line) must be there exactly once, and no report
#     may show a step executed more than once.
#  2. The Temporal dev server is killed with SIGKILL and restarted on the same SQLite file while
#     CHAOS_INFLIGHT (50) runs of chaos-inflight.yaml wait in a sleep, run a command, or await an
#     approval. All must resolve, and exactly that many executions may exist.
#  3. The app is killed with SIGKILL while CHAOS_ALERTS (200) Alertmanager notifications arrive,
#     one alert each, and restarted: every alert the webhook accepted (202) before or after the
#     kill starts exactly one run (chaos-alert.yaml), and the inbox shows each as dispatched.
#
#  4. Heartbeats: two workers poll the task queue; the one running a long step (a paced DLQ drain,
#     then a restart's health wait; heartbeatTimeout 5s) is killed with SIGKILL, and the other
#     takes the step over once the heartbeat timeout has passed. The drain resumes from its
#     heartbeat checkpoint (no item twice), the restart is not repeated (ledger); the time from
#     the kill to the second attempt's start is measured (docs/reliability.md).
#
# Security is on: the workers start with a bootstrap admin token, admin password and decision key
# written to .data/chaos/credentials.env (scripts/credentials.sh; the workers A and B of scenario 4
# share the key); every call of the API sends the token (webhooks keep their own authentication).
#
# Prints the figures and `chaos: N passed, M failed`; exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
API_PORT="${CHAOS_API_PORT:-28080}"
TEMPORAL_PORT="${CHAOS_TEMPORAL_PORT:-27233}"
UI_PORT="${CHAOS_UI_PORT:-28233}"
HTTP_PORT="${CHAOS_HTTP_PORT:-28099}"
RUNS="${CHAOS_RUNS:-10}"
KILLS="${CHAOS_KILLS:-20}"
INFLIGHT="${CHAOS_INFLIGHT:-50}"
data="$root/.data/chaos"
api="http://127.0.0.1:$API_PORT"
# The dev jar with the dev switch: the main worker's inbox is the embedded PostgreSQL.
jar="$root/worker/target/runbook-worker-dev.jar"
export RUNBOOK_DEV_ENABLED=true
temporal_bin="$root/.tools/bin/temporal"
SCENARIOS="${CHAOS_SCENARIOS:-1 2 3 4}"   # run only some, e.g. CHAOS_SCENARIOS=3
t0=$(date +%s)
want() { [[ " $SCENARIOS " == *" $1 "* ]]; }
# Figures stay printable when a scenario does not run.
kills=0 restart_total=0 restart_max=0 attempts=0 dups=0 reruns1=0 s1_after=- s1_total=-
t_back=- s2_after=- count=- n_accepted=0 stored=- before_kill=0 count3=- t_app=- t_pg=- pg_accepted=0
drain_resume=- drain_attempted=- restart_resume=- restart_posts=-

# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"
# shellcheck source=scripts/lib/dev-server.sh
. "$root/scripts/lib/dev-server.sh"
checks_init chaos

for f in "$jar" "$temporal_bin"; do
  if [ ! -x "$f" ] && [ ! -f "$f" ]; then
    say "missing $f (make build; make tools)" >&2
    say "0 passed, 1 failed"
    exit 1
  fi
done

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
api_healthy() { curl -fsS "$api/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; }
wait_for() { # seconds, command...
  local seconds="$1"
  shift
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@"; then return 0; fi
    sleep 0.25
  done
  return 1
}

temporal_pid=""
worker_pid=""
http_pid=""

# At the end: the embedded PostgreSQL a SIGKILLed worker left behind (a restarted worker stops it
# by itself; this cleans up after the last one).
kill_postgres() {
  local pg
  pg="$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)"
  if [ -n "$pg" ] && kill -0 "$pg" 2>/dev/null; then
    kill -9 "$pg" 2>/dev/null || true
    wait_for 10 bash -c "! kill -0 $pg 2>/dev/null" || true
  fi
}

cleanup() {
  for p in ${hb_pid_a:-} ${hb_pid_b:-}; do kill "$p" 2>/dev/null || true; done
  for p in ${hb_pid_a:-} ${hb_pid_b:-}; do wait_for 20 bash -c "! kill -0 $p 2>/dev/null" || kill -9 "$p" 2>/dev/null || true; done
  [ -n "$worker_pid" ] && kill "$worker_pid" 2>/dev/null || true
  [ -n "$worker_pid" ] && { wait_for 20 bash -c "! kill -0 $worker_pid 2>/dev/null" || kill -9 "$worker_pid" 2>/dev/null || true; }
  kill_postgres
  [ -n "$http_pid" ] && kill "$http_pid" 2>/dev/null || true
  [ -n "$temporal_pid" ] && kill "$temporal_pid" 2>/dev/null || true
  [ -n "$temporal_pid" ] && { wait_for 10 bash -c "! kill -0 $temporal_pid 2>/dev/null" || kill -9 "$temporal_pid" 2>/dev/null || true; }
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_temporal() { # with the production server's dynamic configuration (scripts/lib/dev-server.sh)
  "$temporal_bin" server start-dev --db-filename "$data/temporal.db" --ui-port "$UI_PORT" \
    --port "$TEMPORAL_PORT" "${DEV_SERVER_DYNAMIC_CONFIG[@]}" --log-level warn \
    >>"$data/temporal.log" 2>&1 &
  temporal_pid=$!
  # Healthy = the frontend answers a real request.
  wait_for 60 "$temporal_bin" operator namespace describe --address "127.0.0.1:$TEMPORAL_PORT" \
    --namespace default >/dev/null 2>&1
}

start_worker() {
  # ledger-append is found on the worker's PATH: a command step's program is written in the
  # runbook, never taken from a template (docs/runbook-language.md, "command").
  PATH="$root/scripts/chaos-runbooks:$PATH" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" --server.port="$API_PORT" \
    --runbook.catalog.dir="$root/scripts/chaos-runbooks" \
    --runbook.temporal.target="127.0.0.1:$TEMPORAL_PORT" --runbook.data-dir="$data" \
    --runbook.api.ui-url="http://localhost:$UI_PORT" \
    --runbook.intake.allow-unauthenticated=true --runbook.api.list-limit=100000 \
    >>"$data/worker.log" 2>&1 &
  worker_pid=$!
  wait_for 120 api_healthy
}

kill_worker() {
  kill -9 "$worker_pid" 2>/dev/null || true
  wait "$worker_pid" 2>/dev/null || true
  # The embedded PostgreSQL outlives the killed JVM; the next worker stops it (StalePostgres).
  wait_for 20 bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$API_PORT) 2>/dev/null" || true
}

# start RUNBOOK JSON: prints the workflow id
start_run() {
  curl -fsS "${auth[@]}" -XPOST "$api/api/runbooks/$1/runs" -H 'Content-Type: application/json' -d "$2" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowId"])'
}

# runs_state IDS_FILE: "<closed> <resolved> <reruns>" over the runs, reruns = steps whose report
# shows executions > 1.
runs_state() {
  python3 - "$1" "$api" <<'PY'
import json, os, sys, urllib.request, urllib.parse
auth = {"Authorization": "Bearer " + os.environ["RUNBOOK_TOKEN"]}
ids = [l.strip() for l in open(sys.argv[1]) if l.strip()]
closed = resolved = reruns = 0
def walk(o):
    global reruns
    if isinstance(o, dict):
        if isinstance(o.get("executions"), int) and o["executions"] > 1:
            reruns += 1
        for v in o.values(): walk(v)
    elif isinstance(o, list):
        for v in o: walk(v)
for i in ids:
    try:
        url = sys.argv[2] + "/api/runs/" + urllib.parse.quote(i, safe="/")
        with urllib.request.urlopen(urllib.request.Request(url, headers=auth), timeout=10) as r:
            run = json.load(r)
    except Exception:
        continue
    rep = run.get("report")
    if isinstance(rep, dict) and rep.get("outcome"):
        closed += 1
        resolved += rep.get("outcome") == "resolved"
        walk(rep.get("steps"))
print(closed, resolved, reruns)
PY
}

wait_closed() { # ids file, seconds: waits until every run is closed
  local n deadline=$(($(date +%s) + $2))
  n=$(wc -l <"$1")
  while [ "$(date +%s)" -lt "$deadline" ]; do
    set -- "$1" "$2" $(runs_state "$1")
    [ "$3" -ge "$n" ] && return 0
    sleep 2
  done
  return 1
}

rm -rf "$data"
mkdir -p "$data"
# shellcheck source=scripts/credentials.sh
. "$root/scripts/credentials.sh"
ensure_credentials "$data/credentials.env"
load_credentials "$data/credentials.env"
export RUNBOOK_TOKEN # runs_state's Python reads it
export_worker_credentials # every worker started below
auth=(-H "Authorization: Bearer $RUNBOOK_TOKEN")

# A tiny HTTP server: /hit/* answers 200; /ready/* answers 503 the first time, then 200. Every
# request is logged to hits.log.
python3 - "$HTTP_PORT" "$data/hits.log" >"$data/http.log" 2>&1 <<'PY' &
import sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, log = int(sys.argv[1]), sys.argv[2]
import time
seen, lock, restarted = set(), threading.Lock(), {}
class H(BaseHTTPRequestHandler):
    def do_POST(self):
        # /restart/<id>: a restart; /health/<id> then answers 503 for 12 s.
        with lock:
            with open(log, "a") as f: f.write("POST " + self.path + "\n")
            restarted[self.path.replace("/restart/", "/health/", 1)] = time.time()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')
    def do_GET(self):
        with lock:
            with open(log, "a") as f: f.write(self.path + "\n")
            first = self.path.startswith("/ready/") and self.path not in seen
            seen.add(self.path)
            if self.path.startswith("/health/"):
                first = time.time() < restarted.get(self.path, time.time()) + 12
        self.send_response(503 if first else 200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": true}')
    def log_message(self, *a): pass
ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
http_pid=$!

for p in "$API_PORT" "$TEMPORAL_PORT" "$UI_PORT"; do
  if port_open "$p"; then
    say "port $p is taken (CHAOS_*_PORT to use others)" >&2
    say "0 passed, 1 failed"
    exit 1
  fi
done

if ! start_temporal; then
  tail -20 "$data/temporal.log" >&2 || true
  say "0 passed, 1 failed (Temporal did not start)"
  exit 1
fi
if ! start_worker; then
  tail -40 "$data/worker.log" >&2 || true
  say "0 passed, 1 failed (the worker did not start)"
  exit 1
fi
check "the stack is up (Temporal dev server + worker)" api_healthy

# ---------------------------------------------------------------- 1: worker SIGKILL mid-step
if want 1; then
say "scenario 1: $RUNS runs of chaos-steps, $KILLS worker kills (SIGKILL)"
ledger="$data/ledger"
: >"$ledger"
ids1="$data/ids1"
: >"$ids1"
for ((r = 0; r < RUNS; r++)); do
  start_run chaos-steps "{\"ledger\":\"$ledger\",\"base\":\"http://127.0.0.1:$HTTP_PORT\"}" >>"$ids1"
done
check "started $RUNS chaos-steps runs" test "$(wc -l <"$ids1")" -eq "$RUNS"

s1=$(date +%s)
kills=0
restart_total=0
restart_max=0
inflight_kills=0
for ((k = 0; k < KILLS; k++)); do
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.5, 3.0), 2))')"
  before=$(wc -l <"$ledger.attempts" 2>/dev/null || echo 0)
  # a kill lands "mid-step" when an attempt started and has not written its ledger line yet
  if [ "$before" -gt "$(wc -l <"$ledger")" ]; then inflight_kills=$((inflight_kills + 1)); fi
  kill_worker
  kills=$((kills + 1))
  rs=$(date +%s)
  if ! start_worker; then
    tail -40 "$data/worker.log" >&2 || true
    check "worker restarts after kill $kills" false
    break
  fi
  took=$(($(date +%s) - rs))
  restart_total=$((restart_total + took))
  [ "$took" -gt "$restart_max" ] && restart_max=$took
done
say "  $kills kills, worker back healthy after ${restart_max}s at most"
last_kill=$(date +%s)
check "the worker was killed $KILLS times" test "$kills" -eq "$KILLS"
wait_closed "$ids1" 180 || true
s1_after=$(($(date +%s) - last_kill))
s1_total=$(($(date +%s) - s1))
read -r closed1 resolved1 reruns1 <<<"$(runs_state "$ids1")"
check "all $RUNS runs closed after the kills ($closed1)" test "$closed1" -eq "$RUNS"
check "all $RUNS runs resolved ($resolved1)" test "$resolved1" -eq "$RUNS"
check "no report shows a step executed twice ($reruns1 found)" test "$reruns1" -eq 0
dups=$(sort "$ledger" | uniq -d | wc -l)
lines=$(wc -l <"$ledger")
attempts=$(wc -l <"$ledger.attempts")
check "each command step's effect is in the ledger exactly once ($lines lines, $dups duplicated)" \
  test "$lines" -eq $((RUNS * 3)) -a "$dups" -eq 0
hits=$(grep -c '^/hit/' "$data/hits.log" || true)
check "each http step reached the server ($hits hits for $RUNS runs)" test "$hits" -ge "$RUNS"
say "  command attempts: $attempts for $((RUNS * 3)) effects ($((attempts - RUNS * 3)) re-run after kills)"
say "  kills that caught a command mid-step: $inflight_kills of $kills"

fi

# ---------------------------------------------------------------- 2: Temporal SIGKILL + restart
if want 2; then
say "scenario 2: $INFLIGHT runs in flight, Temporal dev server killed and restarted"
ids2="$data/ids2"
approvals="$data/approvals"
: >"$ids2"
: >"$approvals"
for ((r = 0; r < INFLIGHT; r++)); do
  case $((r % 3)) in
    0) mode=sleep ;;
    1) mode=command ;;
    *) mode=approval ;;
  esac
  id=$(start_run chaos-inflight "{\"mode\":\"$mode\"}")
  echo "$id" >>"$ids2"
  [ "$mode" = approval ] && echo "$id" >>"$approvals"
done
check "started $INFLIGHT chaos-inflight runs" test "$(wc -l <"$ids2")" -eq "$INFLIGHT"
sleep 3
kill -9 "$temporal_pid"
wait "$temporal_pid" 2>/dev/null || true
killed_at=$(date +%s)
sleep 2
if ! start_temporal; then
  tail -20 "$data/temporal.log" >&2 || true
  check "Temporal restarts on the same SQLite file" false
else
  check "Temporal restarts on the same SQLite file" true
fi
t_back=$(($(date +%s) - killed_at))
wait_for 60 api_healthy || true
approved=0
while read -r id; do
  for _ in $(seq 1 20); do
    if curl -fsS "${auth[@]}" -XPOST "$api/api/runs/$id/approve" -H 'Content-Type: application/json' \
      -d '{"approver":"chaos","comment":"after the restart"}' >/dev/null 2>&1; then
      approved=$((approved + 1))
      break
    fi
    sleep 1
  done
done <"$approvals"
check "approved the $(wc -l <"$approvals") approval runs after the restart ($approved)" \
  test "$approved" -eq "$(wc -l <"$approvals")"
wait_closed "$ids2" 120 || true
s2_after=$(($(date +%s) - killed_at))
read -r closed2 resolved2 _ <<<"$(runs_state "$ids2")"
check "all $INFLIGHT runs closed after the restart ($closed2)" test "$closed2" -eq "$INFLIGHT"
check "all $INFLIGHT runs resolved ($resolved2)" test "$resolved2" -eq "$INFLIGHT"
count=""
for _ in $(seq 1 20); do
  count=$("$temporal_bin" workflow count --address "127.0.0.1:$TEMPORAL_PORT" \
    --query 'RunbookName="chaos-inflight"' 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)
  [ "$count" = "$INFLIGHT" ] && break
  sleep 0.5
done
check "exactly $INFLIGHT chaos-inflight executions exist, none duplicated ($count)" \
  test "$count" = "$INFLIGHT"
unique=$(sort -u "$ids2" | wc -l)
check "$INFLIGHT distinct workflow ids" test "$unique" -eq "$INFLIGHT"

fi

# ---------------------------------------------------------------- 3: app SIGKILL, PostgreSQL SIGKILL
# Alerts arrive all the time (one notification every 50 ms); the app is killed and restarted,
# then its PostgreSQL is killed and restarted on the same data directory.
if want 3; then
accepted="$data/accepted.txt"
stop_posting="$data/stop-posting"
: >"$accepted"
rm -f "$stop_posting"
post_alert() { # fingerprint: prints the HTTP status
  local body
  body="{\"receiver\":\"runbooks\",\"status\":\"firing\",\"version\":\"4\",\"alerts\":[{\"status\":\"firing\","
  body+="\"labels\":{\"alertname\":\"ChaosAlert\",\"n\":\"$1\"},\"annotations\":{},"
  body+="\"startsAt\":\"2026-11-24T00:00:00Z\",\"fingerprint\":\"$1\"}]}"
  curl -s -o /dev/null -m 5 -w '%{http_code}' -XPOST "$api/webhooks/alertmanager" \
    -H 'Content-Type: application/json' -d "$body" || true
}
(
  i=0
  while [ ! -f "$stop_posting" ]; do
    i=$((i + 1))
    if [ "$(post_alert "chaos-$i")" = 202 ]; then echo "chaos-$i" >>"$accepted"; fi
    sleep 0.05
  done
  echo "$i" >"$data/posted"
) &
poster=$!
grows() { [ "$(wc -l <"$accepted")" -ge "$1" ]; }
wait_for 30 grows 20 || true
before_kill=$(wc -l <"$accepted")
kill_worker
t_kill=$(date +%s)
if start_worker; then
  check "the app restarts after a SIGKILL while alerts arrive" true
else
  check "the app restarts after a SIGKILL while alerts arrive" false
fi
t_app=$(($(date +%s) - t_kill))
after_app=$(wc -l <"$accepted")
check "alerts are accepted again after the app restart" wait_for 30 grows $((after_app + 10))

pg="$(head -1 "$data/postgres/postmaster.pid" 2>/dev/null || true)"
if [ -n "$pg" ] && [ -r "/proc/$pg/cmdline" ]; then
  mapfile -d '' pg_cmd <"/proc/$pg/cmdline"
  pkill -9 -P "$pg" 2>/dev/null || true
  kill -9 "$pg"
  t_pg_kill=$(date +%s)
  sleep 3
  # As the embedded PostgreSQL runs it: in a user namespace, since it refuses to run as root.
  (setsid unshare -U "${pg_cmd[@]}" >>"$data/postgres-restart.log" 2>&1 &)
  pg_back=$(wc -l <"$accepted")
  check "alerts are accepted again after PostgreSQL restarted" wait_for 60 grows $((pg_back + 10))
  t_pg=$(($(date +%s) - t_pg_kill))
  pg_accepted=$(($(wc -l <"$accepted") - pg_back))
else
  check "the app's PostgreSQL is running (pid file $data/postgres/postmaster.pid)" false
fi
touch "$stop_posting"
wait "$poster" || true
n_accepted=$(wc -l <"$accepted")
# An alert whose 202 was lost with the killed app is still stored: what counts is the inbox.
curl -fsS "${auth[@]}" "$api/api/alerts?limit=100000" 2>/dev/null >"$data/inbox.json" || true
stored=$(python3 -c 'import json,sys; print(sum(1 for a in json.load(open(sys.argv[1]))["alerts"] if a["name"]=="ChaosAlert"))' "$data/inbox.json" 2>/dev/null || echo 0)
missing=$(python3 -c 'import json,sys; fps={a["fingerprint"] for a in json.load(open(sys.argv[1]))["alerts"]}; print(sum(1 for l in open(sys.argv[2]) if l.strip() not in fps))' "$data/inbox.json" "$accepted" 2>/dev/null || echo "?")
check "every alert answered 202 is in the inbox ($missing of $n_accepted missing; $stored stored)" \
  test "$missing" = 0
count3=""
for _ in $(seq 1 120); do
  count3=$("$temporal_bin" workflow count --address "127.0.0.1:$TEMPORAL_PORT" \
    --query 'RunbookName="chaos-alert"' 2>/dev/null | grep -oE '[0-9]+' | head -1 || true)
  [ "$count3" = "$stored" ] && break
  sleep 0.5
done
check "every stored alert started exactly one run ($count3 runs for $stored alerts)" \
  test "$count3" = "$stored"
dups=$("$temporal_bin" workflow list --address "127.0.0.1:$TEMPORAL_PORT" --limit 100000 \
  --query 'RunbookName="chaos-alert"' -o json 2>/dev/null | python3 -c \
  'import json,sys,collections; c=collections.Counter(w["execution"]["workflowId"] for w in json.load(sys.stdin)); print(sum(1 for v in c.values() if v>1))' || echo "?")
check "no alert started two runs ($dups workflow ids with two executions)" test "$dups" = 0
dispatched=$(curl -fsS "${auth[@]}" "$api/api/alerts?limit=100000&state=dispatched" 2>/dev/null |
  grep -o '"name":"ChaosAlert"' | wc -l || true)
check "the inbox shows every stored alert dispatched ($dispatched of $stored)" \
  test "$dispatched" -eq "$stored"
fi

# ---------------------------------------------------------------- 4: heartbeats, takeover by a second worker
# Two workers (A, B) share the main worker's PostgreSQL (inbox, restart ledger, and the "chaos"
# datasource of the DLQ drain); the one that runs the long step is killed with SIGKILL.
if want 4; then
say "scenario 4: a long step's worker killed (SIGKILL); a second worker takes the step over"
pg_port=$(grep -o 'embedded PostgreSQL on port [0-9]*' "$data/worker.log" | tail -1 | grep -o '[0-9]*$' || true)
jdbc="jdbc:postgresql://127.0.0.1:$pg_port/postgres"
pgjar="$data/postgresql.jar"
unzip -p "$jar" "$(unzip -Z1 "$jar" | grep -m1 'BOOT-INF/lib/postgresql-.*\.jar')" >"$pgjar" 2>/dev/null || true
dlq_table() { java -cp "$pgjar" "$root/scripts/chaos-runbooks/DlqTable.java" "$jdbc" "$@"; }
# The main worker goes; its embedded PostgreSQL (a process of its own) stays for A and B.
kill_worker
worker_pid=""
hb_pid_a="" hb_pid_b=""
hb_port() { [ "$1" = a ] && echo $((API_PORT + 1)) || echo $((API_PORT + 2)); }
start_hb_worker() { # a|b
  local port
  port=$(hb_port "$1")
  mkdir -p "$data/hb-$1"
  PATH="$root/scripts/chaos-runbooks:$PATH" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" --server.port="$port" \
    --runbook.catalog.dir="$root/scripts/chaos-runbooks" \
    --runbook.temporal.target="127.0.0.1:$TEMPORAL_PORT" --runbook.data-dir="$data/hb-$1" \
    --spring.datasource.url="$jdbc" --spring.datasource.username=postgres \
    --runbook.datasources.chaos.url="$jdbc" --runbook.datasources.chaos.username=postgres \
    --runbook.intake.allow-unauthenticated=true \
    >>"$data/hb-$1/worker.log" 2>&1 &
  eval "hb_pid_$1=$!"
  disown "$!" # no "Killed" job notice when scenario 4 kills it
  wait_for 120 bash -c "curl -fsS http://127.0.0.1:$port/actuator/health 2>/dev/null | grep -q '\"status\":\"UP\"'"
}
# The worker whose log shows "<step> (<type>) of <workflow id> attempt <n> started".
attempt_on() { # step type wfid attempt: prints a|b
  local w
  for w in a b; do
    if grep -qF "step $1 ($2) of $3 attempt $4 started" "$data/hb-$w/worker.log" 2>/dev/null; then
      echo "$w"
      return 0
    fi
  done
  return 1
}
now_ms() { date +%s%3N; }
# takeover STEP TYPE WFID: kills the worker running attempt 1 (once the caller's condition held),
# waits for attempt 2 on the other worker, prints "<killed> <ms from kill to attempt 2>".
takeover() {
  local first other t_kill
  first=$(attempt_on "$1" "$2" "$3" 1) || return 1
  other=$([ "$first" = a ] && echo b || echo a)
  eval "kill -9 \$hb_pid_$first"
  t_kill=$(now_ms)
  eval "wait \$hb_pid_$first" 2>/dev/null || true
  wait_for 60 bash -c "grep -qF 'step $1 ($2) of $3 attempt 2 started' '$data/hb-$other/worker.log'" || return 1
  echo "$first $(($(now_ms) - t_kill))"
}
run_report() { # api wfid: prints the run's JSON
  curl -fsS "${auth[@]}" "$1/api/runs/$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe="/"))' "$2")"
}
run_closed() { run_report "$1" "$2" 2>/dev/null | python3 -c 'import json,sys; r=json.load(sys.stdin).get("report") or {}; sys.exit(0 if r.get("outcome") else 1)'; }
step_field() { # api wfid step expr over the step's result
  run_report "$1" "$2" | python3 -c '
import json, sys
rep = json.load(sys.stdin)["report"]
def find(steps):
    for s in steps or []:
        if s.get("id") == sys.argv[1]: return s
        for k in ("steps", "children"):
            f = find(s.get(k))
            if f: return f
s = find(rep.get("steps")) or {}
print(eval(sys.argv[2], {"r": s.get("result") or {}, "s": s, "rep": rep}))' "$3" "$4"
}

if [ -z "$pg_port" ] || ! dlq_table seed 300; then
  check "scenario 4 set-up (PostgreSQL port '$pg_port', chaos_dlq seeded)" false
elif ! start_hb_worker a || ! start_hb_worker b; then
  check "workers A and B start" false
else
  check "workers A and B poll the same task queue" true
  api_a="http://127.0.0.1:$(hb_port a)"
  # 4a: a DLQ drain of 300 items at 20/s (15 s); killed once 60 have moved.
  wf=$(curl -fsS "${auth[@]}" -XPOST "$api_a/api/runbooks/chaos-drain/runs" -H 'Content-Type: application/json' -d '{}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowId"])')
  moved() { [ "$(dlq_table count | cut -d' ' -f1)" -ge "$1" ]; }
  if wait_for 60 attempt_on drain dlq "$wf" 1 >/dev/null && wait_for 60 moved 60 &&
    out=$(takeover drain dlq "$wf"); then
    read -r killed drain_resume <<<"$out"
    survivor=$([ "$killed" = a ] && echo b || echo a)
    api_s="http://127.0.0.1:$(hb_port "$survivor")"
    check "the drain's second attempt started on worker $survivor ${drain_resume} ms after worker $killed was killed" \
      test "$drain_resume" -le 12000
    wait_for 120 run_closed "$api_s" "$wf" || true
    read -r rows distinct retried <<<"$(dlq_table count)"
    check "the drain run resolved" test "$(step_field "$api_s" "$wf" drain 'rep.get("outcome")')" = resolved
    check "each of the 300 items moved exactly once ($rows rows, $distinct distinct, $retried retried)" \
      test "$rows" -eq 300 -a "$distinct" -eq 300 -a "$retried" -eq 300
    drain_attempted=$(step_field "$api_s" "$wf" drain 'r.get("attempted")')
    check "the second attempt resumed from the heartbeat checkpoint, counting no item twice (attempted $drain_attempted)" \
      test "$(step_field "$api_s" "$wf" drain 'r.get("resumed")')" = True -a "$drain_attempted" -le 300 -a "$drain_attempted" -ge 200
    # 4b: the killed worker comes back; a restart's health wait is killed.
    start_hb_worker "$killed" || check "worker $killed restarts" false
    wf=$(curl -fsS "${auth[@]}" -XPOST "$api_s/api/runbooks/chaos-restart-wait/runs" -H 'Content-Type: application/json' \
      -d "{\"base\":\"http://127.0.0.1:$HTTP_PORT\"}" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowId"])')
    # Templates in a URL path are percent-encoded: the server sees the id with %2F.
    enc=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$wf")
    waiting() { grep -qsF "/health/$enc" "$data/hits.log"; }
    if wait_for 60 waiting && out=$(takeover restart_svc restart "$wf"); then
      read -r killed restart_resume <<<"$out"
      survivor=$([ "$killed" = a ] && echo b || echo a)
      api_s="http://127.0.0.1:$(hb_port "$survivor")"
      check "the health wait's second attempt started on worker $survivor ${restart_resume} ms after worker $killed was killed" \
        test "$restart_resume" -le 12000
      wait_for 120 run_closed "$api_s" "$wf" || true
      check "the restart run resolved" test "$(step_field "$api_s" "$wf" restart_svc 'rep.get("outcome")')" = resolved
      restart_posts=$(grep -csF "POST /restart/$enc" "$data/hits.log" || true)
      check "the service was restarted once, not again by the second attempt ($restart_posts)" \
        test "$restart_posts" -eq 1 -a "$(step_field "$api_s" "$wf" restart_svc 'r.get("skipped")')" = restartedByThisStep
    else
      check "a worker ran the restart's health wait and the other took it over" false
    fi
  else
    check "a worker ran the drain and the other took it over" false
  fi
fi
fi

total=$(($(date +%s) - t0))
echo
say "figures"
say "  scenario 1: $RUNS runs, $kills worker SIGKILLs, worker restart to healthy: avg $((kills > 0 ? restart_total / kills : 0))s, max ${restart_max}s"
say "  scenario 1: command attempts $attempts for $((RUNS * 3)) ledger effects; ledger duplicates $dups; reports with executions>1: $reruns1"
say "  scenario 1: all runs done ${s1_after}s after the last kill (${s1_total}s from the first run)"
say "  scenario 2: $INFLIGHT runs in flight, Temporal back ${t_back}s after SIGKILL, all resolved ${s2_after}s after the kill, executions counted: $count"
say "  scenario 3: $n_accepted alerts answered 202 ($before_kill before the app SIGKILL), $stored stored, $count3 runs started; app back ${t_app}s after the kill; PostgreSQL killed, inbox accepting again ${t_pg}s later ($pg_accepted accepted after it)"
say "  scenario 4: worker SIGKILL to the step's second attempt on the other worker (heartbeatTimeout 5s): DLQ drain ${drain_resume} ms (attempted $drain_attempted of 300), restart health wait ${restart_resume} ms (restart calls $restart_posts)"
say "  total ${total}s"
checks_summary
