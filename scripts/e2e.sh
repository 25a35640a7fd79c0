#!/usr/bin/env bash
# End-to-end test: starts the real stack detached (Temporal dev server + worker), runs the
# hello-http example through bin/runbook, checks what it prints, checks that the schedules of
# scripts/e2e-runbooks/e2e-scheduled.yaml become Temporal Schedules that start runs and follow
# edits of the file, checks the approval and run metrics with e2e-approval.yaml, checks who may do
# what (401 without a token, 201 with it, /ui asks for a login, decisions refused to people an
# approval does not name or to the run's starter, API tokens), checks the guard rails with
# e2e-guarded.yaml (bin/runbook disable, the alert's inbox row disabled, explain names the kill
# switch, rails shows it, enable), and stops the stack. Before the stack starts, it runs the
# runbooks' own tests (every runbooks-yaml/**/*.test.yaml, `bin/runbook test --junit`).
# Security is on: run.sh writes $RUNBOOK_DATA_DIR/credentials.env (an admin API token, the
# admin's password, the decision key); every call of the API here sends that token.
# Uses its own ports, data directory and copy of the catalog, so it does not disturb a running
# `make run`.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export API_PORT="${E2E_API_PORT:-18080}"
export TEMPORAL_PORT="${E2E_TEMPORAL_PORT:-17233}"
export UI_PORT="${E2E_UI_PORT:-18233}"
# make run encrypts payloads; its codec server lets the Temporal CLI (and the Web UI) read them.
export CODEC_PORT="${E2E_CODEC_PORT:-18089}"
export RUNBOOK_DATA_DIR="$root/.data/e2e"
export RUNBOOK_RUN_DETACH=1
export RUNBOOK_API="http://localhost:$API_PORT"
# Meters refreshed often, so the metrics checks need not wait long (defaults: 10s and 30s).
export RUNBOOK_METRICS_REPORT_INTERVAL=1s RUNBOOK_METRICS_APPROVALS_INTERVAL=2s
mkdir -p "$RUNBOOK_DATA_DIR"
# The worker serves a copy of runbooks-yaml/ plus the e2e runbooks, which the checks edit.
catalog="$RUNBOOK_DATA_DIR/catalog"
rm -rf "$catalog"
cp -R "$root/runbooks-yaml" "$catalog"
cp "$root"/scripts/e2e-runbooks/*.yaml "$catalog/"
export RUNBOOKS_DIR="$catalog"
# The stack's credentials, made before run.sh starts it (run.sh keeps what the file holds).
# shellcheck source=scripts/credentials.sh
. "$root/scripts/credentials.sh"
ensure_credentials "$RUNBOOK_DATA_DIR/credentials.env"
load_credentials "$RUNBOOK_DATA_DIR/credentials.env"
export RUNBOOK_TOKEN # bin/runbook sends it
# curl of the API as the admin; state-changing calls must say they send JSON.
api() { curl -fsS -H "Authorization: Bearer $RUNBOOK_TOKEN" "$@"; }
api_post() { # path, JSON body
  api -XPOST "$RUNBOOK_API$1" -H 'Content-Type: application/json' -d "$2"
}
t0="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"
checks_init e2e

stop() { "$root/scripts/stop.sh" >/dev/null 2>&1 || true; }
trap stop EXIT
stop # a leftover from an interrupted run

# The runbooks' test files (docs/testing.md) need no stack: they run in process on Temporal's
# time-skipping test environment. The JUnit report is for CI; the output is shown when a case fails.
runbook_tests() {
  if "$root/bin/runbook" test runbooks-yaml --junit "$RUNBOOK_DATA_DIR/runbook-tests.xml" \
    >"$RUNBOOK_DATA_DIR/runbook-tests.out" 2>&1; then
    tail -n 3 "$RUNBOOK_DATA_DIR/runbook-tests.out"
  else
    cat "$RUNBOOK_DATA_DIR/runbook-tests.out" >&2
    return 1
  fi
}
check "runbook tests of runbooks-yaml pass (JUnit: .data/e2e/runbook-tests.xml)" runbook_tests

if ! "$root/scripts/run.sh"; then
  echo "e2e: the stack did not start; logs in $RUNBOOK_DATA_DIR" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
fi

out="$RUNBOOK_DATA_DIR/out"
check "API is healthy" curl -fsS "$RUNBOOK_API/actuator/health" -o /dev/null
catalog_serves() { api "$RUNBOOK_API/api/runbooks" | grep "\"name\":\"$1\"" >/dev/null; }
check "catalog serves hello-http" catalog_serves hello-http
check "validate examples" "$root/bin/runbook" validate runbooks-yaml/examples

set +e
"$root/bin/runbook" start hello-http --follow --interval 500ms \
  --input "url=http://localhost:$API_PORT/actuator/health" >"$out.start" 2>&1
code=$?
set -e
cat "$out.start"
check "start hello-http --follow exits 0 (resolved)" test "$code" -eq 0
check "follow printed the steps" grep -q "probe (http) succeeded" "$out.start"

id="$(sed -n 's/^ *workflow id: *//p' "$out.start" | head -1)"
check "a workflow id was printed" test -n "$id"
"$root/bin/runbook" status "$id" >"$out.status" 2>&1 || true
cat "$out.status"
check "status shows the step table" grep -Eq '^STEP +TYPE +STATUS +DURATION +OUTPUTS' "$out.status"
check "status shows the probe step" grep -Eq '^probe +http +succeeded' "$out.status"
check "status shows the outcome" grep -q '^resolved' "$out.status"

