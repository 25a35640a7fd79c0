#!/usr/bin/env bash
# Installs the system packages the tests run against, when they are missing. Idempotent: a
# package already installed is left alone, and `apt-get update` runs at most once per call.
#
#   prometheus  the real Prometheus the `prometheus` step's tests start (Debian package), and
#               the worker's SeedMonitoringLoopTest (the full loop) with Alertmanager
#   prometheus-alertmanager  the real Alertmanager RealAlertmanagerTest and SeedMonitoringLoopTest
#               (worker) drive; those tests fail, rather than skip, when a binary is missing
#   chromium    headless Chromium: scripts/e2e.sh screenshots the Temporal Web UI with it
#   postgresql  a real PostgreSQL server (Debian's, /usr/lib/postgresql/<version>/bin):
#               scripts/prod-test.sh runs the production topology's databases on it
#
# Without root (or without apt-get) it installs nothing and says so; the tests that need a
# missing program are then skipped with a message naming it.
set -euo pipefail

missing=()
[[ -x /usr/bin/prometheus ]] || missing+=(prometheus)
[[ -x /usr/bin/prometheus-alertmanager ]] || missing+=(prometheus-alertmanager)
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: nothing to install (prometheus, prometheus-alertmanager, chromium, postgresql present)"
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: not root, so not installing: ${missing[*]}" \
    "(run 'sudo scripts/install-deps.sh'; until then the tests that need them are skipped)"
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-deps: no apt-get on this system, so not installing: ${missing[*]}" \
    "(install them with the system's package manager; until then their tests are skipped)"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: installed ${missing[*]}"
