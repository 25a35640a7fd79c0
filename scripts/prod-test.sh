#!/usr/bin/env bash
# Production topology test (`make prod-test`, part of `make test`): the shape docker-compose and the
# Helm chart describe, run here from real binaries, under faults. docs/reliability.md
# ("Production topology") has the figures.
#
#   PostgreSQL (Debian's server, port 35432, synchronous_commit on) with the databases temporal,
#   temporal_visibility (Temporal's schemas, applied with temporal-sql-tool) and runbooks (the
#   engine's inbox); the Temporal server v1.29 (frontend 37233, history, matching, worker) from
#   docker/temporal/config.yaml; TWO starters (RUNBOOK_WORKER_ENABLED=false: API, webhooks,
#   inbox dispatcher; 38081, 38082) and TWO workers (38091, 38092) of worker/target/runbook-worker.jar
#   with DATABASE_URL, one decision key, a bootstrap admin token, payload encryption on, runbooks
#   from scripts/prod-runbooks; the codec server on 38089 (starter 1) when the jar has it.
#
#   a) PROD_ALERTS (2000) Alertmanager alerts over PROD_FINGERPRINTS (200) fingerprints posted
#      round-robin to both starters, 8 at a time: every one answered 202, exactly 200 runs.
#   b) a worker killed with SIGKILL while PROD_STEP_RUNS (20) runs are mid-steps: all finish on the
#      other worker; each command step's effect exactly once (ledger).
#   c) a starter killed with SIGKILL while alerts arrive: every alert answered 202 is stored and
#      dispatched exactly once (inbox rows + runs).
#   d) the Temporal server killed with SIGKILL and restarted while PROD_INFLIGHT (100) runs are in
#      flight: all complete, none duplicated.
#   e) PostgreSQL stopped (immediate shutdown, as a crash) and started again while alerts arrive:
#      the webhooks answer 503 meanwhile (the sender retries), every alert accepted is dispatched,
#      and the runs started after the restart complete.
#   Then scripts/prod-bench.sh, when present, against the same Temporal server and PostgreSQL.
#
# Own ports (above) and data directory (.data/prod-test: logs, ledger, events). Everything it
# started is stopped on exit. PROD_SCENARIOS="a b" runs only some (PROD_JAR: another jar). Prints `prod-test: ...` figures
# and `prod-test: N passed, M failed`; exits non-zero on any failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
PG_PORT=35432
FRONTEND_PORT=37233
STARTER_PORTS=(38081 38082)
WORKER_PORTS=(38091 38092)
CODEC_PORT=38089
ALERTS="${PROD_ALERTS:-2000}"
FINGERPRINTS="${PROD_FINGERPRINTS:-200}"
STEP_RUNS="${PROD_STEP_RUNS:-20}"
INFLIGHT="${PROD_INFLIGHT:-100}"
SCENARIOS="${PROD_SCENARIOS:-a b c d e}"
data="$root/.data/prod-test"
jar="${PROD_JAR:-$root/worker/target/runbook-worker.jar}"
bin="$root/.tools/bin"
temporal_bin="$bin/temporal"
server_bin="$bin/server"
sql_tool="$bin/temporal-sql-tool"
runbooks="$root/scripts/prod-runbooks"
temporal_addr="127.0.0.1:$FRONTEND_PORT"
t0=$(date +%s)

# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"
checks_init prod-test
want() { [[ " $SCENARIOS " == *" $1 "* ]]; }
now_ms() { date +%s%3N; }
secs_since() { python3 -c "import sys; print(round(($(now_ms) - int(sys.argv[1])) / 1000, 1))" "$1"; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_for() { # seconds, command...: polls every 0.25 s
  local seconds="$1"
  shift
  for ((i = 0; i < seconds * 4; i++)); do
    if "$@"; then return 0; fi
    sleep 0.25
  done
  return 1
}
gone() { ! kill -0 "$1" 2>/dev/null; }
stop_pid() { # pid: SIGTERM, then SIGKILL after 20 s
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || return 0
  wait_for 20 gone "$1" || kill -9 "$1" 2>/dev/null || true
}
fail_early() {
  say "$1" >&2
  say "$passed passed, $((failed + 1)) failed"
  exit 1
}

# ---------------------------------------------------------------- prerequisites
pg_bin="$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)"
if [ -z "$pg_bin" ] || [ ! -x "$pg_bin/postgres" ]; then
  fail_early "no PostgreSQL server in /usr/lib/postgresql/*/bin (scripts/install-deps.sh installs Debian's postgresql)"
fi
for f in "$jar" "$temporal_bin" "$server_bin" "$sql_tool"; do
  [ -f "$f" ] || fail_early "missing $f (make build; scripts/tools.sh builds the Temporal server and temporal-sql-tool)"
done
schema_dir="$(go mod download -json go.temporal.io/server@v1.29.1 2>/dev/null |
  python3 -c 'import json,sys; print(json.load(sys.stdin).get("Dir",""))' 2>/dev/null || true)/schema/postgresql/v12"
[ -d "$schema_dir/temporal/versioned" ] ||
  fail_early "Temporal's PostgreSQL schemas not found (go mod download go.temporal.io/server@v1.29.1; scripts/tools.sh)"
