package dev.runbooks.workflows.internal;

import dev.runbooks.api.ErrorTypes;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.model.Step;
import dev.runbooks.workflows.RunbookSource;
import dev.runbooks.workflows.RunbookVersionActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A run that retries another from a step, seeded with what the other recorded: the start context
 * says {@code {"retry": {"of", "runId", "from", "by", "results": {<step id>: <step report>}}}}. The
 * top-level steps before {@code from} are not run: their records (and those of the steps nested in
 * them) are taken from {@code results} and reported {@code reused}; expressions see them as they
 * were. From {@code from} on the run runs as any other; a later goto back runs a step for real.
 * Reused steps register no compensation: the run they ran in answered for them.
 *
 * <p>Seeding issues no command (it only fills step records and an event), so histories of runs
 * without {@code retry} in their context replay unchanged.
 */
final class RetrySeed {
  /** The start context key of a retry. */
  static final String CONTEXT_KEY = "retry";

  private final String of;
  private final Map<String, Map<String, Object>> results;
  private final Set<String> reusable;
  private final Map<String, List<Step>> nested = new LinkedHashMap<>();
  private boolean active = true;

  private RetrySeed(
      String of,
      Map<String, Map<String, Object>> results,
      Set<String> reusable,
      CompiledRunbook plan) {
    this.of = of;
    this.results = results;
    this.reusable = reusable;
    for (Step step : plan.definition().steps()) {
      if (reusable.contains(step.id())) {
        List<Step> inner = new ArrayList<>();
        descendants(step, inner);
        nested.put(step.id(), inner);
      }
    }
  }

  /**
   * The seed a start context carries, or null when the run is no retry. Records the {@code retryOf}
   * event.
   *
   * @throws ApplicationFailure (non-retryable, {@code InvalidInputs}) when {@code from} names no
   *     top-level step of the runbook
   */
  @SuppressWarnings("unchecked")
  static RetrySeed of(Map<String, Object> context, CompiledRunbook plan, RunState state) {
    if (!(context.get(CONTEXT_KEY) instanceof Map<?, ?> retry)) {
      return null;
    }
    String of = String.valueOf(retry.get("of"));
    String from = retry.get("from") == null ? null : String.valueOf(retry.get("from"));
    Set<String> before = new LinkedHashSet<>();
    boolean found = false;
    for (Step step : plan.definition().steps()) {
      if (step.id().equals(from)) {
        found = true;
        break;
      }
      before.add(step.id());
    }
    if (!found) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot retry run "
              + of
              + " from step '"
              + from
              + "': runbook "
              + plan.name()
              + " ("
              + plan.version()
              + ") has no top-level step of that id",
          ErrorTypes.INVALID_INPUTS);
    }
    Map<String, Map<String, Object>> results = new LinkedHashMap<>();
    if (retry.get("results") instanceof Map<?, ?> given) {
      given.forEach(
          (id, r) -> {
            if (r instanceof Map<?, ?> m) {
              results.put(String.valueOf(id), (Map<String, Object>) m);
            }
          });
    }
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("workflowId", of);
    if (retry.get("runId") != null) {
      event.put("runId", String.valueOf(retry.get("runId")));
    }
    event.put("from", from);
    event.put("how", "seeded");
    if (retry.get("by") != null) {
      event.put("by", String.valueOf(retry.get("by")));
    }
    event.put("reused", List.copyOf(before));
    state.event("retryOf", event, Workflow.currentTimeMillis());
    return new RetrySeed(of, results, before, plan);
  }

  /**
   * The source a run runs: the current one, unless the run is a retry on another version ({@code
   * retry.version}), which it then loads ({@code LoadRunbookVersion}, only in such runs).
   */
  static RunbookSource source(Map<String, Object> context, RunbookSource current) {
    if (!(context.get(CONTEXT_KEY) instanceof Map<?, ?> retry)
        || retry.get("version") == null
        || current.version().equals(String.valueOf(retry.get("version")))) {
      return current;
    }
    String version = String.valueOf(retry.get("version"));
    RunbookVersionActivities activities =
        Workflow.newLocalActivityStub(RunbookVersionActivities.class, RunDriver.SOURCE_OPTIONS);
    try {
      return activities.loadVersion(current.name(), version);
    } catch (ActivityFailure failure) {
      String message =
          failure.getCause() instanceof ApplicationFailure app
              ? app.getOriginalMessage()
              : String.valueOf(failure.getCause());
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot load version " + version + " of runbook '" + current.name() + "': " + message,
          ErrorTypes.UNKNOWN_RUNBOOK);
    }
  }

  /**
   * Records a reset run's link to the run it retries (the {@code retryOf} signal the API sends
   * after a reset): an event, as a seeded run has.
   */
  static void linked(RunState state, Map<String, Object> payload) {
    Map<String, Object> event = new LinkedHashMap<>(payload);
    event.putIfAbsent("how", "reset");
    state.event("retryOf", event, Workflow.currentTimeMillis());
  }

  /**
   * Reuses a step instead of running it, when it is a top-level step before {@code from} and the
   * retried run's steps have not been left behind; returns whether it did.
   */
  boolean reuse(Step step, StepRecord rec, RunState state) {
    if (!active) {
      return false;
    }
    if (!reusable.contains(step.id())) {
      active = false; // from (or a step after it, by a goto) is reached: the run runs from here
      return false;
    }
    restore(rec, step.id());
    for (Step inner : nested.getOrDefault(step.id(), List.of())) {
      if (results.containsKey(inner.id())) {
        restore(state.record(inner.id(), inner.name(), inner.type()), inner.id());
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private void restore(StepRecord rec, String id) {
    Map<String, Object> r = results.get(id);
    if (r == null) {
      rec.reuse("pending", null, Map.of(), null, "not reached in run " + of);
      return;
    }
    String status = r.get("status") == null ? "succeeded" : String.valueOf(r.get("status"));
    Map<String, Object> outputs =
        r.get("outputs") instanceof Map<?, ?> o ? (Map<String, Object>) o : Map.of();
    StepError error =
        r.get("error") instanceof Map<?, ?> e ? ContinueAsNew.error((Map<String, Object>) e) : null;
    rec.reuse(status, r.get("result"), outputs, error, status + " in run " + of);
  }

  /** Every step nested in a step: body lists, branches, compensations and handlers. */
  private static void descendants(Step step, List<Step> out) {
    List<List<Step>> lists = step.nestedLists();
    for (List<Step> list : lists) {
      for (Step inner : list) {
        out.add(inner);
        descendants(inner, out);
      }
    }
  }
}
