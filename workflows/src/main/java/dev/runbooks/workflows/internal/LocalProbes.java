package dev.runbooks.workflows.internal;

import dev.runbooks.language.steps.ActionKind;
import dev.runbooks.language.steps.ActionKinds;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.workflows.ChangeId;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * Cheap read-only probes as local activities. An action whose kind says its config may run locally
 * ({@link ActionKind#runsLocally}: an http GET or HEAD, tcp, tls, a prometheus query) and whose
 * kind does not heartbeat runs in the worker that runs the workflow task: one {@code
 * MarkerRecorded} event instead of an activity's scheduled, started and completed events and the
 * workflow task that follows, and no round trip to the server for it.
 *
 * <p>What a step keeps: its {@code timeout} is each attempt's start-to-close timeout, as for an
 * activity; its retry policy is the local activity's (the same attempts, intervals, backoff and
 * non-retryable types), retried in the worker while a backoff is at most {@link
 * #LOCAL_RETRY_THRESHOLD} and after a durable timer when it is longer; the request, and so the
 * destination and {@code targets:} checks, secrets and tracing header, are the same; the activity
 * interceptors (tracing spans, the audit a kind's executor writes) run for local activities too;
 * the summary names the step in the Web UI. A worker that dies during a probe is noticed when the
 * workflow task times out, and another worker runs the probe again from its first attempt (only
 * reading, it may). Dry runs do not use them: they schedule activities as before.
 *
 * <p>Runs recorded before this existed replay without it ({@link ChangeId#LOCAL_PROBES}, asked at
 * the first action that could run locally).
 */
final class LocalProbes {
  /**
   * The longest backoff between two attempts that a local activity waits in the worker (the
   * workflow task heartbeating meanwhile); a longer one is a durable timer. The default retry
   * policy's (1 s, then 2 s) stays local.
   */
  static final Duration LOCAL_RETRY_THRESHOLD = Duration.ofSeconds(10);

  private boolean allowed;
  private Boolean enabled;

  /**
   * @param allowed false for a dry run, whose actions keep running as activities
   */
  LocalProbes(boolean allowed) {
    this.allowed = allowed;
  }

  /** Every action of this run runs as an activity (a worker registered without local probes). */
  void disallow() {
    allowed = false;
  }

  /**
   * Whether an action of this type and config runs as a local activity. Asks {@link
   * ChangeId#LOCAL_PROBES} the first time an action qualifies.
   */
  boolean runsLocally(String type, Map<String, Object> config) {
    if (!allowed) {
      return false;
    }
    ActionKind kind = ActionKinds.find(type).orElse(null);
    if (kind == null || kind.heartbeats() || !kind.runsLocally(config)) {
      return false;
    }
    if (enabled == null) {
      enabled = ChangeId.LOCAL_PROBES.enabled();
    }
    return enabled;
  }

  /** Runs the action as a local activity with the step's attempt timeout and retry policy. */
  static Object execute(
      String type,
      ActionRequest request,
      Duration startToClose,
      RetryOptions retry,
      String summary) {
    LocalActivityOptions options =
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(startToClose)
            .setRetryOptions(retry)
            .setLocalRetryThreshold(LOCAL_RETRY_THRESHOLD)
            .setSummary(summary)
            .build();
    return Workflow.newUntypedLocalActivityStub(options).execute(type, Map.class, request);
  }
}