for p in "$PG_PORT" "$FRONTEND_PORT" 37234 37235 37239 37243 37300 32333 32334 32335 32339 "${STARTER_PORTS[@]}" "${WORKER_PORTS[@]}" "$CODEC_PORT"; do
  if port_open "$p"; then fail_early "port $p is taken (another prod-test running?)"; fi
done

# PostgreSQL refuses to run as root: as root, its processes run as the user postgres.
if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || fail_early "running as root, but there is no user 'postgres' to run PostgreSQL as"
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

# ---------------------------------------------------------------- teardown
declare -A app_pid=()
temporal_pid=""
# PostgreSQL's directory: under the data dir, unless the user postgres cannot reach it (a checkout
# below a directory only root may enter, such as /root): then a directory of its own under /tmp.
pg_home="$data/pg"
pg_own_home=""
pg_data="$pg_home/data"
pg_run="$pg_home/run"
pg_log="$pg_home/log/postgres.log"
postmaster_pid() { head -1 "$pg_data/postmaster.pid" 2>/dev/null || true; }
cleanup() {
  local name pm
  for name in "${!app_pid[@]}"; do kill "${app_pid[$name]}" 2>/dev/null || true; done
  for name in "${!app_pid[@]}"; do stop_pid "${app_pid[$name]}"; done
  stop_pid "$temporal_pid"
  pm="$(postmaster_pid)"
  if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then
    as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w -t 30 stop >/dev/null 2>&1 || kill -9 "$pm" 2>/dev/null || true
  fi
  [ -z "$pg_own_home" ] || rm -rf "$pg_own_home"
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$data"
mkdir -p "$data"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$data"; then
  pg_own_home="$(mktemp -d /tmp/runbook-prod-pg.XXXXXX)"
  chmod 755 "$pg_own_home"
  pg_home="$pg_own_home/pg"
  pg_data="$pg_home/data" pg_run="$pg_home/run" pg_log="$pg_home/log/postgres.log"
  say "the user postgres cannot enter $data: PostgreSQL's files go to $pg_home"
fi
mkdir -p "$pg_home/data" "$pg_home/run" "$pg_home/log" "$data/temporal"
[ "$(id -u)" = 0 ] && chown -R postgres: "$pg_home"
chmod 700 "$pg_data"

# Secrets of this run: generated, kept in files of mode 600 under the data dir, never printed.
# shellcheck source=scripts/credentials.sh
. "$root/scripts/credentials.sh"
ensure_credentials "$data/credentials.env"
load_credentials "$data/credentials.env"
(
  umask 077
  {
    echo "PG_SUPER_PASSWORD=$(random_base64url 18)"
    echo "TEMPORAL_DB_PASSWORD=$(random_base64url 18)"
    echo "RUNBOOKS_DB_PASSWORD=$(random_base64url 18)"
    echo "ALERTMANAGER_TOKEN=$(random_base64url 24)"
    echo "CODEC_KEY=$(head -c 32 /dev/urandom | base64 | tr -d '\n')"
  } >"$data/secrets.env"
)
# shellcheck disable=SC1091
. "$data/secrets.env"
export RUNBOOK_TOKEN PROD_ALERTMANAGER_TOKEN="$ALERTMANAGER_TOKEN"
auth=(-H "Authorization: Bearer $RUNBOOK_TOKEN")
database_url="postgres://runbooks:$RUNBOOKS_DB_PASSWORD@127.0.0.1:$PG_PORT/runbooks"

# ---------------------------------------------------------------- PostgreSQL
say "PostgreSQL $("$pg_bin/postgres" --version | grep -oE '[0-9]+(\.[0-9]+)?' | head -1) on port $PG_PORT ($pg_home)"
pw_file="$pg_home/run/pw"
(umask 077 && echo "$PG_SUPER_PASSWORD" >"$pw_file")
[ "$(id -u)" = 0 ] && chown postgres: "$pw_file"
as_pg "$pg_bin/initdb" -D "$pg_data" -U postgres --pwfile="$pw_file" --auth-local=trust \
  --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$pg_home/initdb.log" 2>&1 ||
  { tail -20 "$pg_home/initdb.log" >&2; fail_early "initdb failed"; }
rm -f "$pw_file"
cat >>"$pg_data/postgresql.conf" <<CONF
# scripts/prod-test.sh
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$pg_run'
synchronous_commit = on
fsync = on
max_connections = 300
shared_buffers = 128MB
CONF
pg_start() { as_pg "$pg_bin/pg_ctl" -D "$pg_data" -l "$pg_log" -w -t 60 start >/dev/null; }
psql_su() { as_pg psql -h "$pg_run" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAtX "$@"; }
pg_start || { tail -20 "$pg_log" >&2; fail_early "PostgreSQL did not start"; }
psql_su -d postgres <<SQL >/dev/null
SELECT 'synchronous_commit=' || current_setting('synchronous_commit');
CREATE ROLE temporal LOGIN PASSWORD '$TEMPORAL_DB_PASSWORD';
CREATE ROLE runbooks LOGIN PASSWORD '$RUNBOOKS_DB_PASSWORD';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
CREATE DATABASE runbooks OWNER runbooks;
SQL
check "PostgreSQL runs with synchronous_commit on" \
  test "$(psql_su -d postgres -c 'SHOW synchronous_commit')" = on

# ---------------------------------------------------------------- Temporal's schemas
apply_schema() { # database, schema directory
  SQL_PASSWORD="$TEMPORAL_DB_PASSWORD" "$sql_tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" \
    -u temporal --db "$1" setup-schema -v 0.0 >>"$data/schema.log" 2>&1 &&
    SQL_PASSWORD="$TEMPORAL_DB_PASSWORD" "$sql_tool" --plugin postgres12 --ep 127.0.0.1 -p "$PG_PORT" \
      -u temporal --db "$1" update-schema -d "$2" >>"$data/schema.log" 2>&1
}
s=$(now_ms)
if apply_schema temporal "$schema_dir/temporal/versioned" &&
  apply_schema temporal_visibility "$schema_dir/visibility/versioned"; then
  check "Temporal's schemas applied with temporal-sql-tool ($(secs_since "$s")s)" true
else
  tail -20 "$data/schema.log" >&2
  fail_early "temporal-sql-tool could not apply the schemas ($data/schema.log)"
fi
schema_versions="$(psql_su -d temporal -c 'SELECT curr_version FROM schema_version')/$(psql_su -d temporal_visibility -c 'SELECT curr_version FROM schema_version')"
say "  schema versions (persistence/visibility): $schema_versions"

# ---------------------------------------------------------------- Temporal server
# The config is docker/temporal/config.yaml as it is (compose mounts the same file), rendered by the
# server from these variables. The dynamic configuration is docker/temporal/dynamicconfig.yaml, the
# production server's (docs/performance.md), and two test-only keys that refresh the namespace and
# search-attribute caches quickly, so a namespace created a moment ago is usable at once.
cp "$root/docker/temporal/config.yaml" "$data/temporal/config.yaml"
cp "$root/docker/temporal/dynamicconfig.yaml" "$data/temporal/dynamicconfig.yaml"
cat >>"$data/temporal/dynamicconfig.yaml" <<'YAML'
# prod-test only
system.namespaceCacheRefreshInterval:
  - value: 2s
system.forceSearchAttributesCacheRefreshOnRead:
  - value: true
YAML
# Membership ports must be below 32768: the SQL schema keeps them in a smallint (37333 fails the
# server's start with "value out of range for type smallint").
temporal_env=(POSTGRES_SEEDS=127.0.0.1 DB_PORT="$PG_PORT" POSTGRES_USER=temporal
  POSTGRES_PWD="$TEMPORAL_DB_PASSWORD" DBNAME=temporal VISIBILITY_DBNAME=temporal_visibility
  BIND_ON_IP=127.0.0.1 FRONTEND_GRPC_PORT="$FRONTEND_PORT" FRONTEND_HTTP_PORT=37243
  HISTORY_GRPC_PORT=37234 MATCHING_GRPC_PORT=37235 WORKER_GRPC_PORT=37239
  FRONTEND_MEMBERSHIP_PORT=32333 HISTORY_MEMBERSHIP_PORT=32334 MATCHING_MEMBERSHIP_PORT=32335
  WORKER_MEMBERSHIP_PORT=32339 PROMETHEUS_ENDPOINT=127.0.0.1:37300 LOG_LEVEL=warn
  DYNAMIC_CONFIG_FILE_PATH="$data/temporal/dynamicconfig.yaml")
tctl() { "$temporal_bin" "$@" --address "$temporal_addr"; }
temporal_serving() { tctl operator cluster health 2>/dev/null | grep -q SERVING; }
start_temporal() {
  env "${temporal_env[@]}" "$server_bin" --root / --config "$data/temporal" --env config \
    --allow-no-auth start >>"$data/temporal.log" 2>&1 &
  temporal_pid=$!
  disown "$!" # no job notice when scenario d kills it
  for ((i = 0; i < 360; i++)); do # 90 s, or until the server exits
    temporal_serving && return 0
    kill -0 "$temporal_pid" 2>/dev/null || return 1
    sleep 0.25
  done
  return 1
}
s=$(now_ms)
start_temporal || { tail -30 "$data/temporal.log" >&2; fail_early "the Temporal server did not start ($data/temporal.log)"; }
temporal_start_s=$(secs_since "$s")
check "the Temporal server $("$server_bin" --version | grep -oE '[0-9.]+$') serves on $temporal_addr (${temporal_start_s}s)" true
tctl operator namespace create --namespace default --retention 72h >/dev/null
check "namespace default created" wait_for 30 eval 'tctl operator namespace describe --namespace default >/dev/null 2>&1'

# ---------------------------------------------------------------- starters and workers
# Every instance: the same database, decision key, bootstrap token, webhook token and payload key.
# Command steps find prod-ledger on the PATH and write to the ledger named in the environment.
ledger="$data/ledger"
: >"$ledger"
app_args=(--runbook.catalog.dir="$runbooks" --runbook.temporal.target="$temporal_addr"
  --runbook.temporal.namespace=default --runbook.api.list-limit=100000
  --runbook.intake.list-limit=100000 --runbook.intake.allow-unauthenticated=false
  --runbook.api.ui-url=http://localhost:8233)
app_port() { case "$1" in s1) echo "${STARTER_PORTS[0]}" ;; s2) echo "${STARTER_PORTS[1]}" ;; w1) echo "${WORKER_PORTS[0]}" ;; *) echo "${WORKER_PORTS[1]}" ;; esac; }
start_app() { # name: s1, s2 (starters), w1, w2 (workers)
  local name="$1" port role=starter extra=()
  port="$(app_port "$1")"
  [[ "$name" == w* ]] && role=worker
  # The codec server (runbook.codec.server.port) is served by starter 1; a jar without it ignores
  # the property.
  [ "$name" = s1 ] && extra=(--runbook.codec.server.port="$CODEC_PORT")
  mkdir -p "$data/$name"
  (
    export_worker_credentials
    export DATABASE_URL="$database_url" RUNBOOK_WORKER_ENABLED=false
    if [ "$role" = worker ]; then RUNBOOK_WORKER_ENABLED=true; fi
    export RUNBOOK_INTAKE_SOURCES_ALERTMANAGER_AUTH_TYPE=bearer
    export RUNBOOK_INTAKE_SOURCES_ALERTMANAGER_AUTH_TOKEN="$ALERTMANAGER_TOKEN"
    export RUNBOOK_CODEC_ACTIVE_KEY=k1 RUNBOOK_CODEC_KEYS_K1="$CODEC_KEY"
    export PROD_TEST_LEDGER="$ledger" PROD_TEST_WORKER="$name" PATH="$runbooks:$PATH"
    exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx768m -jar "$jar" --server.port="$port" \
      --runbook.data-dir="$data/$name" "${app_args[@]}" "${extra[@]}"
  ) >>"$data/$name.log" 2>&1 &
  app_pid[$name]=$!
  disown "$!" # no job notice when a scenario kills it
}
app_healthy() { # ready: /actuator/health/readiness, or /actuator/health where the jar has no probes
  local base code
  base="http://127.0.0.1:$(app_port "$1")/actuator/health"
  code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$base/readiness" 2>/dev/null || true)
  [ "$code" = 200 ] && return 0
  [ "$code" = 404 ] && curl -fsS -m 5 "$base" >/dev/null 2>&1
}
all_healthy() { local n; for n in "$@"; do app_healthy "$n" || return 1; done; }
kill_app() { # name: SIGKILL, waits until it is gone
  kill -9 "${app_pid[$1]}" 2>/dev/null || true
  wait_for 20 gone "${app_pid[$1]}" || true
}
# await_apps SECONDS NAME...: until all are healthy. Our ports lie in Linux's ephemeral range
# (32768-60999), so an outgoing connection may hold one for a moment: an instance that exits while
# starting is started again (twice at most).
declare -A app_restarts=()
await_apps() {
  local deadline=$(($(date +%s) + $1)) n
  shift
  while [ "$(date +%s)" -lt "$deadline" ]; do
    all_healthy "$@" && return 0
    for n in "$@"; do
      if gone "${app_pid[$n]}"; then
        [ "${app_restarts[$n]:-0}" -lt 2 ] || return 1
        app_restarts[$n]=$((${app_restarts[$n]:-0} + 1))
        say "  $n exited while starting ($(grep -m1 -oE 'Port [0-9]+ was already in use' "$data/$n.log" || echo "see $data/$n.log")); starting it again"
        start_app "$n"
      fi
    done
    sleep 0.5
  done
  return 1
}
s=$(now_ms)
for n in w1 w2 s1 s2; do start_app "$n"; done
if ! await_apps 240 w1 w2 s1 s2; then
  for n in w1 w2 s1 s2; do app_healthy "$n" || { say "$n is not healthy:" >&2; tail -30 "$data/$n.log" >&2; }; done
  fail_early "the starters and workers did not become healthy"