# Visibility can lag a moment behind the close.
listed=1
for _ in $(seq 1 20); do
  if "$root/bin/runbook" runs --runbook hello-http 2>&1 | grep -qF "$id"; then
    listed=0
    break
  fi
  sleep 0.5
done
check "runs --runbook hello-http lists the run" test "$listed" -eq 0

temporal_bin="$root/.tools/bin/temporal"
if [ -x "$temporal_bin" ]; then
  check "temporal CLI queries the run's status" bash -c \
    "'$temporal_bin' workflow query --address 127.0.0.1:$TEMPORAL_PORT --codec-endpoint http://127.0.0.1:$CODEC_PORT --workflow-id '$id' --type status 2>&1 | grep -q resolved"

  # Search attributes: the Web UI's list query finds the run by runbook and outcome.
  found=1
  for _ in $(seq 1 30); do
    if "$temporal_bin" workflow list --address "127.0.0.1:$TEMPORAL_PORT" \
      --query 'RunbookName="hello-http" AND Outcome="resolved"' 2>&1 | grep -qF "$id"; then
      found=0
      break
    fi
    sleep 0.5
  done
  check "temporal workflow list finds the run by RunbookName and Outcome" test "$found" -eq 0

  # Started by name with the Temporal CLI: the input is the plain JSON object of inputs.
  check "temporal workflow start --type hello-http runs to resolved" bash -c \
    "'$temporal_bin' workflow start --address 127.0.0.1:$TEMPORAL_PORT --type hello-http \
       --codec-endpoint http://127.0.0.1:$CODEC_PORT --task-queue runbooks --workflow-id e2e-cli-start \
       --input '{\"url\":\"http://127.0.0.1:$API_PORT/actuator/health\"}' >/dev/null &&
     '$temporal_bin' workflow result --address 127.0.0.1:$TEMPORAL_PORT \
       --codec-endpoint http://127.0.0.1:$CODEC_PORT --workflow-id e2e-cli-start 2>&1 | grep -q '\"outcome\": *\"resolved\"'"

  # Bad input from the Temporal CLI fails the run at once, naming the input.
  check "temporal workflow start with an unknown input fails naming it" bash -c \
    "'$temporal_bin' workflow start --address 127.0.0.1:$TEMPORAL_PORT --type hello-http \
       --codec-endpoint http://127.0.0.1:$CODEC_PORT --task-queue runbooks --workflow-id e2e-cli-bad \
       --input '{\"nope\":1}' >/dev/null;
     timeout 30 '$temporal_bin' workflow result --address 127.0.0.1:$TEMPORAL_PORT \
       --codec-endpoint http://127.0.0.1:$CODEC_PORT --workflow-id e2e-cli-bad 2>&1 | grep -q \"unknown input 'nope'\""

  # The Temporal Web UI, filtered by our search attributes, in headless Chromium: the page lists
  # the resolved hello-http runs and not the failed one; the screenshot is docs/img/web-ui-runs.png.
  if [ -x /usr/bin/chromium ]; then
    query='RunbookName="hello-http" AND Outcome="resolved"'
    page="http://127.0.0.1:$UI_PORT/namespaces/default/workflows?query=$(python3 -c \
      'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$query")"
    browse() { # extra chromium arguments...
      local profile
      profile="$(mktemp -d)"
      timeout 120 /usr/bin/chromium --headless --no-sandbox --disable-gpu \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size=1440,900 --hide-scrollbars \
        --virtual-time-budget=20000 "$@" "$page" 2>/dev/null
      rm -rf "$profile"
    }
    found=1
    for _ in 1 2 3; do
      browse --dump-dom >"$out.ui.html" || true
      if grep -qF "$id" "$out.ui.html" && grep -qF "e2e-cli-start" "$out.ui.html"; then
        found=0
        break
      fi
      sleep 2
    done
    check "the Web UI lists the runs the search-attribute query selects" test "$found" -eq 0
    check "the Web UI leaves out the failed run" bash -c "! grep -qF e2e-cli-bad '$out.ui.html'"
    mkdir -p "$root/docs/img"
    browse --screenshot="$out.ui.png" >/dev/null || true
    check "the Web UI screenshot was taken" test -s "$out.ui.png"
    [ -s "$out.ui.png" ] && cp "$out.ui.png" "$root/docs/img/web-ui-runs.png"

    # Started by a person from the Web UI's "Start Workflow" dialog (headless Chromium driven
    # over the DevTools protocol: the link fills id, task queue and type; the input is typed into
    # the dialog's editor; the button is pressed). The run must then resolve like any other.
    ui_run="e2e-web-ui-start-$(date +%s)" # new each time: the dev server's file outlives a run
    check "a run started from the Web UI's Start Workflow dialog is accepted" \
      java "$root/scripts/webui/WebUiStartDialog.java" "http://127.0.0.1:$UI_PORT" hello-http \
      "$ui_run" "{\"url\":\"http://127.0.0.1:$API_PORT/actuator/health\"}" \
      "$out.start.png" "http://localhost:$CODEC_PORT"
    check "the run started from the Web UI dialog resolves" bash -c \
      "timeout 60 '$temporal_bin' workflow result --address 127.0.0.1:$TEMPORAL_PORT \
         --codec-endpoint http://127.0.0.1:$CODEC_PORT --workflow-id '$ui_run' 2>&1 | grep -q '\"outcome\": *\"resolved\"'"
    [ -s "$out.start.png" ] && cp "$out.start.png" "$root/docs/img/web-ui-start.png"
  else
    echo "e2e: no /usr/bin/chromium (scripts/install-deps.sh installs it): Web UI check not run" >&2
    failed=$((failed + 1))
  fi
