package dev.runbooks.starter.rails.internal;

import static dev.runbooks.starter.rails.internal.GuardRailStore.instant;
import static dev.runbooks.starter.rails.internal.GuardRailStore.time;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What the guard rails count, in PostgreSQL: the runs alerts started (for start limits) and the
 * distinct targets each mutating step acted on (for blast radius). Bound parameters only.
 */
public final class StartLedger {
  /** A run an alert started: its target key (null without a per-target limit) and when. */
  public record Start(String targetKey, Instant at) {}

  /** A target a step acted on, and when it was first recorded in the window. */
  public record Target(String target, Instant at) {}

  private final Jdbi jdbi;

  /** Creates the ledger over a migrated database. */
  public StartLedger(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The runs alerts started for a runbook since {@code since}, oldest first. */
  public List<Start> starts(Handle h, String runbook, Instant since) {
    return h.createQuery(
            "SELECT target_key, at FROM guard_rail_starts WHERE runbook = :runbook"
                + " AND at > :since ORDER BY at")
        .bind("runbook", runbook)
        .bind("since", time(since))
        .map((rs, ctx) -> new Start(rs.getString("target_key"), instant(rs, "at")))
        .list();
  }

  /** Records a run an alert started (in the transaction of the inbox row's outcome). */
  public void recordStart(
      Handle h, String runbook, String targetKey, Instant at, String workflowId, Long inboxRow) {
    h.createUpdate(
            "INSERT INTO guard_rail_starts (runbook, target_key, at, workflow_id, inbox_row)"
                + " VALUES (:runbook, :key, :at, :workflow, :row)")
        .bind("runbook", runbook)
        .bind("key", targetKey)
        .bind("at", time(at))
        .bind("workflow", workflowId)
        .bind("row", inboxRow)
        .execute();
  }

  /** How many runs alerts started for a runbook since {@code since}. */
  public long countStarts(String runbook, Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM guard_rail_starts WHERE runbook = :runbook"
                        + " AND at > :since")
                .bind("runbook", runbook)
                .bind("since", time(since))
                .mapTo(Long.class)
                .one());
  }

  /** How many alerts a start limit held back for a runbook since {@code since}. */
  public long countLimited(String runbook, Instant since) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT count(*) FROM alert_inbox WHERE state = 'limited'"
                        + " AND handled_at > :since AND routes @> CAST(:probe AS jsonb)")
                .bind("since", time(since))
                .bind("probe", "[{\"runbook\": " + quote(runbook) + ", \"action\": \"limited\"}]")
                .mapTo(Long.class)
                .one());
  }

  /** Whether the step of that run has recorded the target already. */
  public boolean hasTarget(Handle h, String workflowId, String stepId, String target) {
    return h.createQuery(
                "SELECT count(*) FROM guard_rail_targets WHERE workflow_id = :workflow"
                    + " AND step_id = :step AND target = :target")
            .bind("workflow", workflowId)
            .bind("step", stepId)
            .bind("target", target)
            .mapTo(Long.class)
            .one()
        > 0;
  }

  /** The distinct targets a runbook's step acted on since {@code since}, first seen first. */
  public List<Target> targets(Handle h, String runbook, String stepId, Instant since) {
    return h.createQuery(
            "SELECT target, min(at) AS at FROM guard_rail_targets WHERE runbook = :runbook"
                + " AND step_id = :step AND at > :since GROUP BY target ORDER BY min(at), target")
        .bind("runbook", runbook)
        .bind("step", stepId)
        .bind("since", time(since))
        .map((rs, ctx) -> new Target(rs.getString("target"), instant(rs, "at")))
        .list();
  }

  /** Records a target a run's step acts on (a second call for the same one does nothing). */
  public void recordTarget(
      Handle h, String runbook, String stepId, String target, Instant at, String workflowId) {
    h.createUpdate(
            "INSERT INTO guard_rail_targets (runbook, step_id, target, at, workflow_id)"
                + " VALUES (:runbook, :step, :target, :at, :workflow) ON CONFLICT DO NOTHING")
        .bind("runbook", runbook)
        .bind("step", stepId)
        .bind("target", target)
        .bind("at", time(at))
        .bind("workflow", workflowId)
        .execute();
  }

  /** A JSON string literal. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