fi
apps_start_s=$(secs_since "$s")
check "2 starters (${STARTER_PORTS[*]}) and 2 workers (${WORKER_PORTS[*]}) ready on one database (${apps_start_s}s; /actuator/health/readiness, else /actuator/health)" true
sa_ok() { tctl operator search-attribute list --namespace default 2>/dev/null | grep -q RunbookName; }
check "the workers registered the engine's search attributes" wait_for 30 sa_ok
starter_url() { echo "http://127.0.0.1:${STARTER_PORTS[$1]}"; }
hooks="$(starter_url 0)/webhooks/alertmanager,$(starter_url 1)/webhooks/alertmanager"

# ---------------------------------------------------------------- helpers over Temporal and the inbox
wf_count() { # visibility query: prints the number of executions, or ? when the query keeps failing
  local out
  for _ in 1 2 3 4 5 6 7 8 9 10; do # (right after a server restart a query can fail for a moment)
    if out=$(tctl workflow count --query "$1" 2>>"$data/cli.err"); then
      grep -oE '[0-9]+' <<<"$out" | head -1
      return 0
    fi
    sleep 0.5
  done
  echo "?"
}
count_is() { [ "$(wf_count "$1")" = "$2" ]; }
count_at_least() { local n; n=$(wf_count "$1"); [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge "$2" ]; }
dup_ids() { # query: prints how many workflow ids have more than one execution
  tctl workflow list --limit 100000 --query "$1" -o json 2>/dev/null | python3 -c \
    'import json,sys,collections; c=collections.Counter(w["execution"]["workflowId"] for w in json.load(sys.stdin)); print(sum(1 for v in c.values() if v>1))' ||
    echo "?"
}
inbox() { psql_su -d runbooks -c "$1"; }
ledger_lines() { grep -c "$1" "$ledger" || true; }
ledger_dups() { grep "$1" "$ledger" | sort | uniq -d | wc -l; }
start_run() { # starter index, runbook: prints the workflow id
  curl -fsS -m 20 "${auth[@]}" -XPOST "$(starter_url "$1")/api/runbooks/$2/runs" \
    -H 'Content-Type: application/json' -d '{}' |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["workflowId"])'
}
accepted_fps() { awk '$2 == 202 {print $3}' "$1" | sort -u; }

