# shellcheck shell=bash
# DEV_SERVER_DYNAMIC_CONFIG: the `--dynamic-config-value key=value` arguments of every
# `temporal server start-dev` the scripts run, one pair per key of docker/temporal/dynamicconfig.yaml
# (the production server's dynamic configuration; why each key: docs/performance.md). Source it.
dev_server_dynamic_config() { # the file; prints one key=value a line
  awk '/^[A-Za-z][A-Za-z0-9._]*:[ \t]*$/ { key = $1; sub(/:$/, "", key); next }
       key != "" && /^[ \t]*- value:/ { value = $0; sub(/^[ \t]*- value:[ \t]*/, "", value);
                                         print key "=" value; key = "" }' "$1"
}
DEV_SERVER_DYNAMIC_CONFIG=()
while IFS= read -r pair; do
  DEV_SERVER_DYNAMIC_CONFIG+=(--dynamic-config-value "$pair")
done < <(dev_server_dynamic_config "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/docker/temporal/dynamicconfig.yaml")
