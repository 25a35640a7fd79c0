#!/usr/bin/env python3
"""Checks manifests rendered by `helm template` of deploy/helm/runbook-engine (deploy-check.sh).

Usage: deploy_check_manifests.py DEFAULT_RENDER EVERYTHING_RENDER

For each render: one starter and one worker Deployment from the same image, the role set by
RUNBOOK_WORKER_ENABLED; probes on /actuator/health/liveness and /readiness; pods non-root with a
read-only root file system and an emptyDir on /tmp; resources set; no Secret object (the chart
references Secrets, it holds none); no literal secret value in an environment variable. The
"everything on" render must also hold the codec Service, the ServiceMonitor and PrometheusRule,
and the webhook and Temporal TLS files.
"""

import re
import sys

import yaml

SECRET_NAME = re.compile(r"(PASSWORD|TOKEN|SECRET|API_KEY|DATABASE_URL|DECISION_KEY|ROUTING_KEY)$")


def load(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d]


def env_of(container):
    return {e["name"]: e.get("value") for e in container.get("env", [])}


def check_render(docs, everything):
    errors = []
    kinds = [d["kind"] for d in docs]
    if "Secret" in kinds:
        errors.append("the chart renders a Secret object")
    deployments = {d["metadata"]["labels"]["app.kubernetes.io/component"]: d
                   for d in docs if d["kind"] == "Deployment"}
    if set(deployments) != {"starter", "worker"}:
        errors.append(f"Deployments {sorted(deployments)}, expected starter and worker")
        return errors
    images = set()
    for role, deployment in deployments.items():
        pod = deployment["spec"]["template"]["spec"]
        psc = pod.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True or not psc.get("runAsUser"):
            errors.append(f"{role}: pod not runAsNonRoot with a runAsUser")
        if pod.get("automountServiceAccountToken") is not False:
            errors.append(f"{role}: service account token mounted")
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        for container in pod["containers"]:
            images.add(container["image"])
            sc = container.get("securityContext", {})
            if sc.get("readOnlyRootFilesystem") is not True:
                errors.append(f"{role}: root file system not read-only")
            if sc.get("allowPrivilegeEscalation") is not False:
                errors.append(f"{role}: privilege escalation allowed")
            if "ALL" not in sc.get("capabilities", {}).get("drop", []):
                errors.append(f"{role}: capabilities not dropped")
            mounts = {m["mountPath"]: m["name"] for m in container.get("volumeMounts", [])}
            if "emptyDir" not in volumes.get(mounts.get("/tmp", ""), {}):
                errors.append(f"{role}: /tmp is not an emptyDir")
            probes = {
                "livenessProbe": "/actuator/health/liveness",
                "startupProbe": "/actuator/health/liveness",
                "readinessProbe": "/actuator/health/readiness",
            }
            for probe, path in probes.items():
                if container.get(probe, {}).get("httpGet", {}).get("path") != path:
                    errors.append(f"{role}: {probe} not on {path}")
            if not container.get("resources", {}).get("requests"):
                errors.append(f"{role}: no resource requests")
            env = env_of(container)
            expected = "true" if role == "worker" else "false"
            if env.get("RUNBOOK_WORKER_ENABLED") != expected:
                errors.append(f"{role}: RUNBOOK_WORKER_ENABLED={env.get('RUNBOOK_WORKER_ENABLED')}")
            for name, value in env.items():
                if SECRET_NAME.search(name) and value and not value.startswith(("file:", "env:")):
                    errors.append(f"{role}: {name} holds a literal value, not a file reference")
            if everything:
                for path in ("/etc/runbook/secrets", "/etc/runbook/config-tree", "/etc/runbook/runbooks"):
                    if path not in mounts:
                        errors.append(f"{role}: {path} not mounted")
                for name in ("RUNBOOK_TEMPORAL_API_KEY", "RUNBOOK_TEMPORAL_TLS_CERT_FILE",
                             "RUNBOOK_CODEC_ACTIVE_KEY"):
                    if name not in env:
                        errors.append(f"{role}: {name} not set")
                if role == "starter" and env.get("RUNBOOK_CODEC_SERVER_PORT") != "8089":
                    errors.append("starter: codec server port not set")
                if role == "worker" and "RUNBOOK_CODEC_SERVER_PORT" in env:
                    errors.append("worker: serves the codec server")
    if len(images) != 1:
        errors.append(f"roles run different images: {sorted(images)}")
    pdbs = [d for d in docs if d["kind"] == "PodDisruptionBudget"]
    if len(pdbs) != 2:
        errors.append(f"{len(pdbs)} PodDisruptionBudgets, expected 2")
    if everything:
        for kind in ("ServiceMonitor", "PrometheusRule"):
            if kind not in kinds:
                errors.append(f"no {kind}")
        services = [d["metadata"]["name"] for d in docs if d["kind"] == "Service"]
        if not any(name.endswith("-codec") for name in services):
            errors.append("no codec Service")
        config = next(d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"].endswith("-config"))
        application = yaml.safe_load(config["data"]["application.yaml"])
        sources = application["runbook"]["intake"]["sources"]
        if sources["alertmanager"]["auth"].get("token-file") != "/etc/runbook/secrets/webhooks/alertmanager":
            errors.append("alertmanager webhook token is not a file")
        rules = next(d for d in docs if d["kind"] == "PrometheusRule")
        if not rules["spec"]["groups"][0]["rules"]:
            errors.append("PrometheusRule without rules")
    else:
        for kind in ("ServiceMonitor", "PrometheusRule"):
            if kind in kinds:
                errors.append(f"{kind} rendered although off by default")
    return errors


def main():
    default_path, everything_path = sys.argv[1:3]
    errors = [f"default: {e}" for e in check_render(load(default_path), False)]
    errors += [f"everything: {e}" for e in check_render(load(everything_path), True)]
    for error in errors:
        print(error)
    if errors:
        sys.exit(1)
    print("manifests: roles, probes, security, secrets by reference: as expected")


if __name__ == "__main__":
    main()
