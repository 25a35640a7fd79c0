package dev.runbooks.workflows;

import io.temporal.workflow.Workflow;
import java.util.Optional;

/**
 * The registry of the interpreter's {@code Workflow.getVersion} change ids: every change to the
 * commands a run issues is asked through one of these, and nothing else in the interpreter calls
 * {@code getVersion} ({@code WorkflowDeterminismTest} checks it). A run recorded before a change
 * answers {@link Workflow#DEFAULT_VERSION} and keeps the old behaviour; a new run records the
 * change's marker in its history and gets the new one.
 *
 * <p>Each id names the recorded history in {@code workflows/src/test/resources/replay} that holds
 * its marker ({@link #fixture()}), and, when one exists, a history recorded before the change
 * ({@link #fixtureBefore()}); {@code ReplayTest} replays both and {@code ChangeIdTest} checks that
 * they hold, or do not hold, the marker. To add a change: add an id here with its fixtures, record
 * the new history ({@code ReplayTest#record}) and list the id in docs/architecture.md. Ids are
 * never renamed nor removed while a run recorded with them may still be replayed.
 */
public enum ChangeId {
  /**
   * The run's search attributes and memo for the Temporal Web UI (runbook, alert, service,
   * severity, outcome, current step). Asked once when the run starts. Recorded in {@code
   * approval.json} (and every later history); {@code control-flow-v0.json} was recorded before.
   */
  SEARCH_ATTRIBUTES("search-attributes", "approval.json", "control-flow-v0.json"),

  /**
   * PagerDuty auto-resolve: a run that ends resolved sends a resolve event for every incident it
   * triggered, after {@code finally}. Asked when the run ends with open incidents. Recorded in
   * {@code auto-resolve.json}; {@code auto-resolve-v0.json} was recorded before.
   */
  AUTO_RESOLVE("auto-resolve", "auto-resolve.json", "auto-resolve-v0.json"),

  /**
   * Approval decisions and acknowledgements written to the audit trail (a local activity each).
   * Asked at the first decision. Recorded in {@code approval-notify.json}; {@code approval.json}
   * was recorded before.
   */
  AUDIT_APPROVALS("audit-approvals", "approval-notify.json", "approval.json"),

  /**
   * An approval's {@code notify:} routes are told that it waits (an escalate activity per route).
   * Asked when an approval with {@code notify} starts waiting; no run recorded before it had one.
   * Recorded in {@code approval-notify.json}.
   */
  APPROVAL_NOTIFY("approval-notify", "approval-notify.json", null),

  /**
   * The {@code ApprovalWaitingSince} search attribute shows the oldest pending approval. Asked at
   * the first approval. Recorded in {@code approval-waiting.json}; {@code approval.json} was
   * recorded before.
   */
  APPROVAL_WAITING_ATTRIBUTE(
      "approval-waiting-attribute", "approval-waiting.json", "approval.json"),

  /**
   * A dry run records whether it stubs each action ({@code Workflow.sideEffect} of the plugin's
   * {@code ActionKind.mutating}), so a plugin whose {@code mutating()} changes cannot alter the
   * commands of a dry run in flight. Asked at the first action of a dry run. Recorded in {@code
   * dry-run.json}; {@code dry-run-v0.json} was recorded before (it decides again on replay).
   */
  DRY_RUN_DECISIONS("dry-run-decisions", "dry-run.json", "dry-run-v0.json"),

  /**
   * A run whose history passes its limits (events, bytes, or Temporal's suggestion) continues as
   * new at the next safe point, carrying its state in a checkpoint. Asked only when an execution
   * first passes a limit, so no run recorded before it asks. Recorded in {@code
   * continue-as-new-1.json} (the first execution of such a run; {@code continue-as-new-2.json} is
   * the second); no history recorded before it passed a limit.
   */
  CONTINUE_AS_NEW("continue-as-new", "continue-as-new-1.json", null),

  /**
   * {@code timeout} on a composite step (parallel, foreach, switch, call, sleep, approval) is an
   * overall deadline: a timer races the step's body, which is cancelled when it fires. Asked only
   * when a composite step with a timeout starts. Recorded in {@code composite-timeout.json}; {@code
   * composite-timeout-v0.json} was recorded before (no deadline).
   */
  COMPOSITE_TIMEOUTS("composite-timeouts", "composite-timeout.json", "composite-timeout-v0.json"),

  /**
   * A compensation runs in the scope captured when its step completed (item, index, error and the
   * iteration's steps), not in the root scope. Asked when a compensation registered outside the
   * root scope is about to run. Recorded in {@code saga-each.json}; {@code saga-each-v0.json} was
   * recorded before.
   */
  COMPENSATION_SCOPE("compensation-scope", "saga-each.json", "saga-each-v0.json"),

