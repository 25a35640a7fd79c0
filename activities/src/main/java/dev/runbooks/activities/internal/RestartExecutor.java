package dev.runbooks.activities.internal;

import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.RestartLedger;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Executes {@code restart} steps: restarts a service with a command, a systemd unit or an HTTP
 * call, then waits until it is healthy. It converges instead of repeating:
 *
 * <ul>
 *   <li>a target that is quarantined is not touched ({@code TargetQuarantined});
 *   <li>a step whose restart is in the ledger (an earlier attempt did it) only waits for health;
 *   <li>a service whose {@code startedAt} probe says it started at or after {@code notBefore} (such
 *       as the alert's start) is not restarted again ({@code skipped: alreadyRestarted});
 *   <li>a target restarted {@code loopGuard.maxRestarts} times within {@code loopGuard.window} is
 *       quarantined and the step fails with {@code RestartLoop} (not retried).
 * </ul>
 *
 * <p>The result is {@code {target, via, restarted, skipped, startedAt, notBefore, restartsInWindow,
 * active, health}}. Each restart (or skip, or quarantine) is one audit entry.
 *
 * <p>Requests go through {@link JsonHttp}, which resolves and checks each host with the step's
 * {@link dev.runbooks.activities.Destinations} and connects to the checked address ({@link
 * PinnedHttp}).
 */
final class RestartExecutor implements StepExecutor {
  private final RestartLedger ledger;
  private final AuditLog audit;
  private final RestartProbes probes;

  /** An executor over the environment's restart ledger and audit log. */
  RestartExecutor(StepEnvironment env) {
    this(env, "systemctl");
  }

  /**
   * An executor whose systemd mode runs the given program instead of {@code systemctl} (tests use a
   * fake one, since the JVM finds programs on its own PATH).
   */
  RestartExecutor(StepEnvironment env, String systemctl) {
    this.ledger = env.ledger();
    this.audit = env.audit();
    this.probes = new RestartProbes(new CommandExecutor(), systemctl);
  }

  @Override
  public String type() {
    return "restart";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    RestartConfig config = RestartConfig.bind(request.config());
    String target = config.target();
    Optional<RestartLedger.Quarantine> quarantine = ledger.quarantined(target);
    if (quarantine.isPresent()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "restart target '"
              + target
              + "' is quarantined since "
              + quarantine.get().since()
              + " ("
              + quarantine.get().reason()
              + "); clear it with DELETE /api/quarantine/"
              + target
              + " or bin/runbook quarantine clear "
              + target,
          StepFailures.TARGET_QUARANTINED);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("target", target);
    result.put("via", config.via());
    Instant startedAt =
        config.startedAt() == null ? null : probes.startedAt(config, request, ctx, result);
    result.put("startedAt", startedAt == null ? null : startedAt.toString());
    result.put("notBefore", config.notBefore() == null ? null : config.notBefore().toString());
    String skipped = null;
    // Keyed by the step's invocation, so a retried attempt does not restart twice but the same
    // step run again (foreach, goto) restarts again.
    String effect = ctx.effectKey(request.stepId());
    if (ledger.restartedBy(target, request.workflowId(), effect).isPresent()) {
      skipped = "restartedByThisStep";
    } else if (config.notBefore() != null
        && startedAt != null
        && !startedAt.isBefore(config.notBefore())) {
      skipped = "alreadyRestarted";
    }
    Instant now = Instant.now();
    int before = ledger.restartsSince(target, now.minus(config.window()));
    result.put("restarted", skipped == null);
    result.put("skipped", skipped);
    if (skipped == null) {
      if (before >= config.maxRestarts()) {
        quarantine(config, request, result, before);
      }
      probes.restart(config, request, ctx);
      ledger.recordRestart(target, request.workflowId(), effect, now);
      before++;
    }
    result.put("restartsInWindow", (long) before);
    if (!"restartedByThisStep".equals(skipped)) {
      audit.append(
          AuditLog.entry(
              request,
              "restart",
              target,
              skipped == null ? "restarted" : "skipped",
              auditDetails(config, result)));
    }
    if (config.unit() != null) {
      result.put("active", probes.waitActive(config, request, ctx, result));
    }
    if (config.health() != null) {
      result.put("health", probes.waitHealthy(config.health(), ctx, result));
    }
    return result;
  }

  private void quarantine(
      RestartConfig config, ActionRequest request, Map<String, Object> result, int before) {
    String reason =
        before
            + " restarts within "
            + Durations.format(config.window())
            + " (loopGuard.maxRestarts "
            + config.maxRestarts()
            + ")";
    ledger.quarantine(
        new RestartLedger.Quarantine(
            config.target(), Instant.now(), reason, request.workflowId(), request.runbook()));
    result.put("restarted", false);
    result.put("quarantined", true);
    result.put("restartsInWindow", (long) before);
    audit.append(
        AuditLog.entry(
            request, "restart", config.target(), "quarantined", auditDetails(config, result)));
    throw ApplicationFailure.newNonRetryableFailure(
        "restart loop: target '" + config.target() + "' had " + reason + "; it is now quarantined",
        StepFailures.RESTART_LOOP,
        result);
  }

  private static Map<String, Object> auditDetails(
      RestartConfig config, Map<String, Object> result) {
    Map<String, Object> details = new LinkedHashMap<>(result);
    details.put(
        "how",
        switch (config.via()) {
          case "command" -> config.argv().get(0);
          case "systemd" -> config.unit();
          default -> config.http().method() + " " + JsonHttp.safe(config.http().url());
        });
    details.put("window", Durations.format(config.window()));
    return details;
  }

  /** How long until a deadline, never negative. */
  static Duration left(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }
}
