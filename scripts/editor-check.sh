#!/usr/bin/env bash
# Checks the editor schemas with the YAML language server that the VS Code YAML extension runs
# (docs/editors.md): installs yaml-language-server from npm into .tools (once), then runs
# scripts/editor-check.cjs on the repository. Needs node and npm. Usage:
#   scripts/editor-check.sh            # YAML_LS_VERSION=1.25.0 by default
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="${YAML_LS_VERSION:-1.25.0}"
cache="${EDITOR_CHECK_DIR:-$root/.tools/yaml-language-server-$version}"

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "editor-check: $tool is not on the PATH; install Node.js 18 or newer." >&2
    exit 1
  fi
done

if [ ! -f "$cache/node_modules/yaml-language-server/package.json" ]; then
  mkdir -p "$cache"
  (cd "$cache" && [ -f package.json ] || printf '{"private": true}\n' >"$cache/package.json")
  npm install --prefix "$cache" --no-audit --no-fund --silent \
    "yaml-language-server@$version" vscode-languageserver-textdocument@1.0.16 vscode-uri@3.2.0
fi

NODE_PATH="$cache/node_modules" node "$root/scripts/editor-check.cjs" "$root"
