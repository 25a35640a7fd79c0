package dev.runbooks.language.compile;

import static dev.runbooks.language.compile.SchemaNodes.bool;
import static dev.runbooks.language.compile.SchemaNodes.closed;
import static dev.runbooks.language.compile.SchemaNodes.duration;
import static dev.runbooks.language.compile.SchemaNodes.enumOf;
import static dev.runbooks.language.compile.SchemaNodes.ifString;
import static dev.runbooks.language.compile.SchemaNodes.integer;
import static dev.runbooks.language.compile.SchemaNodes.node;
import static dev.runbooks.language.compile.SchemaNodes.object;
import static dev.runbooks.language.compile.SchemaNodes.ref;
import static dev.runbooks.language.compile.SchemaNodes.req;
import static dev.runbooks.language.compile.SchemaNodes.string;
import static dev.runbooks.language.compile.SchemaNodes.stringList;
import static dev.runbooks.language.compile.SchemaNodes.stringMap;
import static dev.runbooks.language.compile.SchemaNodes.typed;
import static dev.runbooks.language.compile.SchemaNodes.types;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.model.AccessAction;
import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The JSON Schema (draft 2020-12) of runbook files, generated from the fixed base (document,
 * inputs, common step fields, control steps) and the schema fragment of every registered {@link
 * ActionKind}. Step lists are recursive through {@code $defs}. The schema avoids {@code oneOf} and
 * {@code anyOf} so that validation errors stay precise; rules it cannot express (exactly one step
 * type, durations) are checked by the compiler.
 */
public final class RunbookSchema {
  /** The key of an action step schema file's editor snippet, which the compiler's schema drops. */
  static final String SNIPPET = "x-snippet";

  /** The schema's {@code $id}. */
  public static final String ID = "https://runbooks.dev/schema/runbook.schema.json";

  private static final ObjectNode SCHEMA = build();

  private RunbookSchema() {}

  /** The generated schema (a fresh copy). */
  public static ObjectNode schema() {
    return SCHEMA.deepCopy();
  }

  static ObjectNode shared() {
    return SCHEMA;
  }