fi

# Schedules. The embedded test server has none, so these need the Temporal CLI's dev server.
if [ ! -x "$temporal_bin" ]; then
  check "schedules: the Temporal CLI is at .tools/bin/temporal (make tools)" test -x "$temporal_bin"
else
  sched() {
    "$temporal_bin" schedule "$@" --address "127.0.0.1:$TEMPORAL_PORT" \
      --codec-endpoint "http://127.0.0.1:$CODEC_PORT" 2>&1
  }
  eventually() { # seconds, command...: retries the command every half second
    local seconds="$1" i
    shift
    for ((i = 0; i < seconds * 2; i++)); do
      if "$@" >/dev/null 2>&1; then return 0; fi
      sleep 0.5
    done
    return 1
  }
  # (grep without -q reads all its input, so pipefail never sees a SIGPIPE of the CLI)
  listed() { sched list | grep -F "runbook/e2e-scheduled/$1" >/dev/null; }
  not_listed() { ! listed "$1"; }
  described() { # schedule id, extended regex
    sched describe --schedule-id "runbook/e2e-scheduled/$1" | grep -E "$2" >/dev/null
  }
  completed_run() { # schedule id: a run it started since this test began ran to resolved
    "$temporal_bin" workflow list --address "127.0.0.1:$TEMPORAL_PORT" --query \
      "TemporalScheduledById=\"runbook/e2e-scheduled/$1\" AND RunbookName=\"e2e-scheduled\" AND Outcome=\"resolved\" AND StartTime > \"$t0\"" \
      2>&1 | grep -F "runbook/e2e-scheduled/$1-" >/dev/null
  }

  both_listed() { listed morning && listed often; }

  check "schedules: both schedules of e2e-scheduled are created" eventually 60 both_listed
  sched describe --schedule-id runbook/e2e-scheduled/morning >"$out.schedule" || true
  cat "$out.schedule"
  check "schedules: describe shows the cron as Temporal's calendar" \
    grep -Eq '"minute":"30","hour":"6",.*"dayOfWeek":"1-5"' "$out.schedule"
  check "schedules: describe shows the time zone" grep -Eq 'TimeZoneName +Europe/Berlin' "$out.schedule"
  check "schedules: describe shows the note" grep -q 'e2e weekday mornings' "$out.schedule"
  check "schedules: the memo marks it as the engine's" grep -q '"managedBy":"runbook-engine"' "$out.schedule"
  check "schedules: the action starts e2e-scheduled on task queue runbooks" \
    grep -Eq '"ID":"runbook/e2e-scheduled/morning","Workflow":"e2e-scheduled".*"TaskQueue":"runbooks"' "$out.schedule"
  check "schedules: describe shows the every: 5s interval" described often '"interval":"5s"|Spec.*5s'

  check "schedules: every 5s starts a run that resolves" eventually 40 completed_run often
  sched trigger --schedule-id runbook/e2e-scheduled/morning >/dev/null || true
  check "schedules: temporal schedule trigger starts a run that resolves" eventually 40 completed_run morning

  # Hot reload: edit the file (new cron, drop the every: 5s entry), then delete it.
  sed -i.bak -e 's/cron: "30 6 \* \* 1-5"/cron: "0 7 * * *"/' -e '/- id: often/,/inputs: {who: often}/d' \
    "$catalog/e2e-scheduled.yaml"
  rm -f "$catalog/e2e-scheduled.yaml.bak"
  check "schedules: an edited cron updates the schedule" \
    eventually 30 described morning '"minute":"0","hour":"7",.*"dayOfWeek":"0-6"'
  check "schedules: a schedule removed from the file is deleted" eventually 30 not_listed often
  check "schedules: the other schedule stays" listed morning
  rm -f "$catalog/e2e-scheduled.yaml"
  check "schedules: a runbook file removed deletes its schedules" eventually 30 not_listed morning
