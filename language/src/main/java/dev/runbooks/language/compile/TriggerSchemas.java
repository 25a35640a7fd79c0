package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.SchemaNodes.bool;
import static dev.runbooks.language.compile.SchemaNodes.closed;
import static dev.runbooks.language.compile.SchemaNodes.duration;
import static dev.runbooks.language.compile.SchemaNodes.enumOf;
import static dev.runbooks.language.compile.SchemaNodes.object;
import static dev.runbooks.language.compile.SchemaNodes.ref;
import static dev.runbooks.language.compile.SchemaNodes.req;
import static dev.runbooks.language.compile.SchemaNodes.string;
import static dev.runbooks.language.compile.SchemaNodes.typed;
import static dev.runbooks.language.compile.SchemaNodes.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.model.YamlEnums;

/**
 * The schema of the {@code triggers:} section: which alerts start a runbook. Rules the schema
 * cannot state precisely (sources, one operator per label matcher, regexes, CEL, inputs) are
 * checked by {@link TriggerCheck}.
 */
final class TriggerSchemas {
  private TriggerSchemas() {}

  /** The schema of the {@code triggers} field. */
  static ObjectNode triggers() {
    ObjectNode n = typed("array", "Which alerts start this runbook; any one trigger suffices.");
    n.set("items", ref("trigger", null));
    return n;
  }

  static void addTo(ObjectNode defs) {
    defs.set("trigger", trigger());
    defs.set("labelValue", types("A label value.", "string", "number", "boolean"));
    defs.set("labelMatcher", labelMatcher());
  }

  private static ObjectNode trigger() {
    ObjectNode alertname =
        types("The alert name, or a list of names any of which matches.", "string", "array");
    alertname.set("items", string(null));
    alertname.put("minItems", 1);
    ObjectNode labels = typed("object", "Label matchers by label name; all must hold.");
    labels.set("additionalProperties", ref("labelMatcher", null));
    ObjectNode inputs =
        typed("object", "The run's inputs by name; values may hold templates over alert.");
    return object(
        "One trigger: the alerts it matches and how they become inputs.",
        req(),
        "source",
        string("alertmanager, grafana, generic, generic/<name> or any (the default)."),
        "alertname",
        alertname,
        "labels",
        labels,
        "when",
        string("A CEL condition over alert; only alert is in scope."),
        "inputs",
        inputs,
        "dedupKey",
        string("A template over alert naming the run; the alert fingerprint by default."),
        "cooldown",
        duration("How long after a run starts the same key starts no new run; 0 by default."),
        "onResolved",
        enumOf(
            "What the alert resolving does to its run: signal (default), cancel, ignore, or"
                + " stopBeforeMutation (the run finishes its current step and stops before its"
                + " next mutating step with outcome resolved-externally).",
            YamlEnums.names(OnResolved.values())),
        "maxAge",
        duration(
            "A firing alert that started longer ago than this starts no run (it is recorded as"
                + " stale), such as 30m; no limit by default."));
  }

  private static ObjectNode labelMatcher() {
    ObjectNode in = typed("array", "The label is one of these values.");
    in.set("items", ref("labelValue", null));
    in.put("minItems", 1);
    ObjectNode notIn = typed("array", "The label is none of these values (or absent).");
    notIn.set("items", ref("labelValue", null));
    notIn.put("minItems", 1);
    return closed(
        types(
            "A value the label must equal, or a map with exactly one operator.",
            "string",
            "number",
            "boolean",
            "object"),
        null,
        req(),
        "equals",
        ref("labelValue", "The label equals this value."),
        "notEquals",
        ref("labelValue", "The label is not this value (or is absent)."),
        "in",
        in,
        "notIn",
        notIn,
        "regex",
        string("A regular expression the whole label value matches."),
        "notRegex",
        string("A regular expression the whole label value does not match."),
        "exists",
        bool("Whether the label is present."));
  }
}
