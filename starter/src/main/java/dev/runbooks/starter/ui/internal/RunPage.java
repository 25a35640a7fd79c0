package dev.runbooks.starter.ui.internal;

import dev.runbooks.api.StepState;
import dev.runbooks.api.StepStatus;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.graph.MermaidGraph;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A run's page: what it is and where it stands, what it waits for (with the decision forms), its
 * timeline of steps with their evidence, its graph with the steps it reached, events and audit
 * trail.
 */
final class RunPage {
  private RunPage() {}

  /** What the page shows: the run as the JSON API has it, plus what the page adds. */
  record Parts(
      Map<String, Object> run,
      Optional<CatalogEntry> runbook,
      List<Map<String, Object>> audit,
      String auditProblem,
      String sent,
      List<Map<String, Object>> actions) {}

  /** Whether the run still runs (the page then refreshes itself). */
  static boolean live(Map<String, Object> run) {
    return "running".equals(run.get("executionStatus"));
  }

  /** Writes the page. */
  static void write(Html html, Parts parts) {
    Map<String, Object> run = parts.run();
    Map<String, Object> state = state(run);
    String workflowId = String.valueOf(run.get("workflowId"));
    String runbook = String.valueOf(run.get("runbook"));

    html.open("h1").link("/ui/runbooks/" + Html.encode(runbook), runbook, "class", "mono");
    html.text(" ").el("span", state.getOrDefault("title", ""), "class", "subtitle").close("h1");
    html.open("p", "class", "status-line");
    Layout.badge(html, outcome(run, state));
    if (Boolean.TRUE.equals(state.get("dryRun"))) {
      html.text(" ").el("span", "dry run", "class", "badge warn");
    }
    html.text(" ").el("span", workflowId, "class", "mono");
    html.close("p");
    if (parts.sent() != null) {
      html.el("p", parts.sent(), "class", "flash");
    }
    if (state.get("message") != null) {
      html.el("p", state.get("message"), "class", "message");
    }
    if (run.get("error") != null) {
      html.el("p", run.get("error"), "class", "error");
    }
    html.open("div", "class", "run-top").open("div");
    facts(html, run, state);
    waits(html, workflowId, UiRuns.waits(run));
    RetryForm.write(html, run, state, parts.runbook());
    html.close("div");
    parts
        .runbook()
        .ifPresent(
            entry -> {
              html.open("div", "class", "graph").el("h2", "Graph");
              html.el("pre", graph(entry, list(state.get("steps"))), "class", "mermaid");
              html.close("div");
            });
    html.close("div");

    DryRunView.write(html, state, list(state.get("events")));
    html.el("h2", "Timeline");
    Timeline.steps(html, list(state.get("steps")));
    if (state.get("inputs") instanceof Map<?, ?> inputs && !inputs.isEmpty()) {
      html.el("h2", "Inputs").el("pre", Evidence.json(inputs), "class", "inputs");
    }
    Timeline.events(html, list(state.get("events")), list(state.get("compensations")));
    Timeline.people(html, parts.actions());
    Timeline.audit(html, parts.audit(), parts.auditProblem());
  }

  private static void waits(Html html, String workflowId, List<Map<String, Object>> waits) {
    if (waits.isEmpty()) {
      return;
    }
    html.open("section", "id", "decide", "class", "waiting");
    html.el("h2", "Waiting");
    for (Map<String, Object> wait : waits) {
      html.open("div", "class", "wait");
      html.el("span", wait.get("step"), "class", "mono").text(" waits for ");
      html.text(WaitView.summary(wait));
      Object deadline = wait.get("deadline");
      if (deadline != null) {
        html.text(" · deadline " + Layout.time(deadline));
        html.text(wait.get("onTimeout") == null ? "" : " (then " + wait.get("onTimeout") + ")");
      }
      if (UiRuns.isForPeople(wait)) {
        WaitView.form(html, workflowId, wait);
      }
      html.close("div");
    }
    html.close("section");
  }