  /**
   * Approvals follow their rules: approver entries match users and groups, {@code distinct} keeps
   * the starter from approving, {@code required} collects a quorum, and under {@code via: engine} a
   * decision without the engine's seal (a signal) is ignored. Asked when an approval starts
   * waiting. Recorded in {@code approval-rules.json}; {@code approval.json} was recorded before (a
   * listed name, from a signal, decides alone).
   */
  DECISION_RULES("decision-rules", "approval-rules.json", "approval.json"),

  /**
   * The guard rails before each mutating step: stop when the alert resolved ({@code onResolved:
   * stopBeforeMutation}), the runbook's {@code guards:}, and the {@code GuardRailPreflight} local
   * activity (autonomy, blast radius). Asked at the first mutating step of a run. Recorded in
   * {@code guard-rails.json}; {@code control-flow.json} was recorded before (its mutating steps ran
   * without a preflight).
   */
  GUARD_RAILS("guard-rails", "guard-rails.json", "control-flow.json"),

  /**
   * Resource locks ({@code lock:} on a runbook or a step, and the lock {@code restart/<target>}
   * every restart step takes): local activities that ask and release a lock workflow, and waits for
   * its answer. Asked when a run whose runbook names a lock starts, and when a step with a lock (or
   * a restart step) starts. Recorded in {@code resource-locks.json}; no run recorded before it
   * named a lock.
   */
  RESOURCE_LOCKS("resource-locks", "resource-locks.json", null),

  /**
   * An approval nobody decided in time fails with {@code ApprovalTimedOut} instead of {@code
   * ApprovalRejected}, and with {@code onTimeout: escalate} its {@code route} is paged first (an
   * escalate activity). Asked when an approval times out without approving. Recorded in {@code
   * approval-timeout.json}; no history recorded before it has an approval that timed out.
   */
  APPROVAL_TIMEOUTS("approval-timeouts", "approval-timeout.json", null),

  /**
   * {@code finally} steps see the run's outcome so far ({@code run.outcome}, {@code run.failed},
   * {@code run.failedStep}, {@code run.message}). Asked when a run with {@code finally} steps is
   * about to run them. Recorded in {@code approval-timeout.json}; {@code saga.json} was recorded
   * before.
   */
  FINALLY_OUTCOME("finally-outcome", "approval-timeout.json", "saga.json"),

  /**
   * Dry runs that tell the truth: a mutating action not sent answers its step's {@code
   * dryRunResult} or a typed placeholder and is recorded as a {@code wouldRun} event; sleeps and
   * waitUntil polls are shortened; approvals are decided at once by {@code dry-run}. Asked at the
   * first step a dry run does not do as written. Recorded in {@code dry-run-results.json}; {@code
   * dry-run.json} was recorded before (results {@code {dryRun, wouldRun, config}}, full waits).
   */
  DRY_RUN_RESULTS("dry-run-results", "dry-run-results.json", "dry-run.json"),

  /**
   * Cheap read-only probes (http GET and HEAD, tcp, tls, prometheus: {@code
   * ActionKind.runsLocally}) run as local activities, with the step's attempt timeout and retry
   * policy, outside dry runs. Asked at the first action of a run that could run locally. Recorded
   * in {@code local-probes.json}; {@code control-flow.json} was recorded before (its GET ran as an
   * activity).
   */
  LOCAL_PROBES("local-probes", "local-probes.json", "control-flow.json"),

  /**
   * The {@code CurrentStep} search attribute changes only for a step that may wait (an activity, a
   * sleep, an approval, a waitUntil, a lock, a called runbook): a step that runs within the
   * workflow task (a local probe without a lock, a log, switch, foreach, parallel, fail or succeed)
   * issues no upsert. Asked when such a step starts. Recorded in {@code local-probes.json}; {@code
   * control-flow.json} was recorded before (an upsert at every step).
   */
  STEP_ATTRIBUTE_COALESCED("current-step-coalesced", "local-probes.json", "control-flow.json");

  private final String id;
  private final String fixture;
  private final String fixtureBefore;

  ChangeId(String id, String fixture, String fixtureBefore) {
    this.id = id;
    this.fixture = fixture;
    this.fixtureBefore = fixtureBefore;
  }

  /** The change id recorded in history; never changes. */
  public String id() {
    return id;
  }

  /** The recorded history, under {@code src/test/resources/replay}, that holds this change. */
  public String fixture() {
    return fixture;
  }

  /** A recorded history from before this change, replayed without it, when there is one. */
  public Optional<String> fixtureBefore() {
    return Optional.ofNullable(fixtureBefore);
  }

  /**
   * Whether this run has the change: true for a new run (which records the marker), false for a run
   * recorded before it. Workflow code only.
   */
  public boolean enabled() {
    return Workflow.getVersion(id, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