# Figures stay printable when a scenario does not run.
a_secs=- a_dispatch=- a_runs=- a_statuses=- a_done=-
b_kill_mid=- b_orphans=- b_after=- b_by_w1=- b_by_w2=- b_attempts=- b_runs=-
c_accepted=- c_refused=- c_stored=- c_runs=-
d_back=- d_done=- d_runs=-
e_outage=- e_5xx=- e_none=- e_first=- e_accepted=- e_runs=- e_done=-

# ---------------------------------------------------------------- a: burst over both starters
if want a; then
  say "scenario a: $ALERTS alerts over $FINGERPRINTS fingerprints, round-robin to both starters"
  s=$(now_ms)
  out=$(python3 "$runbooks/post-alerts.py" burst "$hooks" "$ALERTS" "$FINGERPRINTS" a ProdBurst 8 "$data/events-a")
  a_secs=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["seconds"])' "$out")
  a_statuses=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["statuses"])' "$out")
  accepted=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["accepted"])' "$out")
  check "all $ALERTS alerts answered 202, 0 lost ($accepted; answers $a_statuses; ${a_secs}s)" test "$accepted" = "$ALERTS"
  drained() { [ "$(inbox "SELECT count(*) FROM alert_inbox WHERE name = 'ProdBurst' AND state = 'pending'")" = 0 ]; }
  wait_for 120 drained || true
  a_dispatch=$(secs_since "$s")
  rows=$(inbox "SELECT count(*) FROM alert_inbox WHERE name = 'ProdBurst'")
  states=$(inbox "SELECT string_agg(state || '=' || n, ' ') FROM (SELECT state, count(*) n FROM alert_inbox WHERE name = 'ProdBurst' GROUP BY state ORDER BY state) x")
  check "the inbox holds $ALERTS rows, none pending or failed ($rows rows: $states; all handled ${a_dispatch}s after the first post)" \
    test "$rows" = "$ALERTS" -a "$(inbox "SELECT count(*) FROM alert_inbox WHERE name = 'ProdBurst' AND state IN ('pending', 'failed')")" = 0
  wait_for 60 count_at_least 'AlertName="ProdBurst"' "$FINGERPRINTS" || true
  a_runs=$(wf_count 'AlertName="ProdBurst"')
  check "exactly $FINGERPRINTS runs for $FINGERPRINTS fingerprints ($a_runs; duplicated ids: $(dup_ids 'AlertName="ProdBurst"'))" \
    test "$a_runs" = "$FINGERPRINTS"
  wait_for 120 count_is 'AlertName="ProdBurst" AND ExecutionStatus="Completed"' "$FINGERPRINTS" || true
  a_done=$(secs_since "$s")
  check "all $FINGERPRINTS runs completed (${a_done}s after the first post)" \
    count_is 'AlertName="ProdBurst" AND ExecutionStatus="Completed"' "$FINGERPRINTS"
  check "each run's effect is in the ledger exactly once ($(ledger_lines '/a-') lines, $(ledger_dups '/a-') duplicated)" \
    test "$(ledger_lines '/a-')" = "$FINGERPRINTS" -a "$(ledger_dups '/a-')" = 0
