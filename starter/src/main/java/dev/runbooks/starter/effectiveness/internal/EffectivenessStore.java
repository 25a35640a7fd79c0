package dev.runbooks.starter.effectiveness.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The inbox's data as effectiveness reads it, and the verdicts it writes: the runs firing alerts
 * started (the inbox routes with action {@code started}), the resolve and re-fire of the same alert
 * (same source and fingerprint) after them, and one verdict row per run ({@code
 * runbook_effectiveness}, written once: its primary key is the run id). Every value is a bound
 * parameter.
 */
public final class EffectivenessStore {
  /** How many undecided runs one evaluation reads at most, oldest first. */
  static final int BATCH = 1000;

  /** A run an alert started, not decided yet. */
  record Candidate(
      long inboxId,
      String source,
      String fingerprint,
      String runbook,
      String workflowId,
      String runId,
      Instant startedAt) {}

  /** An inbox row of the same alert: its id and when it was received. */
  record Seen(long id, Instant at) {}

  /** A final verdict of one run. */
  record Verdict(Candidate run, Instant resolvedAt, String verdict) {}

  private final Jdbi jdbi;

  /** Creates the store over the intake's migrated database. */
  public EffectivenessStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The runs started at or before {@code due} that have no verdict yet, oldest first. */
  List<Candidate> undecided(Instant due) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT i.id, i.source, i.fingerprint, r->>'runbook' AS runbook,"
                        + " r->>'workflowId' AS workflow_id, r->>'runId' AS run_id,"
                        + " i.received_at FROM alert_inbox i"
                        + " CROSS JOIN LATERAL jsonb_array_elements(i.routes) r"
                        + " WHERE i.status = 'firing'"
                        + " AND i.routes @> '[{\"action\": \"started\"}]'"
                        + " AND r->>'action' = 'started'"
                        + " AND r->>'runId' IS NOT NULL AND r->>'runbook' IS NOT NULL"
                        + " AND i.received_at <= :due AND NOT EXISTS (SELECT 1 FROM"
                        + " runbook_effectiveness e WHERE e.run_id = r->>'runId')"
                        + " ORDER BY i.id LIMIT :limit")
                .bind("due", time(due))
                .bind("limit", BATCH)
                .map(
                    (rs, ctx) ->
                        new Candidate(
                            rs.getLong("id"),
                            rs.getString("source"),
                            rs.getString("fingerprint"),
                            rs.getString("runbook"),
                            rs.getString("workflow_id"),
                            rs.getString("run_id"),
                            rs.getObject("received_at", OffsetDateTime.class).toInstant()))
                .list());
  }

  /** The first resolve of the run's alert received after the row that started it. */
  Optional<Seen> resolve(Candidate run) {
    return jdbi.withHandle(h -> next(h, run, "resolved", run.inboxId(), null));
  }

  /** The first firing of the run's alert after its resolve, received by {@code until}. */
  Optional<Seen> refire(Candidate run, Seen resolve, Instant until) {
    return jdbi.withHandle(h -> next(h, run, "firing", resolve.id(), until));
  }

  private static Optional<Seen> next(
      Handle h, Candidate run, String status, long after, Instant until) {
    return h.createQuery(
            "SELECT id, received_at FROM alert_inbox WHERE source = :source"
                + " AND fingerprint = :fingerprint AND status = :status AND id > :after"
                + (until == null ? "" : " AND received_at <= :until")
                + " ORDER BY id LIMIT 1")
        .bind("source", run.source())
        .bind("fingerprint", run.fingerprint())
        .bind("status", status)
        .bind("after", after)
        .bind("until", until == null ? null : time(until))
        .map(
            (rs, ctx) ->
                new Seen(
                    rs.getLong("id"),
                    rs.getObject("received_at", OffsetDateTime.class).toInstant()))
        .findFirst();
  }

  /**
   * Records a final verdict; true when this call wrote it, false when another evaluator (another
   * replica, an earlier pass) already had: only the writer counts it.
   */
  boolean record(Verdict v, Instant now) {
    Candidate run = v.run();
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO runbook_effectiveness (run_id, workflow_id, runbook, source,"
                            + " fingerprint, inbox_id, started_at, resolved_at, verdict,"
                            + " decided_at) VALUES (:run, :wf, :runbook, :source, :fp, :inbox,"
                            + " :started, :resolved, :verdict, :now) ON CONFLICT DO NOTHING")
                    .bind("run", run.runId())
                    .bind("wf", run.workflowId())
                    .bind("runbook", run.runbook())
                    .bind("source", run.source())
                    .bind("fp", run.fingerprint())
                    .bind("inbox", run.inboxId())
                    .bind("started", time(run.startedAt()))
                    .bind("resolved", v.resolvedAt() == null ? null : time(v.resolvedAt()))
                    .bind("verdict", v.verdict())
                    .bind("now", time(now))
                    .execute())
        == 1;
  }

  /** Per runbook: the share of its decided runs that were effective, and how many were decided. */
  public Map<String, Ratio> ratios() {
    Map<String, Ratio> out = new LinkedHashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT runbook, count(*) AS runs,"
                        + " count(*) FILTER (WHERE verdict = 'effective') AS effective"
                        + " FROM runbook_effectiveness GROUP BY runbook ORDER BY runbook")
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            rs.getString("runbook"),
                            new Ratio(rs.getLong("effective"), rs.getLong("runs"))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /**
   * A runbook's effectiveness.
   *
   * @param effective how many decided runs were effective
   * @param runs how many runs were decided
   */
  public record Ratio(long effective, long runs) {
    /** The share of effective runs, NaN when none was decided. */
    public double value() {
      return runs == 0 ? Double.NaN : (double) effective / runs;
    }
  }

  private static OffsetDateTime time(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