fi

# Metrics (docs/metrics.md): a run waiting for an approval shows in the approval gauges, which
# the dev server answers with a visibility query, and its end in the run counters.
metric() { # extended regex: some line of /actuator/prometheus matches it within 60 s
  local i
  for ((i = 0; i < 120; i++)); do
    if api "$RUNBOOK_API/actuator/prometheus" 2>/dev/null | grep -E "$1" >/dev/null; then
      return 0
    fi
    sleep 0.5
  done
  return 1
}
approval_id="$(api_post /api/runbooks/e2e-approval/runs '{}' |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["workflowId"])' || true)"
check "metrics: an e2e-approval run started" test -n "$approval_id"
check "metrics: runbook_approvals_waiting counts the waiting run" \
  metric '^runbook_approvals_waiting\{runbook="e2e-approval"} 1\.0$'
set +e
"$root/bin/runbook" approve "$approval_id" --comment e2e >"$out.approve" 2>&1
code=$?
set -e
cat "$out.approve"
check "approve: bin/runbook approve of a waiting run exits 0" test "$code" -eq 0
check "approve: it prints the run's answer: approved <id>" grep -q "^approved $approval_id" "$out.approve"
check "metrics: the approved run is no longer waiting" \
  metric '^runbook_approvals_waiting\{runbook="e2e-approval"} 0\.0$'
check "metrics: runbook_runs_completed_total counts it resolved" \
  metric '^runbook_runs_completed_total\{.*outcome="resolved".*runbook="e2e-approval".*} 1\.0$'

# Who may do what (#15; docs/security.md).
status_of() { # curl arguments...: prints only the HTTP status
  curl -s -o /dev/null -w '%{http_code}' "$@" || true
}
inputs="{\"url\":\"http://localhost:$API_PORT/actuator/health\"}"
check "security: a start without credentials answers 401" test "$(status_of -XPOST \
  "$RUNBOOK_API/api/runbooks/hello-http/runs" -H 'Content-Type: application/json' -d "$inputs")" = 401
check "security: a start with the printed token answers 201" test "$(status_of -XPOST \
  "$RUNBOOK_API/api/runbooks/hello-http/runs" -H "Authorization: Bearer $RUNBOOK_TOKEN" \
  -H 'Content-Type: application/json' -d "$inputs")" = 201
check "security: a start with a wrong token answers 401" test "$(status_of -XPOST \
  "$RUNBOOK_API/api/runbooks/hello-http/runs" -H "Authorization: Bearer rbk_$(random_base64url 32)" \
  -H 'Content-Type: application/json' -d "$inputs")" = 401
