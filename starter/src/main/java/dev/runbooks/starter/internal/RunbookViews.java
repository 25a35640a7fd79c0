package dev.runbooks.starter.internal;

import dev.runbooks.language.Durations;
import dev.runbooks.language.catalog.CatalogEntry;
import dev.runbooks.language.graph.MermaidGraph;
import dev.runbooks.language.model.InputSpec;
import dev.runbooks.language.model.Metadata;
import dev.runbooks.language.model.Runbook;
import dev.runbooks.language.model.Schedule;
import dev.runbooks.language.model.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of catalog entries: a summary for the list and a full definition. */
final class RunbookViews {
  private RunbookViews() {}

  /** A catalog entry as the list shows it. */
  static Map<String, Object> summary(CatalogEntry entry) {
    Runbook rb = entry.compiled().definition();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", entry.name());
    view.put("title", rb.metadata().title());
    view.put("version", entry.version());
    view.put("file", entry.file().toString());
    view.put("loadedAt", String.valueOf(entry.loadedAt()));
    view.put("inputs", inputs(rb));
    view.put("links", Map.of("self", "/api/runbooks/" + entry.name(), "runs", runsLink(entry)));
    return view;
  }

  /** A catalog entry with its definition summary, source and Mermaid graph. */
  /** Who may act, per action the runbook's {@code access:} lists ({@code {}} without a block). */
  private static Map<String, Object> access(Runbook rb) {
    Map<String, Object> access = new LinkedHashMap<>();
    rb.access().rules().forEach((action, principals) -> access.put(action.toString(), principals));
    return access;
  }

  static Map<String, Object> detail(CatalogEntry entry) {
    Runbook rb = entry.compiled().definition();
    Metadata md = rb.metadata();
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("name", entry.name());
    view.put("title", md.title());
    view.put("description", md.description());
    view.put("owner", md.owner());
    view.put("severity", md.severity());
    view.put("labels", md.labels());
    view.put("version", entry.version());
    view.put("file", entry.file().toString());
    view.put("loadedAt", String.valueOf(entry.loadedAt()));
    view.put("inputs", inputs(rb));
    view.put("steps", steps(rb.steps()));
    view.put("finally", steps(rb.finallySteps()));
    view.put("triggers", rb.triggers());
    view.put("schedules", schedules(rb));
    view.put("access", access(rb));
    view.put("graph", MermaidGraph.render(rb));
    view.put("source", entry.source());
    view.put("links", Map.of("self", "/api/runbooks/" + entry.name(), "runs", runsLink(entry)));
    return view;
  }

  private static String runsLink(CatalogEntry entry) {
    return "/api/runs?runbook=" + entry.name();
  }

  private static List<Map<String, Object>> schedules(Runbook rb) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (Schedule s : rb.schedules()) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", s.id());
      view.put("temporalScheduleId", s.temporalId(rb.name()));
      view.put("cron", s.cron());
      view.put("every", s.every() == null ? null : Durations.format(s.every()));
      view.put("timezone", s.timezone());
      view.put("inputs", s.inputs());
      view.put("overlap", s.overlap().yamlName());
      view.put("paused", s.paused());
      view.put("jitter", s.jitter().isZero() ? null : Durations.format(s.jitter()));
      view.put("note", s.note());
      views.add(view);
    }
    return views;
  }

  private static List<Map<String, Object>> inputs(Runbook rb) {
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (InputSpec spec : rb.inputs().values()) {
      Map<String, Object> input = new LinkedHashMap<>();
      input.put("name", spec.name());
      input.put("type", spec.type().yamlName());
      input.put("required", spec.required());
      input.put("default", spec.defaultValue());
      input.put("description", spec.description());
      inputs.add(input);
    }
    return inputs;
  }

  private static List<Map<String, Object>> steps(List<Step> steps) {
    List<Map<String, Object>> views = new ArrayList<>();
    for (Step step : steps) {
      Map<String, Object> view = new LinkedHashMap<>();
      view.put("id", step.id());
      view.put("type", step.type());
      view.put("name", step.name());
      views.add(view);
    }
    return views;
  }
}