fi

# ---------------------------------------------------------------- b: a worker SIGKILLed mid-steps
if want b; then
  say "scenario b: $STEP_RUNS runs of prod-steps, worker w1 killed (SIGKILL) mid-steps"
  ids="$data/ids-b"
  : >"$ids"
  for ((r = 0; r < STEP_RUNS; r++)); do start_run $((r % 2)) prod-steps >>"$ids" || true; done
  check "started $STEP_RUNS prod-steps runs through both starters" test "$(wc -l <"$ids")" -eq "$STEP_RUNS"
  # w1 is mid-step when an attempt of it has started and its effect is not in the ledger yet.
  w1_mid() {
    [ "$(grep -c ':cmd_' "$ledger")" -ge "$STEP_RUNS" ] || return 1
    awk '$2 == "w1" && $1 ~ /:cmd_/ {print $1}' "$ledger.attempts" | sort -u >"$data/b-w1-started"
    [ -n "$(comm -23 "$data/b-w1-started" <(grep ':cmd_' "$ledger" | sort -u))" ]
  }
  wait_for 90 w1_mid || true
  b_kill_mid=$(comm -23 "$data/b-w1-started" <(grep ':cmd_' "$ledger" | sort -u) | wc -l)
  before=$(grep -c ':cmd_' "$ledger.by" || true)
  kill_app w1
  s=$(now_ms)
  attempts_at_kill=$(wc -l <"$ledger.attempts")
  check "w1 killed with $b_kill_mid of its command steps mid-way ($before of $((STEP_RUNS * 3)) effects done)" test "$b_kill_mid" -ge 1
  wait_for 180 count_is 'RunbookName="prod-steps" AND ExecutionStatus="Completed"' "$STEP_RUNS" || true
  b_after=$(secs_since "$s")
  b_runs=$(wf_count 'RunbookName="prod-steps" AND ExecutionStatus="Completed"')
  check "all $STEP_RUNS runs completed on the remaining worker ($b_runs, ${b_after}s after the kill)" test "$b_runs" = "$STEP_RUNS"
  check "all $STEP_RUNS resolved" wait_for 30 count_is 'RunbookName="prod-steps" AND Outcome="resolved"' "$STEP_RUNS"
  b_by_w1=$(grep -c ':cmd_.* w1$' "$ledger.by" || true)
  b_by_w2=$(grep -c ':cmd_.* w2$' "$ledger.by" || true)
  # The command processes w1 had started outlive its JVM and may still write their effect; a
  # retry on w2 then finds it in the ledger instead of writing it again.
  b_orphans=$(grep ':cmd_' "$ledger.by" | tail -n +$((before + 1)) | grep -c ' w1$' || true)
  after_w1=$(tail -n +$((attempts_at_kill + 1)) "$ledger.attempts" | grep -c ' w1$' || true)
  after_w2=$(tail -n +$((attempts_at_kill + 1)) "$ledger.attempts" | grep -c ' w2$' || true)
  check "after the kill w2 ran every step attempt ($after_w2 attempts on w2, $after_w1 on w1)" test "$after_w1" = 0 -a "$after_w2" -gt 0
  b_attempts=$(grep -c ':cmd_' "$ledger.attempts" || true)
  check "each command step's effect exactly once ($(ledger_lines ':cmd_') lines for $((STEP_RUNS * 3)), $(ledger_dups ':cmd_') duplicated; $b_attempts attempts)" \
    test "$(ledger_lines ':cmd_')" = $((STEP_RUNS * 3)) -a "$(ledger_dups ':cmd_')" = 0
  start_app w1 # back for the next scenarios (awaited there)