check "security: a body-less POST without a JSON content type answers 415" test "$(status_of -XPOST \
  "$RUNBOOK_API/api/runbooks/hello-http/runs" -H "Authorization: Bearer $RUNBOOK_TOKEN")" = 415
check "security: a foreign Host header answers 421" test "$(status_of \
  "$RUNBOOK_API/api/runbooks" -H "Authorization: Bearer $RUNBOOK_TOKEN" -H 'Host: evil.example')" = 421
ui_login() { # /ui redirects to the login page, which asks for a user name and password
  local location
  location="$(curl -s -o /dev/null -w '%{redirect_url}' "$RUNBOOK_API/ui")"
  [[ $location == */login* ]] && curl -fsS "$location" | grep -qi 'password'
}
check "security: /ui asks for a login" ui_login
set +e
RUNBOOK_TOKEN='' RUNBOOK_DATA_DIR="$RUNBOOK_DATA_DIR/none" "$root/bin/runbook" runs >"$out.anon" 2>&1
code=$?
set -e
cat "$out.anon"
check "security: bin/runbook without a token exits 77 (EX_NOPERM)" test "$code" -eq 77
check "security: ... saying how to authenticate" \
  grep -q 'not authenticated: pass --token or set RUNBOOK_TOKEN' "$out.anon"

# A run whose approval names carol: the admin is refused, exit code 3, and the run keeps waiting.
start_id() { # runbook: starts it as the admin, prints the workflow id
  api_post "/api/runbooks/$1/runs" '{}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["workflowId"])'
}
waiting_for_approval() { # workflow id: the run waits for an approval
  "$root/bin/runbook" status "$1" 2>/dev/null | grep -q 'waits for approval'
}
eventually_true() { # seconds, command...
  local seconds="$1" i
  shift
  for ((i = 0; i < seconds * 2; i++)); do
    if "$@"; then return 0; fi
    sleep 0.5
  done
  return 1
}
decide() { # output file, bin/runbook arguments...: prints the exit code
  local file="$1" rc
  shift
  set +e
  "$root/bin/runbook" "$@" >"$file" 2>&1
  rc=$?
  set -e
  cat "$file" >&2
  echo "$rc"
}
carol_id="$(start_id e2e-approvers || true)"
check "security: an e2e-approvers run started" test -n "$carol_id"
check "security: it waits for carol's approval" eventually_true 30 waiting_for_approval "$carol_id"
code="$(decide "$out.notcarol" approve "$carol_id" --comment "not carol")"
check "security: bin/runbook approve by someone else exits 3" test "$code" -eq 3
check "security: ... and says it was not approved" grep -q '^not approved: .*(not-allowed)' "$out.notcarol"
check "security: ... and the run keeps waiting" waiting_for_approval "$carol_id"
code="$(decide "$out.carol-abort" abort "$carol_id" --reason "e2e done")"
check "security: the admin aborts it: accepted" test "$code" -eq 0
code="$(decide "$out.carol-abort2" abort "$carol_id" --reason "again")"
check "security: a second abort is refused (exit 3 or 1 once the run closed)" test "$code" -ne 0

# Four eyes: whoever started the run cannot approve it.
eyes_id="$(start_id e2e-four-eyes || true)"
check "security: an e2e-four-eyes run started" test -n "$eyes_id"
check "security: it waits for an approval" eventually_true 30 waiting_for_approval "$eyes_id"
code="$(decide "$out.eyes" approve "$eyes_id")"
check "security: its starter's approval exits 3" test "$code" -eq 3
check "security: ... not allowed" grep -q '^not approved: .*(not-allowed)' "$out.eyes"
check "security: ... and the run keeps waiting" waiting_for_approval "$eyes_id"
decide "$out.eyes-abort" abort "$eyes_id" --reason "e2e done" >/dev/null

# API tokens: a viewer token may read, not start; a revoked token is refused.
"$root/bin/runbook" token create e2e-viewer --role viewer --expires 1d >"$out.token" 2>&1 || true
viewer="$(grep -oE 'rbk_[A-Za-z0-9_-]{43}' "$out.token" | head -1 || true)"
token_id="$(sed -n "s/^created token \([^ ]*\) 'e2e-viewer'.*/\1/p" "$out.token")"
check "tokens: bin/runbook token create prints a new token once" test -n "$viewer" -a -n "$token_id"
check "tokens: token list shows it" bash -c "'$root/bin/runbook' token list | grep -q e2e-viewer"
check "tokens: token list never shows a token's value" \
  bash -c "! '$root/bin/runbook' token list | grep -q rbk_"
