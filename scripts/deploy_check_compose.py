#!/usr/bin/env python3
"""Checks of the compose file and the Dockerfile for scripts/deploy-check.sh.

  deploy_check_compose.py COMPOSE_FILE RESOLVED_COMPOSE
      the compose file's wiring (RESOLVED_COMPOSE: the output of `docker compose config` or
      compose-check): temporalio/server (not auto-setup) after an admin-tools schema job with
      temporal-sql-tool (postgres12, persistence and visibility), `temporal operator cluster
      health`, the namespace job, docker/temporal/config.yaml and dynamicconfig.yaml mounted (the
      latter named by DYNAMIC_CONFIG_FILE_PATH), the starter and worker
      roles from one image with readiness health checks, the codec server's port, every secret a
      git-ignored file and no literal secret in an environment variable.
  deploy_check_compose.py --render-temporal-config SERVER COMPOSE_FILE CONFIG
      renders CONFIG with `SERVER render-config` and the temporal service's environment.
  deploy_check_compose.py --dockerfile DOCKERFILE DOCKERIGNORE
      the Dockerfile's runtime stage: JRE 25, a fixed non-root UID, the four layers copied
      separately, the CDS training run and archive, the HEALTHCHECK script; no secret-named
      ARG/ENV; .dockerignore keeps secrets, run data, build output and Git out.
"""

import os
import re
import subprocess
import sys
import tempfile

import yaml

SECRET_ENV = re.compile(r"(PASSWORD|PWD|TOKEN|SECRET|ROUTING_KEY|DECISION_KEY|API_KEY|DATABASE_URL)$")


def command_text(service):
    parts = []
    for key in ("entrypoint", "command"):
        value = service.get(key) or []
        parts.extend(value if isinstance(value, list) else [value])
    return "\n".join(str(p) for p in parts)


