#!/usr/bin/env bash
# `make stop`: stops what `RUNBOOK_RUN_DETACH=1 make run` started (pids in .data/run.pids).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pids_file="${RUNBOOK_DATA_DIR:-$root/.data}/run.pids"
if [ ! -f "$pids_file" ]; then
  echo "stop: nothing to stop ($pids_file not found)"
  exit 0
fi
mapfile -t pids <"$pids_file"
# The worker (last) first, then the Temporal server.
for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
  pid="${pids[$i]}"
  [ -n "$pid" ] || continue
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -9 "$pid" 2>/dev/null || true
    echo "stop: stopped $pid"
  fi
done
rm -f "$pids_file"
