#!/usr/bin/env bash
# Kubernetes JSON schemas for kubeconform in .tools/k8s-schemas/<version>/, made only when missing.
# The built-in kinds come from the OpenAPI spec inside the k8s.io/kubernetes Go module, the
# ServiceMonitor and PrometheusRule kinds from the CRDs inside prometheus-operator's Go module,
# both fetched through the Go module proxy (`go mod download`), and converted by
# scripts/k8s-schemas.py. Prints the schema directory on stdout.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
K8S_VERSION="${K8S_VERSION:-v1.36.3}"
PROMETHEUS_OPERATOR_VERSION="${PROMETHEUS_OPERATOR_VERSION:-v0.85.0}"
out="$root/.tools/k8s-schemas/$K8S_VERSION-po-$PROMETHEUS_OPERATOR_VERSION"

if [ -f "$out/.complete" ]; then
  echo "$out"
  exit 0
fi
command -v go >/dev/null 2>&1 || { echo "k8s-schemas: Go is needed to fetch the modules" >&2; exit 1; }

module_dir() { # module@version -> its directory in the module cache
  (cd "$(mktemp -d)" && go mod download -json "$1") |
    python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(d["Error"]) if "Error" in d else print(d["Dir"])'
}

echo "k8s-schemas: fetching k8s.io/kubernetes@$K8S_VERSION and prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" >&2
k8s="$(module_dir "k8s.io/kubernetes@$K8S_VERSION")"
po="$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")"
rm -rf "$out"
python3 "$root/scripts/k8s-schemas.py" "$k8s/api/openapi-spec/swagger.json" \
  "$po/example/prometheus-operator-crd" "$out" >&2
touch "$out/.complete"
echo "$out"