def compose(raw_path, resolved_path):
    errors = []
    with open(resolved_path, encoding="utf-8") as f:
        project = yaml.safe_load(f)
    services = project["services"]
    for name, service in services.items():
        if "auto-setup" in str(service.get("image", "")):
            errors.append(f"{name}: uses the deprecated auto-setup image")
    temporal = services.get("temporal", {})
    if not re.match(r"^temporalio/server:1\.29\.\d+$", str(temporal.get("image"))):
        errors.append(f"temporal: image {temporal.get('image')}, expected temporalio/server:1.29.x")
    mounts = [v.get("source", "") + ":" + v.get("target", "") for v in temporal.get("volumes", [])]
    if not any(m.split(":")[0].endswith("docker/temporal/config.yaml") for m in mounts):
        errors.append("temporal: docker/temporal/config.yaml not mounted")
    dynamic = [m.split(":", 1)[1] for m in mounts
               if m.split(":")[0].endswith("docker/temporal/dynamicconfig.yaml")]
    if not dynamic:
        errors.append("temporal: docker/temporal/dynamicconfig.yaml not mounted")
    elif temporal.get("environment", {}).get("DYNAMIC_CONFIG_FILE_PATH") not in dynamic:
        errors.append("temporal: DYNAMIC_CONFIG_FILE_PATH is not the mounted dynamicconfig.yaml")
    if "service_completed_successfully" != temporal.get("depends_on", {}).get(
            "temporal-schema", {}).get("condition"):
        errors.append("temporal: does not wait for the schema job")
    schema_job = services.get("temporal-schema", {})
    text = command_text(schema_job)
    if not str(schema_job.get("image", "")).startswith("temporalio/admin-tools:1.29."):
        errors.append("temporal-schema: not temporalio/admin-tools 1.29.x")
    for needle in ("temporal-sql-tool", "postgres12", "setup-schema", "update-schema",
                   "postgresql/v12/temporal", "postgresql/v12/visibility", "temporal_visibility"):
        if needle not in text:
            errors.append(f"temporal-schema: no {needle}")
    health = [s for s in services.values()
              if "temporal operator cluster health" in " ".join(map(str, s.get("healthcheck", {}).get("test", [])))]
    if not health:
        errors.append("no health check with `temporal operator cluster health`")
    if "namespace create" not in command_text(services.get("temporal-namespace", {})):
        errors.append("temporal-namespace: does not create the namespace")
    starter, worker = services.get("starter", {}), services.get("worker", {})
    if not starter or not worker:
        errors.append("no starter or no worker service")
        return errors
    if starter.get("image") != worker.get("image"):
        errors.append("starter and worker run different images")
    if str(starter.get("environment", {}).get("RUNBOOK_WORKER_ENABLED")) != "false":
        errors.append("starter: RUNBOOK_WORKER_ENABLED is not false")
    if str(worker.get("environment", {}).get("RUNBOOK_WORKER_ENABLED", "true")) != "true":
        errors.append("worker: the Temporal worker is off")
    for name, service in (("starter", starter), ("worker", worker)):
        test = " ".join(map(str, service.get("healthcheck", {}).get("test", [])))
        if "/app/healthcheck.sh" not in test:
            errors.append(f"{name}: health check is not /app/healthcheck.sh")
        if service.get("depends_on", {}).get("temporal-namespace", {}).get(
                "condition") != "service_completed_successfully":
            errors.append(f"{name}: does not wait for the namespace job")
        if not service.get("read_only"):
            errors.append(f"{name}: root file system not read-only")
    starter_env = starter.get("environment", {})
    if str(starter_env.get("RUNBOOK_CODEC_SERVER_PORT")) != "8089":
        errors.append("starter: codec server port is not 8089")
    if not any(str(p.get("target")) == "8089" for p in starter.get("ports", [])):
        errors.append("starter: codec port 8089 not published")
    for name, service in services.items():
        for key, value in (service.get("environment") or {}).items():
            value = "" if value is None else str(value)
            if SECRET_ENV.search(key) and value and not (
                    value.startswith("file:") or value.startswith("/run/secrets/")):
                errors.append(f"{name}: {key} is a literal secret value")
    for name, secret in project.get("secrets", {}).items():
        path = secret.get("file", "")
        if "/docker/secrets/" not in path:
            errors.append(f"secret {name}: not a file under docker/secrets/")
            continue
        relative = "docker/secrets/" + path.split("/docker/secrets/", 1)[1]
        if subprocess.run(["git", "check-ignore", "-q", relative]).returncode != 0:
            errors.append(f"secret {name}: {relative} is not git-ignored")
        with open("docker/secrets/README.md", encoding="utf-8") as f:
            if os.path.basename(relative) not in f.read():
                errors.append(f"secret {name}: not described in docker/secrets/README.md")
    return errors


def render_temporal_config(server, raw_path, config_path):
    with open(raw_path, encoding="utf-8") as f:
        env = dict(yaml.safe_load(f)["services"]["temporal"].get("environment", {}))
    env = {k: str(v) for k, v in env.items()}
    env["POSTGRES_PWD"] = "deploy-check-password"  # compose's command reads it from the secret file
    env["TEMPORAL_BROADCAST_ADDRESS"] = "127.0.0.1"  # and this from `hostname -i`
    with tempfile.TemporaryDirectory() as tmp:
        with open(config_path, encoding="utf-8") as src, open(os.path.join(tmp, "config.yaml"), "w") as dst:
            dst.write(src.read())
        result = subprocess.run(
            [server, "--root", tmp, "--config", tmp, "--env", "config", "render-config"],
            env={**{"PATH": os.environ["PATH"]}, **env}, capture_output=True, text=True)
    if result.returncode != 0:
        return [f"render-config failed: {result.stderr.strip() or result.stdout.strip()}"]
    out = result.stdout
    errors = []
    seeds = env.get("POSTGRES_SEEDS", "postgresql") + ":" + env.get("DB_PORT", "5432")
    needles = ["postgres12", f"connectAddr: {seeds}", "temporal_visibility"]
    if env.get("DYNAMIC_CONFIG_FILE_PATH"):
        needles.append(f"filepath: {env['DYNAMIC_CONFIG_FILE_PATH']}")
    for needle in needles:
        if needle not in out:
            errors.append(f"rendered config has no {needle!r}: its variables differ from compose's")
    # render-config masks every password, set or not: read the template for the variable instead
    with open(config_path, encoding="utf-8") as f:
        if not re.search(r'env "POSTGRES_PWD"|\.Env\.POSTGRES_PWD', f.read()):
            errors.append("the config does not read its password from POSTGRES_PWD (compose sets it)")
    if not errors:
        print(f"rendered with {', '.join(sorted(env))}")
    return errors


