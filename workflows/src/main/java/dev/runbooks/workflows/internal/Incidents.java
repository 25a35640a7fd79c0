package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.RetrySpec;
import dev.runbooks.language.steps.EscalateResult;
import dev.runbooks.workflows.ChangeId;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The PagerDuty incidents a run triggered and has not resolved: every {@code escalate} result (an
 * {@link EscalateResult}) that opened an {@link EscalateResult#incident()}, by route and dedup key,
 * unless its step says {@code autoResolve: false}; a later {@code action: resolve} for the same
 * route and key takes it off the list. When the run ends resolved, {@link #resolveAll} sends each a
 * {@code resolve} event through the escalate activity (after {@code finally}); a resolve that fails
 * is noted in the run's events and never changes the outcome. Runs recorded before this existed
 * replay without it ({@link ChangeId#AUTO_RESOLVE}).
 */
final class Incidents {
  /** Each resolve: five attempts, 1 s apart at first, doubling up to 30 s. */
  static final RetrySpec RESOLVE_RETRY =
      new RetrySpec(5, Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), List.of());

  /** The timeout of each resolve attempt. */
  static final Duration RESOLVE_TIMEOUT = Duration.ofSeconds(30);

  /** The config fields that say where an incident lives, copied into its resolve event. */
  private static final List<String> TARGET_FIELDS =
      List.of("route", "url", "routingKey", "timeout");

  /** An open incident: the step that triggered it, where it lives and its dedup key. */
  private record Incident(
      String stepId, Map<String, Object> target, String shown, String dedupKey) {}

  private final Map<String, Incident> open = new LinkedHashMap<>();

  /**
   * Notes what a successful escalate activity did, read through {@link EscalateResult} (the
   * contract the activity writes its result with); other action types are ignored.
   */
  void observe(String stepId, String type, Map<String, Object> config, Map<String, Object> result) {
    if (!"escalate".equals(type)) {
      return;
    }
    Optional<EscalateResult.Incident> incident =
        EscalateResult.read(result).flatMap(EscalateResult::incident);
    if (incident.isEmpty()) {
      return;
    }
    String dedupKey = incident.get().dedupKey();
    Map<String, Object> target = new LinkedHashMap<>();
    for (String field : TARGET_FIELDS) {
      if (config.get(field) != null) {
        target.put(field, config.get(field));
      }
    }
    String key = target + " " + dedupKey;
    if (incident.get().action() == EscalateResult.Action.RESOLVE) {
      open.remove(key);
      return;
    }
    if (Boolean.FALSE.equals(config.get("autoResolve"))) {
      return;
    }
    open.putIfAbsent(key, new Incident(stepId, target, incident.get().shownRoute(), dedupKey));
  }

  /** The open incidents as plain maps, for a checkpoint. */
  List<Map<String, Object>> snapshot() {
    List<Map<String, Object>> out = new ArrayList<>();
    open.forEach(
        (key, i) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("key", key);
          m.put("stepId", i.stepId());
          m.put("target", i.target());
          m.put("shown", i.shown());
          m.put("dedupKey", i.dedupKey());
          out.add(m);
        });
    return out;
  }

  /** Opens again the incidents of a checkpoint. */
  @SuppressWarnings("unchecked")
  void restore(List<Map<String, Object>> snapshot) {
    for (Map<String, Object> m : snapshot == null ? List.<Map<String, Object>>of() : snapshot) {
      open.put(
          String.valueOf(m.get("key")),
          new Incident(
              String.valueOf(m.get("stepId")),
              (Map<String, Object>) m.get("target"),
              String.valueOf(m.get("shown")),
              String.valueOf(m.get("dedupKey"))));
    }
  }

  /** Whether any incident is open. */
  boolean any() {
    return !open.isEmpty();
  }

  /**
   * Resolves every open incident, one escalate activity each, and notes each answer in the run's
   * events ({@code incidentResolved} or {@code incidentResolveFailed}).
   */
  void resolveAll(ActionRunner actions, RunState state) {
    if (open.isEmpty() || !ChangeId.AUTO_RESOLVE.enabled()) {
      return;
    }
    List<Incident> incidents = new ArrayList<>(open.values());
    open.clear();
    for (Incident incident : incidents) {
      Map<String, Object> config = new LinkedHashMap<>(incident.target());
      config.put("action", EscalateResult.Action.RESOLVE.toString());
      config.put("dedupKey", incident.dedupKey());
      config.put("summary", "run " + state.workflowId + " ended resolved");
      Map<String, Object> ev = new LinkedHashMap<>();
      ev.put("step", incident.stepId());
      ev.put("route", incident.shown());
      ev.put("dedupKey", incident.dedupKey());
      try {
        Map<String, Object> result =
            actions.runRendered(
                incident.stepId(), "escalate", config, RESOLVE_RETRY, RESOLVE_TIMEOUT);
        ev.put("status", result.get("status"));
        state.event("incidentResolved", ev, Workflow.currentTimeMillis());
      } catch (StepFailed failed) {
        ev.put("error", failed.error.toMap());
        state.event("incidentResolveFailed", ev, Workflow.currentTimeMillis());
      }
    }
  }
}
