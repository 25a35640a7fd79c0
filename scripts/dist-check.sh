#!/usr/bin/env bash
# Checks the CLI's standalone distribution (scripts/dist.sh; make dist): unpacks the tarball into a
# temporary directory outside the repository and, from another directory, with nothing but a Java
# runtime on the PATH, runs `runbook --version` (the project's version, from the jar's manifest),
# `runbook validate` on a valid and on a broken runbook (exit 0 and 1, FILE:LINE:COLUMN lines),
# a usage error (exit 64) and `bash -n` on the completion script. Usage: dist-check.sh [TARBALL]
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/lib/checks.sh
. "$root/scripts/lib/checks.sh"
checks_init dist-check
project_version="$(sed -n '/<parent>/,/<\/parent>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/cli/pom.xml")"
tarball="${1:-$root/cli/target/runbook-cli-$project_version.tar.gz}"
[ -f "$tarball" ] || { echo "dist-check: no $tarball (run make dist)" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
case "$tmp" in "$root"/*) echo "dist-check: $tmp is inside the repository" >&2; exit 1 ;; esac
tar -xzf "$tarball" -C "$tmp"
home="$tmp/runbook-cli-$project_version"
mkdir -p "$tmp/work"
cat >"$tmp/work/broken.yaml" <<'YAML'
name: broken
version: 1
steps:
  - id: one
    nosuch: {}
YAML
java_dir="$(dirname "$(readlink -f "$(command -v java)")")"
run() { # runs the unpacked launcher from $tmp/work with only java (and the basic tools) on the PATH
  (cd "$tmp/work" && env -i HOME="$tmp" PATH="$java_dir:/usr/bin:/bin" "$home/bin/runbook" "$@")
}

version="$(run --version | head -1)"
check "dist: --version prints the project's version ($version)" \
  test "$version" = "runbook $project_version"
out="$(run validate "$home/examples/hello-http.yaml")" && code=0 || code=$?
check "dist: validate of the example exits 0" test "$code" -eq 0
check "dist: validate says ok" grep -q '^ok .*hello-http.yaml' <<<"$out"
out="$(run validate broken.yaml)" && code=0 || code=$?
check "dist: validate of a broken runbook exits 1" test "$code" -eq 1
check "dist: problems as FILE:LINE:COLUMN" grep -q '^broken.yaml:[0-9]*:[0-9]*: ' <<<"$out"
run validate --bogus >/dev/null 2>&1 && code=0 || code=$?
check "dist: a usage error exits 64" test "$code" -eq 64
check "dist: the bash completion script parses" bash -n "$home/completion/runbook.bash"
check "dist: the jars are in lib" test -f "$home/lib/runbook-cli.jar"
check "dist: README says how to install" grep -q 'runbook --version' "$home/README.md"
checks_summary