fi

# An events file of post-alerts.py holds at least N answers 202 (file, N).
grows() { [ "$(awk '$2 == 202' "$1" 2>/dev/null | wc -l)" -ge "$2" ]; }

# ---------------------------------------------------------------- c: a starter SIGKILLed while alerts arrive
if want c; then
  say "scenario c: alerts arriving at both starters; starter s2 killed (SIGKILL)"
  stop="$data/stop-c"
  rm -f "$stop"
  python3 "$runbooks/post-alerts.py" stream "$hooks" c ProdStarterKill "$stop" 0.02 "$data/events-c" >"$data/out-c" &
  poster=$!
  wait_for 60 grows "$data/events-c" 60 || true
  kill_app s2
  n=$(awk '$2 == 202' "$data/events-c" | wc -l)
  wait_for 60 grows "$data/events-c" $((n + 60)) || true
  touch "$stop"
  wait "$poster" || true
  out=$(cat "$data/out-c")
  c_accepted=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["accepted"])' "$out")
  c_refused=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["no_answer"])' "$out")
  check "every alert sent was answered 202 by a starter ($c_accepted of $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["sent"])' "$out"); $c_refused tries unanswered, sent again to the other)" \
    test "$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["sent"] - r["accepted"])' "$out")" = 0
  accepted_fps "$data/events-c" >"$data/accepted-c"
  inbox "SELECT DISTINCT fingerprint FROM alert_inbox WHERE name = 'ProdStarterKill' ORDER BY 1" | sort -u >"$data/stored-c"
  c_stored=$(wc -l <"$data/stored-c")
  check "every alert answered 202 is in the inbox ($(comm -23 "$data/accepted-c" "$data/stored-c" | wc -l) of $(wc -l <"$data/accepted-c") missing; $c_stored stored)" \
    test -z "$(comm -23 "$data/accepted-c" "$data/stored-c")"
  handled() { [ "$(inbox "SELECT count(*) FROM alert_inbox WHERE name = 'ProdStarterKill' AND state = 'pending'")" = 0 ]; }
  check "the surviving instances dispatched every stored row (none pending)" wait_for 60 handled
  wait_for 60 count_at_least 'AlertName="ProdStarterKill"' "$c_stored" || true
  c_runs=$(wf_count 'AlertName="ProdStarterKill"')
  check "exactly one run per stored alert ($c_runs runs for $c_stored; duplicated ids: $(dup_ids 'AlertName="ProdStarterKill"'))" \
    test "$c_runs" = "$c_stored"
  check "all of them completed" wait_for 120 count_is 'AlertName="ProdStarterKill" AND ExecutionStatus="Completed"' "$c_stored"
  start_app s2
fi

