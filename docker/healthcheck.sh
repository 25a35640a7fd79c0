#!/usr/bin/env bash
# The image's HEALTHCHECK: exits 0 only when GET /actuator/health/liveness (or, with the argument
# "readiness", /actuator/health/readiness) answers HTTP status 200. The JRE image has no curl:
# bash's /dev/tcp sends the request, and the status line decides, not the body (a body can say UP
# for a reason other than this probe). The port is the management port when one is set, else the
# server port, else 8080.
set -euo pipefail

probe="${1:-liveness}"
case "$probe" in
  liveness | readiness) ;;
  *)
    echo "usage: healthcheck.sh [liveness|readiness]" >&2
    exit 2
    ;;
esac
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}"
printf 'GET /actuator/health/%s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' "$probe" >&3
status_line=""
IFS= read -r -t 5 status_line <&3 || true
exec 3<&-
status_line="${status_line%$'\r'}"
if [[ "$status_line" =~ ^HTTP/[0-9.]+\ 200([[:space:]]|$) ]]; then
  exit 0
fi
echo "${probe}: ${status_line:-no answer} on port ${port}" >&2
exit 1