  /** The schema as pretty-printed JSON with a trailing newline, as it is committed. */
  public static String json() {
    try {
      return Json.mapper()
              .writer()
              .with(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(SCHEMA)
              .replace("\r\n", "\n")
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode build() {
    ObjectNode root = node();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", ID);
    root.put("title", "Runbook");
    Object[] base = {
      "apiVersion",
      enumOf("The language version; always runbooks.dev/v1.", "runbooks.dev/v1"),
      "kind",
      enumOf("The document kind; always Runbook.", "Runbook"),
      "metadata",
      metadata(),
      "inputs",
      inputs(),
      "triggers",
      TriggerSchemas.triggers(),
      "schedules",
      ScheduleSchemas.schedules(),
      "targets",
      targets(),
      "access",
      access(),
      "steps",
      ref("steps", "The steps, run in order."),
      "finally",
      ref("steps", "Steps that always run at the end, after any compensation.")
    };
    rootObject(
        root,
        "An operational runbook: YAML steps compiled into a durable Temporal workflow.",
        req("apiVersion", "kind", "metadata", "steps"),
        concat(base, RailSchemas.runbookProperties()));
    ObjectNode defs = root.putObject("$defs");
    defs.set(
        "duration", string("A duration such as 250ms, 30s, 5m, 1h30m, 2d or PT30S (ISO-8601)."));
    ObjectNode steps = typed("array", "A list of steps.");
    steps.put("minItems", 1);
    steps.set("items", ref("step", null));
    defs.set("steps", steps);
    defs.set("step", step());
    defs.set("retry", retry());
    defs.set("onFailure", onFailure());
    ControlStepSchemas.addTo(defs);
    TriggerSchemas.addTo(defs);
    ScheduleSchemas.addTo(defs);
    RailSchemas.addTo(defs);
    ObjectNode probe = node();
    probe.put("type", "object");
    probe.put("description", "The action to run each time: exactly one action step type.");
    ObjectNode probeProps = probe.putObject("properties");
    for (ActionKind kind : ActionKinds.all()) {
      defs.set(actionDef(kind), fragment(kind));
      probeProps.set(kind.name(), ref(actionDef(kind), kind.description()));
    }
    probe.put("additionalProperties", false);
    defs.set("probe", probe);
    return root;
  }

  private static Object[] concat(Object[] a, Object[] b) {
    Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static ObjectNode targets() {
    ObjectNode n =
        stringList(
            "Where the runbook may act: host patterns (prometheus, *.svc.cluster.local,"
                + " jarvis-*:8742), CIDRs or addresses (10.0.0.0/8, 127.0.0.1) and URL prefixes"
                + " (https://hooks.slack.com/services/). Every destination of an action step must"
                + " match one; written out, never templates.");
    n.put("minItems", 1);
    return n;
  }

  /** The pattern of an {@code access:} entry; {@link SchemaCheck} words its message. */
  static final String PRINCIPAL = "^(user|group):[^\\s:]+$";

  private static ObjectNode access() {
    Object[] properties = new Object[AccessAction.values().length * 2];
    int i = 0;
    for (AccessAction action : AccessAction.values()) {
      ObjectNode list = typed("array", "Who may " + action + " runs of this runbook.");
      list.put("minItems", 1);
      list.set("items", string(null).put("pattern", PRINCIPAL));
      properties[i++] = action.toString();
      properties[i++] = list;
    }
    return object(
        "Who may start, approve, abort and acknowledge runs of this runbook: user:<name> and"
            + " group:<name> entries per action. An action not listed keeps the role defaults;"
            + " approve applies in addition to an approval step's approvers.",
        req(),
        properties);
  }

  private static ObjectNode rootObject(
      ObjectNode n, String description, String[] required, Object... properties) {
    n.put("type", "object");
    return closed(n, description, required, properties);
  }

  static String actionDef(ActionKind kind) {
    return "action-" + kind.name();
  }

  private static ObjectNode fragment(ActionKind kind) {
    ObjectNode schema = stepSchema(kind);
    schema.remove("$schema");
    schema.remove("$id");
    schema.remove(SNIPPET);
    if (!schema.has("description")) {
      schema.put("description", kind.description());
    }
    return schema;
  }

  /**
   * The editor snippet an action step's schema file carries under {@value #SNIPPET} ({@code
   * description} and {@code body}), or a missing node; only the editor schema uses it.
   */
  static JsonNode snippet(ActionKind kind) {
    return stepSchema(kind).path(SNIPPET);
  }

  private static ObjectNode stepSchema(ActionKind kind) {
    try (InputStream in = ActionKind.class.getResourceAsStream(kind.schemaResource())) {
      if (in == null) {
        throw new IllegalStateException(
            "schema of step type " + kind.name() + " not found: " + kind.schemaResource());
      }
      return (ObjectNode) Json.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode metadata() {
    ObjectNode name = string("The runbook's name and Temporal workflow type.");
    name.put("pattern", "^[a-z][a-z0-9-]{1,62}$");
    return object(
        "Who the runbook is and what it is for.",
        req("name"),
        "name",
        name,
        "title",
        string("A one-line title."),
        "description",
        string("What the runbook does and when to use it."),
        "owner",
        string("The team that owns the runbook."),
        "labels",
        stringMap("Free-form labels."),
        "severity",
        enumOf("How severe the situation the runbook handles is.", "info", "warning", "critical"));
  }

  private static ObjectNode inputs() {
    ObjectNode n = typed("object", "Values the runbook is started with, by name.");
    n.set(
        "additionalProperties",
        object(
            "One input.",
            req(),
            "type",
            enumOf(
                "The input's type; string by default.",
                "string",
                "int",
                "number",
                "bool",
                "duration",
                "list",
                "object"),
            "required",
            bool("Whether the input must be given; false by default."),
            "default",
            node().put("description", "The value used when the input is not given."),
            "description",
            string("What the input means."),
            "pattern",
            string("string inputs: an RE2 regular expression the whole value must match."),
            "enum",
            typed("array", "The values allowed, of the input's type.").put("minItems", 1),
            "min",
            typed("number", "int and number inputs: the least value allowed."),
            "max",
            typed("number", "int and number inputs: the greatest value allowed.")));
    return n;
  }

  private static ObjectNode step() {
    ObjectNode id = string("Unique id, used as steps.<id> in expressions.");
    id.put("pattern", "^[a-z][a-z0-9_]*$");
    ObjectNode outputs = typed("object", "Named CEL expressions over result.");
    outputs.set("additionalProperties", string(null));
    ObjectNode n = node();
    n.put("type", "object");
    closed(
        n,
        "One step: common fields and exactly one step type key.",
        req("id"),
        "id",
        id,
        "name",
        string("A human name."),
        "when",
        string("A CEL condition; the step is skipped when it is false."),
        "retry",
        ref("retry", "How an action step is retried."),
        "timeout",
        duration("Per-attempt timeout of an action step; overall deadline of others."),
        "loopGuard",
        object(
            "Mutating action steps (not restart, which has its own): at most max runs on the same"
                + " key within window, across runs; one more fails with LoopGuardTripped.",
            req(),
            "max",
            integer("The most runs within the window; 3 by default.", 1),
            "window",
            duration("The window; 1h by default."),
            "key",
            string(
                "What is counted; a template. The step's target by default (else the runbook"
                    + " and step).")),
        "heartbeatTimeout",
        duration(
            "How long an attempt of a step that heartbeats (command, dlq, restart,"
                + " circuitBreaker) may go without a heartbeat before another worker takes it"
                + " over (default 30s); shorter than timeout."),
        "onFailure",
        ref("onFailure", "abort (default), continue, {goto: <sibling id>} or handler steps."),
        "outputs",
        outputs,
        "compensate",
        ref("steps", "Steps that undo this one when the run fails."),
        "dryRunResult",
        typed(
            "object",
            "What a dry run answers for this action step when it does not send it (a mutating"
                + " step): its result, templates rendered; a typed placeholder when absent."));
    ObjectNode props = (ObjectNode) n.get("properties");
    Object[] rails = RailSchemas.stepProperties();
    for (int i = 0; i < rails.length; i += 2) {
      props.set((String) rails[i], (ObjectNode) rails[i + 1]);
    }
    ControlStepSchemas.addStepProperties(props);
    for (ActionKind kind : ActionKinds.all()) {
      props.set(kind.name(), ref(actionDef(kind), kind.description()));
    }
    return n;
  }

  private static ObjectNode retry() {
    ObjectNode coefficient = typed("number", "How much the interval grows per attempt.");
    coefficient.put("minimum", 1);
    return object(
        "Retry policy.",
        req(),
        "maxAttempts",
        integer("Attempts in all, including the first.", 1),
        "initialInterval",
        duration("Wait before the first retry."),
        "backoffCoefficient",
        coefficient,
        "maxInterval",
        duration("The longest wait between attempts."),
        "nonRetryable",
        stringList("Error types that are not retried."));
  }

  private static ObjectNode onFailure() {
    ObjectNode n =
        types(
            "abort (default), continue, {goto: <sibling step id>} or a list of handler steps.",
            "string",
            "object",
            "array");
    ifString(n, "abort", "continue");
    ObjectNode props = n.putObject("properties");
    props.set("goto", string("The id of a sibling step to jump to."));
    n.putArray("required").add("goto");
    n.put("additionalProperties", false);
    n.set("items", ref("step", null));
    return n;
  }
}