# ---------------------------------------------------------------- d: Temporal server SIGKILLed with runs in flight
if want d; then
  check "all four instances healthy again before scenario d" await_apps 180 w1 w2 s1 s2
  say "scenario d: $INFLIGHT runs in flight, the Temporal server killed (SIGKILL) and restarted"
  ids="$data/ids-d"
  : >"$ids"
  # 4 at a time, alternating between the starters.
  # shellcheck disable=SC2016 # expanded by the inner shell
  seq 0 $((INFLIGHT - 1)) | xargs -P 4 -I@ bash -c \
    'url=$([ $((@ % 2)) = 0 ] && echo "$0" || echo "$1"); curl -fsS -m 20 -H "Authorization: Bearer $RUNBOOK_TOKEN" -XPOST "$url/api/runbooks/prod-inflight/runs" -H "Content-Type: application/json" -d "{}"; echo' \
    "$(starter_url 0)" "$(starter_url 1)" >"$data/starts-d" 2>/dev/null || true
  grep -oE '"workflowId":"[^"]+"' "$data/starts-d" | cut -d'"' -f4 >"$ids" || true
  check "started $INFLIGHT prod-inflight runs" test "$(sort -u "$ids" | wc -l)" -eq "$INFLIGHT"
  wait_for 30 count_is 'RunbookName="prod-inflight" AND ExecutionStatus="Running"' "$INFLIGHT" || true
  kill -9 "$temporal_pid"
  wait_for 20 gone "$temporal_pid" || true
  s=$(now_ms)
  if start_temporal || start_temporal; then d_back=$(secs_since "$s"); check "the Temporal server restarted on the same database (${d_back}s)" true; else
    check "the Temporal server restarted on the same database" false
  fi
  wait_for 180 count_is 'RunbookName="prod-inflight" AND ExecutionStatus="Completed"' "$INFLIGHT" || true
  d_done=$(secs_since "$s")
  d_runs=$(wf_count 'RunbookName="prod-inflight"')
  check "all $INFLIGHT runs completed ($(wf_count 'RunbookName="prod-inflight" AND ExecutionStatus="Completed"'), ${d_done}s after the kill)" \
    count_is 'RunbookName="prod-inflight" AND ExecutionStatus="Completed"' "$INFLIGHT"
  check "exactly $INFLIGHT executions, none duplicated ($d_runs; duplicated ids: $(dup_ids 'RunbookName="prod-inflight"'))" \
    test "$d_runs" = "$INFLIGHT"
  check "each run's effect exactly once ($(ledger_lines 'prod-inflight') lines, $(ledger_dups 'prod-inflight') duplicated)" \
    test "$(ledger_lines 'prod-inflight')" = "$INFLIGHT" -a "$(ledger_dups 'prod-inflight')" = 0
fi

# ---------------------------------------------------------------- e: PostgreSQL restarted
if want e; then
  check "all four instances healthy before scenario e" await_apps 180 w1 w2 s1 s2
  say "scenario e: alerts arriving; PostgreSQL stopped (immediate) and started again"
  stop="$data/stop-e"
  rm -f "$stop"
  python3 "$runbooks/post-alerts.py" stream "$hooks" e ProdPostgresRestart "$stop" 0.05 "$data/events-e" >"$data/out-e" &
  poster=$!
  wait_for 60 grows "$data/events-e" 30 || true
  stopped_ms=$(now_ms)
  as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w -t 30 stop >/dev/null
  refused_since() { [ "$(awk -v t="$stopped_ms" '$1 > t && $2 != 202' "$data/events-e" | wc -l)" -ge "$1" ]; }
  # The outage: at least 5 s, and until the sender has been refused twice.
  outage_seen() { refused_since 2 && [ $(($(now_ms) - stopped_ms)) -ge 5000 ]; }
  wait_for 30 outage_seen || true
  pg_start || pg_start || check "PostgreSQL starts again" false
  started_ms=$(now_ms)
  e_outage=$(python3 -c "print(round(($started_ms - $stopped_ms) / 1000, 1))")
  accepted_after() { [ "$(awk -v t="$started_ms" '$1 > t && $2 == 202' "$data/events-e" | wc -l)" -ge "$1" ]; }
  check "the webhooks accept alerts again after PostgreSQL restarted" wait_for 90 accepted_after 30
  e_first=$(awk -v t="$started_ms" '$1 > t && $2 == 202 {print $1; exit}' "$data/events-e")
  e_first=$(python3 -c "print(round(($e_first - $started_ms) / 1000, 1))" 2>/dev/null || echo -)
  touch "$stop"
  wait "$poster" || true
  out=$(cat "$data/out-e")
  e_5xx=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["answered_5xx"])' "$out")
  e_none=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["no_answer"])' "$out")
  e_accepted=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["accepted"])' "$out")
  codes=$(awk -v t="$stopped_ms" -v u="$started_ms" '$1 > t && $1 < u && $2 != 202 {print $2}' "$data/events-e" | sort | uniq -c | awk '{printf "%s%sx%s", sep, $1, $2; sep=" "}')
  check "no alert given up during the outage ($e_accepted accepted; answered 5xx $e_5xx times, no answer $e_none times, retried)" \
    test "$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["sent"] - r["accepted"])' "$out")" = 0
  say "  answers during the outage: ${codes:-none}"
  accepted_fps "$data/events-e" >"$data/accepted-e"
  inbox "SELECT DISTINCT fingerprint FROM alert_inbox WHERE name = 'ProdPostgresRestart' ORDER BY 1" | sort -u >"$data/stored-e"
  check "every alert answered 202 is in the inbox ($(comm -23 "$data/accepted-e" "$data/stored-e" | wc -l) of $(wc -l <"$data/accepted-e") missing)" \
    test -z "$(comm -23 "$data/accepted-e" "$data/stored-e")"
  stored=$(wc -l <"$data/stored-e")
  handled() { [ "$(inbox "SELECT count(*) FROM alert_inbox WHERE name = 'ProdPostgresRestart' AND state = 'pending'")" = 0 ]; }
  check "every stored row dispatched (none pending)" wait_for 90 handled
  check "Temporal serves again" temporal_serving
  wait_for 120 count_is 'AlertName="ProdPostgresRestart" AND ExecutionStatus="Completed"' "$stored" || true
  e_done=$(python3 -c "print(round(($(now_ms) - $started_ms) / 1000, 1))")
  e_runs=$(wf_count 'AlertName="ProdPostgresRestart"')
  check "exactly one run per stored alert, all completed ($e_runs runs, $(wf_count 'AlertName="ProdPostgresRestart" AND ExecutionStatus="Completed"') completed, for $stored alerts)" \
    test "$e_runs" = "$stored" -a "$(wf_count 'AlertName="ProdPostgresRestart" AND ExecutionStatus="Completed"')" = "$stored"
  after=$(awk -v t="$started_ms" '$1 > t && $2 == 202 {print $3}' "$data/events-e" | sort -u | wc -l)
  check "the $after alerts accepted after the restart started runs that completed" test "$after" -ge 1