  private static void facts(Html html, Map<String, Object> run, Map<String, Object> state) {
    html.open("dl", "class", "facts");
    fact(html, "Temporal status", run.get("executionStatus"));
    fact(html, "Started", Layout.time(run.get("startTime")));
    fact(html, "Closed", Layout.time(run.get("closeTime")));
    fact(
        html,
        live(run) ? "Running for" : "Took",
        state.get("durationMs") != null
            ? Layout.duration(state.get("durationMs"))
            : Layout.between(run.get("startTime"), run.get("closeTime")));
    if (state.get("currentSteps") instanceof List<?> current && !current.isEmpty()) {
      fact(
          html, "Current steps", String.join(", ", current.stream().map(String::valueOf).toList()));
    }
    fact(html, "Failed step", state.get("failedStep"));
    fact(html, "Ended by", state.get("endedBy"));
    fact(html, "Version", state.get("version"));
    if (run.get("searchAttributes") instanceof Map<?, ?> attributes) {
      for (Map.Entry<?, ?> a : attributes.entrySet()) {
        if (!List.of("RunbookName", "RunbookVersion", "Outcome", "CurrentStep")
            .contains(a.getKey())) {
          fact(html, String.valueOf(a.getKey()), a.getValue());
        }
      }
    }
    html.close("dl");
    html.open("p", "class", "links");
    if (run.get("links") instanceof Map<?, ?> links && links.get("ui") != null) {
      html.link(String.valueOf(links.get("ui")), "Temporal Web UI (history)", "rel", "noopener");
      html.text(" · ");
    }
    html.link(Html.idPath("/api/runs/", String.valueOf(run.get("workflowId"))), "JSON");
    html.close("p");
  }

  /** A step's status as the run contract reads it; pending when it is none. */
  private static StepStatus status(Object wire) {
    try {
      return StepState.parse(String.valueOf(wire)).status();
    } catch (IllegalArgumentException e) {
      return StepStatus.PENDING;
    }
  }

  /** The runbook's graph with the nodes of the steps the run reached outlined by status. */
  private static String graph(CatalogEntry entry, List<Map<String, Object>> steps) {
    StringBuilder graph = new StringBuilder(MermaidGraph.render(entry.compiled().definition()));
    for (Map<String, Object> step : steps) {
      String style =
          switch (status(step.get("status"))) {
            case SUCCEEDED, DRY_RUN -> "stroke:#2e8b57,stroke-width:4px";
            case FAILED, CANCELLED -> "stroke:#c0392b,stroke-width:4px";
            case RUNNING, WAITING -> "stroke:#2563eb,stroke-width:4px,stroke-dasharray:6 3";
            case SKIPPED -> "stroke:#999999,stroke-dasharray:2 2";
            default -> "stroke:#7a5c00,stroke-width:3px";
          };
      String id = MermaidGraph.nodeId(String.valueOf(step.get("id")));
      if (id.matches("[A-Za-z0-9_-]+")) {
        graph.append("  style ").append(id).append(' ').append(style).append('\n');
      }
    }
    return graph.toString();
  }

  /** The run's own account: the report once it completed, else the status query's answer. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> state(Map<String, Object> run) {
    if (run.get("report") instanceof Map<?, ?> report) {
      return (Map<String, Object>) report;
    }
    if (run.get("status") instanceof Map<?, ?> status) {
      return (Map<String, Object>) status;
    }
    return Map.of();
  }

  private static Object outcome(Map<String, Object> run, Map<String, Object> state) {
    if (state.get("outcome") != null) {
      return state.get("outcome");
    }
    return run.get("executionStatus");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object value) {
    if (value instanceof List<?> l) {
      return l.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }
    return List.of();
  }

  private static void fact(Html html, String name, Object value) {
    if (value != null && !value.toString().isBlank()) {
      html.el("dt", name).el("dd", value);
    }
  }
}