def dockerfile(path, ignore_path):
    errors = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    args = dict(re.findall(r"^ARG (\w+)=(\S+)", text, re.M))
    stages = re.split(r"^FROM ", text, flags=re.M)
    runtime = stages[-1]
    base = runtime.split()[0]
    base = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), base)
    if base != "eclipse-temurin:25-jre":
        errors.append(f"runtime image {base}, expected eclipse-temurin:25-jre")
    users = re.findall(r"^USER (\S+)", runtime, re.M)
    if not users:
        errors.append("runtime stage has no USER")
    else:
        uid = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), users[-1]).split(":")[0]
        if not uid.isdigit() or int(uid) == 0:
            errors.append(f"USER {users[-1]} is not a fixed non-root UID")
    copies = re.findall(r"^COPY --from=build /extracted/([\w-]+)/ \./", runtime, re.M)
    if copies != ["dependencies", "spring-boot-loader", "snapshot-dependencies", "application"]:
        errors.append(f"layer copies {copies}")
    if re.search(r"^COPY \. ", runtime, re.M):
        errors.append("runtime stage copies the whole build context")
    for needle in ("-Djarmode=tools", "extract --layers", "-XX:ArchiveClassesAtExit=/app/application.jsa",
                   "-Dspring.context.exit=onRefresh", "RUNBOOK_INTAKE_ENABLED=false",
                   '"-XX:SharedArchiveFile=/app/application.jsa"', 'CMD ["/app/healthcheck.sh"]'):
        if needle not in text:
            errors.append(f"Dockerfile has no {needle}")
    # deploy-check.sh runs the training run with the same JVM flags and environment
    with open("scripts/deploy-check.sh", encoding="utf-8") as f:
        script = f.read()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for flag in re.findall(r"(-X[^\s\",]+|--enable-native-access=[^\s\",]+|-Dspring\.[^\s\",]+|[A-Z_]+=(?:false|true))", code):
        if flag.startswith("-XX:SharedArchiveFile") or flag.startswith("-XX:ArchiveClassesAtExit"):
            flag = flag.split("=")[0]
        if flag not in script:
            errors.append(f"deploy-check.sh does not run the Dockerfile's {flag}")
    for name in re.findall(r"^(?:ARG|ENV)\s+(\w+)", text, re.M):
        if re.search(r"PASSWORD|TOKEN|SECRET|API_KEY", name):
            errors.append(f"Dockerfile declares {name}")
    with open("docker/healthcheck.sh", encoding="utf-8") as f:
        probe = f.read()
    if "/actuator/health/" not in probe or "200" not in probe or '"status"' in probe:
        errors.append("healthcheck.sh does not decide by the status code of /actuator/health/*")
    with open(ignore_path, encoding="utf-8") as f:
        ignored = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    for needed in (".git", ".data", ".tools", "**/target", "docker/secrets"):
        if needed not in ignored:
            errors.append(f".dockerignore lacks {needed}")
    return errors


def main():
    argv = sys.argv[1:]
    if argv and argv[0] == "--render-temporal-config":
        errors = render_temporal_config(*argv[1:4])
    elif argv and argv[0] == "--dockerfile":
        errors = dockerfile(*argv[1:3])
    else:
        errors = compose(*argv[0:2])
    for error in errors:
        print(error)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
