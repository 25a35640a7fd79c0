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
import static dev.runbooks.language.compile.SchemaNodes.types;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.language.model.DecisionVia;
import dev.runbooks.language.model.EndOutcome;
import dev.runbooks.language.model.LogLevel;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.OnWaitTimeout;
import dev.runbooks.language.model.YamlEnums;
import java.util.List;

/** The schemas of the control steps (log, switch, parallel, ...), which the workflow interprets. */
final class ControlStepSchemas {
  /** The control step types, in the order the schema lists them. */
  static final List<String> TYPES =
      List.of(
          "log",
          "switch",
          "parallel",
          "foreach",
          "waitUntil",
          "sleep",
          "approval",
          "fail",
          "succeed",
          "call");

  private ControlStepSchemas() {}

  static void addStepProperties(ObjectNode props) {
    for (String type : TYPES) {
      props.set(type, ref(type, null));
    }
  }

  static void addTo(ObjectNode defs) {
    defs.set(
        "log",
        closed(
            types(
                "Writes a message (a template) to the run's log: a string or {message, level}.",
                "string",
                "object"),
            null,
            req("message"),
            "message",
            string("The message; may hold ${{ }} templates."),
            "level",
            enumOf("The log level; info by default.", YamlEnums.names(LogLevel.values()))));
    defs.set("switch", switchStep());
    defs.set("parallel", parallel());
    ObjectNode concurrency = integer("How many items run at once; 1 by default.", 1);
    defs.set(
        "foreach",
        object(
            "Runs its steps once per element of a list; item and index name the element.",
            req("items", "steps"),
            "items",
            string("A CEL expression yielding the list."),
            "concurrency",
            concurrency,
            "steps",
            ref("steps", "The steps run for each element.")));
    defs.set(
        "waitUntil",
        object(
            "Runs a probe every interval until a condition over its result holds or the deadline"
                + " passes.",
            req("probe", "condition", "deadline"),
            "probe",
            ref("probe", "The action to run each time."),
            "condition",
            string("A CEL condition over the probe's result."),
            "interval",
            duration("How long to wait between probes; 30s by default."),
            "deadline",
            duration("How long to wait at most."),
            "onTimeout",
            enumOf(
                "What happens at the deadline; fail by default.",
                YamlEnums.names(OnWaitTimeout.values())),
            "untilResolved",
            bool("Whether a resolved alert ends the wait early; false by default."),
            "failWhen",
            string(
                "A CEL condition over the probe's result that makes waiting pointless: when it"
                    + " holds the step fails at once (WaitUntilFailed).")));
    defs.set("sleep", duration("Waits this long on a durable timer, such as 5m."));
    defs.set(
        "approval",
        object(
            "Waits for a person to approve or reject.",
            req("prompt"),
            "prompt",
            string("What the person is asked; may hold templates."),
            "approvers",
            stringList(
                "Who may decide: user:<name>, group:<name> or a bare user name; anyone when"
                    + " empty."),
            "distinct",
            bool(
                "Four eyes: whoever started the run cannot decide this approval; false by"
                    + " default."),
            "required",
            integer(
                "How many distinct approvers must approve (a quorum); a rejection by any of"
                    + " them rejects. 1 by default.",
                1),
            "via",
            enumOf(
                "Which decisions count: engine (only those the engine sealed after checking"
                    + " the caller; the default) or any (also those sent to Temporal directly,"
                    + " recorded as unverified).",
                YamlEnums.names(DecisionVia.values())),
            "timeout",
            duration("How long to wait; 1h by default."),
            "onTimeout",
            enumOf(
                "What the timeout means: reject (the default), approve, or escalate (page the"
                    + " route and fail with ApprovalTimedOut).",
                YamlEnums.names(OnApprovalTimeout.values())),
            "route",
            routeName(
                "onTimeout: escalate: the route the worker configures (runbook.routes.<name>)"
                    + " that is paged when nobody decides in time."),
            "onReject",
            enumOf("What a rejection does; fail by default.", YamlEnums.names(OnReject.values())),
            "notify",
            routeNames(
                "Routes the worker configures (runbook.routes.<name>) that get a message when the"
                    + " approval starts waiting: the prompt, the approvers, the deadline and"
                    + " approve/reject links to the API.")));
    defs.set("fail", ending("Ends the run as failed or escalated.", EndOutcome.OF_FAIL));
    defs.set("succeed", ending("Ends the run at once.", EndOutcome.OF_SUCCEED));
    ObjectNode inputs = node();
    inputs.put("type", "object");
    inputs.put("description", "The inputs of the called runbook; values may hold templates.");
    ObjectNode maxDepth =
        integer(
            "The deepest chain of nested calls this call may start: the child would run at depth"
                + " (this run's depth + 1), and the call fails with CallDepthExceeded above"
                + " maxDepth. Required on calls that can come back to the calling runbook.",
            1);
    maxDepth.put("maximum", RunbookCompiler.MAX_CALL_DEPTH);
    defs.set(
        "call",
        object(
            "Runs another runbook as a child workflow.",
            req("runbook"),
            "runbook",
            string("The name of the runbook to run."),
            "inputs",
            inputs,
            "wait",
            bool("Whether to wait for the child to finish; true by default."),
            "maxDepth",
            maxDepth));
  }

  private static ObjectNode routeName(String description) {
    ObjectNode name = string(description);
    name.put("pattern", "^[a-z][a-z0-9_-]*$");
    return name;
  }

  private static ObjectNode routeNames(String description) {
    ObjectNode list = SchemaNodes.typed("array", description);
    ObjectNode name = string("A route name, such as oncall.");
    name.put("pattern", "^[a-z][a-z0-9_-]*$");
    list.set("items", name);
    return list;
  }

  private static ObjectNode ending(String description, List<EndOutcome> allowed) {
    String[] outcomes = YamlEnums.names(allowed.toArray(EndOutcome[]::new));
    return closed(
        types(description + " A message, or {message, outcome}.", "string", "object"),
        null,
        req(),
        "message",
        string("The message; may hold templates."),
        "outcome",
        enumOf("The run's outcome; " + outcomes[0] + " by default.", outcomes));
  }

  private static ObjectNode switchStep() {
    ObjectNode cases = SchemaNodes.typed("array", "The cases, tried in order.");
    cases.put("minItems", 1);
    cases.set(
        "items",
        object(
            "One case.",
            req("when", "steps"),
            "when",
            string("A CEL condition."),
            "steps",
            ref("steps", "The steps run when the condition holds.")));
    return object(
        "Runs the steps of the first case whose condition holds, else the default steps.",
        req("cases"),
        "cases",
        cases,
        "default",
        ref("steps", "The steps run when no case holds."));
  }

  private static ObjectNode parallel() {
    ObjectNode branches = SchemaNodes.typed("array", "The branches, run at once.");
    branches.put("minItems", 1);
    branches.set(
        "items",
        object(
            "One branch.",
            req("steps"),
            "name",
            string("The branch's name."),
            "steps",
            ref("steps", "The branch's steps.")));
    ObjectNode join =
        types("all (default), any, or how many branches must succeed.", "string", "integer");
    join.put("minimum", 1);
    ifString(join, "all", "any");
    return object("Runs branches at once.", req("branches"), "branches", branches, "join", join);
  }
}
