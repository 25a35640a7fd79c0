#!/usr/bin/env bash
# Installs the Temporal CLI (and tctl, optional) into ./.tools/bin, only when missing, and the
# Temporal server with its SQL tool (`server`, `temporal-sql-tool`; scripts/prod-test.sh runs the
# production topology with them). Idempotent: run it as often as you like.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
TCTL_VERSION="${TCTL_VERSION:-v1.18.4}"
# v1.29.1 builds with the machine's Go; later server versions need GOTOOLCHAIN=go1.27.3.
TEMPORAL_SERVER_VERSION="${TEMPORAL_SERVER_VERSION:-v1.29.1}"

have_go() {
  if command -v go >/dev/null 2>&1; then
    return 0
  fi
  echo "tools: Go is not installed, so the Temporal CLI cannot be built here." >&2
  echo "tools: install Go (https://go.dev/dl/) or put a 'temporal' binary in $bin" >&2
  echo "tools: (https://docs.temporal.io/cli#install); 'make run' then uses it." >&2
  return 1
}

install_tool() { # name, package@version, required(yes|no)
  local name="$1" package="$2" required="$3"
  if [ -x "$bin/$name" ]; then
    echo "tools: $name already installed ($bin/$name)"
    return 0
  fi
  have_go || { [ "$required" = yes ] && return 1 || return 0; }
  echo "tools: installing $name from $package (this takes a few minutes the first time)"
  if GOBIN="$bin" go install "$package"; then
    echo "tools: installed $bin/$name"
  elif [ "$required" = yes ]; then
    echo "tools: could not install $name" >&2
    return 1
  else
    echo "tools: could not install $name (optional; the temporal CLI covers what it does)" >&2
  fi
}

install_tool temporal "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" yes
install_tool tctl "github.com/temporalio/tctl/cmd/tctl@$TCTL_VERSION" no
install_tool server "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" yes
# The SQL tool's package is cmd/tools/sql, so `go install` names it `sql`: it is kept under its
# released name, temporal-sql-tool (the same module version as the server: the schemas match).
if [ ! -x "$bin/temporal-sql-tool" ]; then
  if [ -x "$bin/sql" ]; then
    mv "$bin/sql" "$bin/temporal-sql-tool"
  else
    install_tool sql "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION" yes
    mv "$bin/sql" "$bin/temporal-sql-tool"
  fi
  echo "tools: installed $bin/temporal-sql-tool"
else
  echo "tools: temporal-sql-tool already installed ($bin/temporal-sql-tool)"
fi
