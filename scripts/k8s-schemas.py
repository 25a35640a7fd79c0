#!/usr/bin/env python3
"""Kubernetes JSON schemas for kubeconform, made from sources reachable through the Go module proxy.

Usage: k8s-schemas.py SWAGGER_JSON CRD_DIR OUT_DIR

- SWAGGER_JSON: api/openapi-spec/swagger.json of the k8s.io/kubernetes module (every built-in
  kind's OpenAPI v2 definition).
- CRD_DIR: a directory of CustomResourceDefinition YAML files (prometheus-operator's
  example/prometheus-operator-crd); each served version's openAPIV3Schema becomes a schema.
- OUT_DIR: written as kubeconform's layout {kind}{-group}{-version}.json (lower case, the group's
  first DNS label), used with -schema-location 'OUT_DIR/{{ .ResourceKind }}{{ .KindSuffix }}.json'.

The schemas are standalone (every $ref inlined) and strict (objects with declared properties
allow no others), as kubeconform's own -strict schemas are; int-or-string and quantities accept
a string or a number, as the API server does.
"""

import json
import os
import sys

import yaml

# YAML 1.1's "=" (value) key, as in enums of "=" and "!=": a plain string
yaml.SafeLoader.add_constructor("tag:yaml.org,2002:value", lambda loader, node: loader.construct_scalar(node))

INT_OR_STRING = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
QUANTITY = {"oneOf": [{"type": "string"}, {"type": "number"}]}


def file_name(kind, group, version):
    suffix = "-" + group.split(".")[0].lower() if group else ""
    return f"{kind.lower()}{suffix}-{version.lower()}.json"


def strict(schema):
    """Objects that declare properties accept no other keys; recurses through the schema."""
    if isinstance(schema, dict):
        if "properties" in schema and "additionalProperties" not in schema:
            if not schema.get("x-kubernetes-preserve-unknown-fields"):
                schema["additionalProperties"] = False
        for value in schema.values():
            strict(value)
    elif isinstance(schema, list):
        for value in schema:
            strict(value)
    return schema


def nullable(schema):
    """OpenAPI's nullable: true as JSON Schema (null allowed beside the declared type)."""
    if isinstance(schema, dict):
        if schema.get("nullable") is True and isinstance(schema.get("type"), str):
            schema["type"] = [schema["type"], "null"]
        for value in schema.values():
            nullable(value)
    elif isinstance(schema, list):
        for value in schema:
            nullable(value)
    return schema


def inline(node, definitions, stack):
    if isinstance(node, list):
        return [inline(item, definitions, stack) for item in node]
    if not isinstance(node, dict):
        return node
    if isinstance(node.get("$ref"), str):
        name = node["$ref"].split("/")[-1]
        if name == "io.k8s.apimachinery.pkg.util.intstr.IntOrString":
            return dict(INT_OR_STRING)
        if name == "io.k8s.apimachinery.pkg.api.resource.Quantity":
            return dict(QUANTITY)
        if name in stack:  # a recursive type (JSONSchemaProps): accept anything below
            return {}
        resolved = inline(definitions[name], definitions, stack | {name})
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {**resolved, **rest} if rest else resolved
    if node.get("format") == "int-or-string":
        return dict(INT_OR_STRING)
    return {key: inline(value, definitions, stack) for key, value in node.items()}


def builtin(swagger_path, out_dir):
    with open(swagger_path, encoding="utf-8") as f:
        definitions = json.load(f)["definitions"]
    count = 0
    for name, definition in definitions.items():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            schema = inline(definition, definitions, {name})
            schema = strict(schema)
            schema["$schema"] = "http://json-schema.org/schema#"
            api_version = f"{gvk['group']}/{gvk['version']}" if gvk["group"] else gvk["version"]
            props = schema.setdefault("properties", {})
            props["apiVersion"] = {"type": "string", "enum": [api_version]}
            props["kind"] = {"type": "string", "enum": [gvk["kind"]]}
            path = os.path.join(out_dir, file_name(gvk["kind"], gvk["group"], gvk["version"]))
            with open(path, "w", encoding="utf-8") as out:
                json.dump(schema, out)
            count += 1
    return count


def crds(crd_dir, out_dir):
    count = 0
    for entry in sorted(os.listdir(crd_dir)):
        if not entry.endswith((".yaml", ".yml")):
            continue
        with open(os.path.join(crd_dir, entry), encoding="utf-8") as f:
            for doc in yaml.safe_load_all(f):
                if not doc or doc.get("kind") != "CustomResourceDefinition":
                    continue
                spec = doc["spec"]
                for version in spec["versions"]:
                    schema = version.get("schema", {}).get("openAPIV3Schema")
                    if not schema:
                        continue
                    schema = nullable(strict(schema))
                    schema["$schema"] = "http://json-schema.org/schema#"
                    props = schema.setdefault("properties", {})
                    api_version = f"{spec['group']}/{version['name']}"
                    props["apiVersion"] = {"type": "string", "enum": [api_version]}
                    props["kind"] = {"type": "string", "enum": [spec["names"]["kind"]]}
                    props.setdefault("metadata", {"type": "object"})
                    name = file_name(spec["names"]["kind"], spec["group"], version["name"])
                    with open(os.path.join(out_dir, name), "w", encoding="utf-8") as out:
                        json.dump(schema, out)
                    count += 1
    return count


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: k8s-schemas.py SWAGGER_JSON CRD_DIR OUT_DIR")
    swagger_path, crd_dir, out_dir = sys.argv[1:]
    os.makedirs(out_dir, exist_ok=True)
    print(f"k8s-schemas: {builtin(swagger_path, out_dir)} built-in kinds, "
          f"{crds(crd_dir, out_dir)} custom resource versions into {out_dir}")


if __name__ == "__main__":
    main()
