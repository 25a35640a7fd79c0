package dev.runbooks.workflows.internal;

import com.uber.m3.tally.Scope;
import dev.runbooks.api.Outcome;
import dev.runbooks.api.StepStatus;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The run's own metrics, emitted through {@link Workflow#getMetricsScope()}: that scope reports
 * nothing while a workflow task replays history, so each event is counted once however often the
 * run is replayed (a workflow task that fails and is retried may count twice). The worker bridges
 * the scope to Micrometer; the names below become {@code runbook_runs_started_total}, {@code
 * runbook_run_duration_seconds} and so on in Prometheus (see docs/metrics.md). Every meter carries
 * a {@code runbook} tag besides Temporal's own ({@code namespace}, {@code task_queue}, {@code
 * workflow_type}). Dry runs are not counted. Emitting metrics issues no commands, so this needs no
 * {@code Workflow.getVersion}.
 */
final class RunMetrics {
  /** Runs that bound their inputs and started interpreting; tags: runbook. */
  static final String RUNS_STARTED = "runbook.runs.started";

  /** Runs that ended; tags: runbook, outcome. */
  static final String RUNS_COMPLETED = "runbook.runs.completed";

  /** Run start to end; tags: runbook, outcome. */
  static final String RUN_DURATION = "runbook.run.duration";

  /** One execution of one step; tags: runbook, step_type, outcome. */
  static final String STEP_DURATION = "runbook.step.duration";

  /** Escalation messages posted (escalate steps, ladder tiers); tags: runbook, route, outcome. */
  static final String ESCALATIONS = "runbook.escalations";

  /** The alert's start to the run's resolved end, for alert-started runs; tags: runbook. */
  static final String TIME_TO_RECOVER = "runbook.time.to.recover";

  /**
   * Runs the guard rails stopped before a mutating step; tags: runbook, rail ({@code guard} or
   * {@code resolved}).
   */
  static final String GUARD_STOPS = "runbook.guard.stops";

  /**
   * Mutating steps that ran under an autonomy other than auto; tags: runbook, mode ({@code
   * approve}, {@code dry-run}).
   */
  static final String AUTONOMY = "runbook.autonomy.steps";

  /** Mutating steps refused for their blast radius ({@code maxTargets}); tags: runbook, step. */
  static final String BLAST_RADIUS_REFUSALS = "runbook.blast.radius.refusals";

  private final String runbook;
  private final boolean enabled;

  RunMetrics(String runbook, boolean dryRun) {
    this.runbook = runbook;
    this.enabled = !dryRun;
  }

  /** Counts the run as started. */
  void started() {
    if (enabled) {
      scope(Map.of()).counter(RUNS_STARTED).inc(1);
    }
  }

  /**
   * Counts the run's end and records its duration; a resolved run started by an alert also records
   * its time to recover, from the alert's {@code startsAt} (the run's start when the alert has
   * none) to the run's end.
   */
  void ended(Outcome outcome, long startedAt, long endedAt, Map<String, Object> alert) {
    if (!enabled) {
      return;
    }
    Scope scope = scope(Map.of("outcome", outcome.wire()));
    scope.counter(RUNS_COMPLETED).inc(1);
    scope.timer(RUN_DURATION).record(millis(endedAt - startedAt));
    if (outcome == Outcome.RESOLVED && !alert.isEmpty()) {
      long since = alertStart(alert.get("startsAt"), startedAt);
      scope(Map.of()).timer(TIME_TO_RECOVER).record(millis(endedAt - since));
    }
  }

  /**
   * Records one execution of a step that ran: its status becomes the outcome tag ({@code
   * succeeded}, {@code failed}, {@code cancelled}, {@code ended} for a step that ended the run,
   * {@code jumped} for a goto). Skipped and simulated (dry-run) steps are not recorded.
   */
  void step(StepRecord rec) {
    if (!enabled || rec.startedAt() <= 0 || rec.endedAt() < rec.startedAt()) {
      return;
    }
    StepStatus status = rec.status().status();
    String outcome =
        switch (status) {
          case SUCCEEDED, FAILED, CANCELLED, JUMPED, ENDED -> status.wire();
          default -> null;
        };
    if (outcome != null) {
      scope(Map.of("step_type", rec.type(), "outcome", outcome))
          .timer(STEP_DURATION)
          .record(millis(rec.endedAt() - rec.startedAt()));
    }
  }

  /** Counts one escalation message to a route, delivered or failed after its retries. */
  void escalation(Object route, boolean delivered) {
    if (enabled) {
      scope(
              Map.of(
                  "route",
                  route == null ? "none" : String.valueOf(route),
                  "outcome",
                  delivered ? "delivered" : "failed"))
          .counter(ESCALATIONS)
          .inc(1);
    }
  }

  /** Counts a run the guard rails stopped: {@code guard} or {@code resolved}. */
  void guardStop(String rail) {
    if (enabled) {
      scope(Map.of("rail", rail)).counter(GUARD_STOPS).inc(1);
    }
  }

  /** Counts a mutating step that waited for an approval or ran as a dry run by autonomy. */
  void autonomy(String mode) {
    if (enabled) {
      scope(Map.of("mode", mode)).counter(AUTONOMY).inc(1);
    }
  }

  /** Counts a mutating step refused for its blast radius. */
  void blastRadiusRefused(String step) {
    if (enabled) {
      scope(Map.of("step", step)).counter(BLAST_RADIUS_REFUSALS).inc(1);
    }
  }

  private Scope scope(Map<String, String> tags) {
    Scope scope = Workflow.getMetricsScope().tagged(Map.of("runbook", runbook));
    return tags.isEmpty() ? scope : scope.tagged(tags);
  }

  private static long alertStart(Object startsAt, long fallback) {
    if (startsAt instanceof String text && !text.isBlank()) {
      try {
        long at = Instant.parse(text).toEpochMilli();
        return at > 0 ? at : fallback; // Go's zero time (0001-01-01) means "not set"
      } catch (DateTimeParseException e) {
        return fallback;
      }
    }
    return fallback;
  }

  private static com.uber.m3.util.Duration millis(long ms) {
    return com.uber.m3.util.Duration.ofMillis(Math.max(0, ms));
  }
}