fi

# ---------------------------------------------------------------- codec server (when the jar has it)
if port_open "$CODEC_PORT"; then
  wf=$(start_run 0 prod-steps 2>/dev/null || true)
  plain=$(tctl workflow show --workflow-id "$wf" --codec-endpoint "http://127.0.0.1:$CODEC_PORT" \
    --codec-auth "Bearer $RUNBOOK_TOKEN" -o json 2>"$data/codec.err" || true)
  raw=$(tctl workflow show --workflow-id "$wf" -o json 2>>"$data/codec.err" || true)
  echo "$plain" >"$data/codec-plain.json"
  echo "$raw" >"$data/codec-raw.json"
  # -o json shows the metadata base64-encoded: binary/encrypted, json/plain.
  enc=YmluYXJ5L2VuY3J5cHRlZA== json=anNvbi9wbGFpbg==
  check "the codec server on $CODEC_PORT decodes payloads for the CLI (history: $(grep -c "$enc" <<<"$raw") encrypted payloads without it; with it $(grep -c "$enc" <<<"$plain") encrypted, $(grep -c "$json" <<<"$plain") json/plain)" \
    test -n "$wf" -a "$(grep -c "$enc" <<<"$raw")" -gt 0 -a "$(grep -c "$enc" <<<"$plain")" = 0 -a "$(grep -c "$json" <<<"$plain")" -gt 0
else
  say "  (no codec server on port $CODEC_PORT in this jar: not checked)"
fi

# ---------------------------------------------------------------- throughput on this topology
if [ -x "$root/scripts/prod-bench.sh" ]; then
  say "scripts/prod-bench.sh against this topology"
  if PROD_TEMPORAL_ADDRESS="$temporal_addr" PROD_DATABASE_URL="$database_url" PROD_NAMESPACE=default \
    "$root/scripts/prod-bench.sh"; then
    check "scripts/prod-bench.sh on the production topology" true
  else
    check "scripts/prod-bench.sh on the production topology" false
  fi
fi

total=$(($(date +%s) - t0))
echo
say "figures"
say "  topology: PostgreSQL (synchronous_commit on), Temporal server $("$server_bin" --version | grep -oE '[0-9.]+$') (schemas $schema_versions) up in ${temporal_start_s}s, 2 starters + 2 workers healthy in ${apps_start_s}s"
say "  a: $ALERTS alerts / $FINGERPRINTS fingerprints posted in ${a_secs}s (answers $a_statuses); inbox drained ${a_dispatch}s after the first post; runs $a_runs; all completed after ${a_done}s"
say "  b: w1 SIGKILLed with $b_kill_mid command steps mid-way; $b_runs runs completed ${b_after}s after the kill; effects by w1 $b_by_w1 ($b_orphans of them by its command processes after the kill), by w2 $b_by_w2; $b_attempts command attempts for $((STEP_RUNS * 3)) effects"
say "  c: s2 SIGKILLed while alerts arrived: $c_accepted accepted (202), $c_refused tries unanswered and sent to the other starter; $c_stored stored; $c_runs runs"
say "  d: $INFLIGHT runs in flight; Temporal server back ${d_back}s after SIGKILL; all completed ${d_done}s after it; executions $d_runs"
say "  e: PostgreSQL down ${e_outage}s (5xx answers $e_5xx, no answer $e_none); first 202 ${e_first}s after it started; $e_accepted accepted; $e_runs runs, all completed ${e_done}s after the start"
say "  total ${total}s"
checks_summary