check "tokens: a viewer token reads the catalog (200)" test "$(status_of \
  "$RUNBOOK_API/api/runbooks" -H "Authorization: Bearer $viewer")" = 200
code="$(decide "$out.viewer-start" start hello-http --token "$viewer" --input "url=http://localhost:$API_PORT/actuator/health")"
check "tokens: a viewer token may not start a run (bin/runbook exit 77)" test "$code" -eq 77
code="$(decide "$out.revoke" token revoke "$token_id")"
check "tokens: token revoke exits 0" test "$code" -eq 0
check "tokens: the revoked token is refused (401)" test "$(status_of \
  "$RUNBOOK_API/api/runbooks" -H "Authorization: Bearer $viewer")" = 401

# Guard rails: the kill switch holds an alert, explain names it, rails shows it.
am_token="${RUNBOOK_ALERTMANAGER_TOKEN:-dev-alertmanager-token}"
send_alert() { # instance label: posts a firing E2eGuardRail alert, prints its inbox id
  curl -fsS -XPOST "$RUNBOOK_API/webhooks/alertmanager" -H "Authorization: Bearer $am_token" \
    -H 'Content-Type: application/json' -d "{\"version\":\"4\",\"status\":\"firing\",
      \"receiver\":\"runbooks\",\"groupKey\":\"{}:{alertname=\\\"E2eGuardRail\\\"}\",
      \"alerts\":[{\"status\":\"firing\",\"labels\":{\"alertname\":\"E2eGuardRail\",
      \"instance\":\"$1\"},\"startsAt\":\"$t0\",\"fingerprint\":\"e2e-$1\"}]}" |
    grep -oE '"ids":\[[0-9]+' | grep -oE '[0-9]+$' || true
}
alert_state() { # inbox id, state: the row is in that state
  api "$RUNBOOK_API/api/alerts/$1" | grep -q "\"state\":\"$2\""
}
code="$(decide "$out.disable" disable e2e-guarded --reason "e2e kill switch" --until 1h)"
check "rails: bin/runbook disable e2e-guarded exits 0" test "$code" -eq 0
"$root/bin/runbook" rails >"$out.rails" 2>&1 || true
check "rails: bin/runbook rails shows it disabled with the reason" \
  grep -Eq '^e2e-guarded +disabled by [^ ]+: e2e kill switch' "$out.rails"
held_id="$(send_alert held-1)"
check "rails: the webhook accepted an E2eGuardRail alert" test -n "$held_id"
check "rails: its inbox row is disabled" eventually_true 30 alert_state "$held_id" disabled
"$root/bin/runbook" explain "$held_id" >"$out.explain" 2>&1 || true
check "rails: bin/runbook explain names the kill switch" \
  grep -Eq 'HOLDS +kill switch: runbook e2e-guarded is disabled by [^ ]+: e2e kill switch' "$out.explain"
check "rails: ... and the trigger that matched" grep -Eq '^e2e-guarded +0 +yes' "$out.explain"
check "rails: GET /api/alerts/{id}/explain answers the same" \
  bash -c "curl -fsS -H 'Authorization: Bearer $RUNBOOK_TOKEN' '$RUNBOOK_API/api/alerts/$held_id/explain' | grep -q '\"rail\":\"kill switch\",\"holds\":true'"
code="$(decide "$out.forceless" start e2e-guarded)"
check "rails: a manual start of a disabled runbook without --force exits 1 (409)" test "$code" -eq 1
check "rails: ... saying an admin may force it" grep -q 'start it with force (409)' "$out.forceless"
code="$(decide "$out.enable" enable e2e-guarded --reason "e2e done")"
check "rails: bin/runbook enable e2e-guarded exits 0" test "$code" -eq 0
"$root/bin/runbook" rails >"$out.rails2" 2>&1 || true
check "rails: rails shows it enabled again" grep -Eq '^e2e-guarded +ok ' "$out.rails2"
started_id="$(send_alert started-1)"
check "rails: once enabled, a matching alert is dispatched" \
  eventually_true 30 alert_state "$started_id" dispatched
check "audit: the disable is audited with its reason" \
  bash -c "curl -fsS -H 'Authorization: Bearer $RUNBOOK_TOKEN' '$RUNBOOK_API/api/audit/actions?action=runbook-disable' | grep -q 'e2e kill switch'"

stop
trap - EXIT
checks_summary
