package dev.runbooks.activities.internal;

import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.Datasources;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Executes {@code dlq} steps on a PostgreSQL dead-letter table (seed 002's {@code
 * dead_letter_queue} by default): {@code inspect} counts items by failure reason and status, {@code
 * retry} re-enqueues the pending items whose reason matches (see {@link DlqRetry}), {@code resolve}
 * and {@code discard} mark pending and failed items with a note. Each item is handled once: rows
 * are claimed with {@code FOR UPDATE SKIP LOCKED} and leave the {@code pending} status in the
 * transaction that handles them, so a retried activity or a second worker finds only what is left.
 *
 * <p>Requests go through {@link JsonHttp}, which resolves and checks each host with the step's
 * {@link dev.runbooks.activities.Destinations} and connects to the checked address ({@link
 * PinnedHttp}).
 */
final class DlqExecutor implements StepExecutor {
  private final Datasources datasources;
  private final AuditLog audit;
  private final LongConsumer afterItem;
  private final Map<DataSource, Jdbi> jdbis = new ConcurrentHashMap<>();

  /** An executor over the environment's datasources, recording changes in its audit log. */
  DlqExecutor(StepEnvironment env) {
    this(env, n -> {});
  }

  /**
   * An executor with a hook called after each re-enqueued item with the count so far in this
   * attempt (tests make it throw to kill an attempt mid-batch).
   */
  DlqExecutor(StepEnvironment env, LongConsumer afterItem) {
    this.datasources = env.datasources();
    this.audit = env.audit();
    this.afterItem = afterItem;
  }

  @Override
  public String type() {
    return "dlq";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    DlqConfig config = DlqConfig.bind(request.config());
    DataSource dataSource = SqlSupport.dataSource(datasources, "dlq", config.datasource());
    Jdbi jdbi = jdbis.computeIfAbsent(dataSource, Jdbi::create);
    String what = "dlq " + config.action() + " on " + config.tableName();
    long started = System.nanoTime();
    Map<String, Object> result;
    try {
      result =
          switch (config.action()) {
            case "retry" ->
                new DlqRetry(
                        config,
                        jdbi,
                        ctx,
                        afterItem,
                        stopped ->
                            audit.append(
                                AuditLog.entry(
                                    request,
                                    "dlq.retry",
                                    config.datasource() + "/" + config.tableName(),
                                    "stopped",
                                    DlqRetry.auditDetails(stopped))))
                    .run();
            case "resolve", "discard" -> mark(config, jdbi, ctx);
            default -> inspect(config, jdbi);
          };
    } catch (ApplicationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      if (SqlSupport.isDatabaseError(e)) {
        throw SqlSupport.failure(what, e, null);
      }
      throw e;
    }
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("datasource", config.datasource());
    evidence.put("table", config.tableName());
    evidence.put("pattern", config.pattern());
    evidence.put("notMatch", config.notMatch());
    evidence.put("before", config.cutoff() == null ? null : config.cutoff().toString());
    evidence.put("durationMs", (System.nanoTime() - started) / 1_000_000);
    result.put("evidence", evidence);
    if (!config.action().equals("inspect")) {
      audit.append(
          AuditLog.entry(
              request,
              "dlq." + config.action(),
              config.datasource() + "/" + config.tableName(),
              "succeeded",
              DlqRetry.auditDetails(result)));
    }
    return result;
  }

  private static Map<String, Object> inspect(DlqConfig config, Jdbi jdbi) {
    String sql =
        "SELECT "
            + config.reason()
            + " AS reason, "
            + config.status()
            + " AS status, count(*) AS n FROM "
            + config.table()
            + " WHERE TRUE"
            + config.conditions()
            + " GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT 200";
    List<Map<String, Object>> groups = new ArrayList<>();
    Map<String, Object> byStatus = new LinkedHashMap<>();
    Map<String, Object> byReason = new LinkedHashMap<>();
    long[] total = {0};
    jdbi.useHandle(
        h -> {
          config
              .bindFilter(h.createQuery(sql))
              .map((rs, c) -> row(rs.getString("reason"), rs.getString("status"), rs.getLong("n")))
              .forEach(
                  g -> {
                    groups.add(g);
                    long n = (Long) g.get("count");
                    total[0] += n;
                    byStatus.merge((String) g.get("status"), n, (a, b) -> (Long) a + (Long) b);
                    byReason.merge(
                        String.valueOf(g.get("reason")), n, (a, b) -> (Long) a + (Long) b);
                  });
        });
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", "inspect");
    result.put("table", config.tableName());
    result.put("groups", groups);
    result.put("byStatus", byStatus);
    result.put("byReason", byReason);
    result.put("total", total[0]);
    result.put("pending", byStatus.getOrDefault("pending", 0L));
    return result;
  }

  private static Map<String, Object> row(String reason, String status, long n) {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("reason", reason);
    g.put("status", status);
    g.put("count", n);
    return g;
  }

  /** Resolve or discard: batches of UPDATEs over claimed rows, each batch one transaction. */
  private static Map<String, Object> mark(DlqConfig config, Jdbi jdbi, StepContext ctx) {
    String newStatus = config.action().equals("resolve") ? "resolved" : "discarded";
    Map<String, Object> previous = ctx.previousDetails().orElse(Map.of());
    long changed = previous.get("changed") instanceof Number n ? n.longValue() : 0;
    boolean resumed = changed > 0;
    String sql =
        "UPDATE "
            + config.table()
            + " SET "
            + config.status()
            + " = :to"
            + (config.noteText() == null ? "" : ", " + config.note() + " = :note")
            + " WHERE "
            + config.id()
            + " IN (SELECT "
            + config.id()
            + " FROM "
            + config.table()
            + " WHERE "
            + config.filter("'pending', 'failed'")
            + " ORDER BY "
            + config.id()
            + " LIMIT :n FOR UPDATE SKIP LOCKED)";
    while (changed < config.maxItems()) {
      int n = (int) Math.min(config.batchSize(), config.maxItems() - changed);
      int done =
          jdbi.inTransaction(
              (Handle h) -> {
                var update = h.createUpdate(sql).bind("to", newStatus).bind("n", n);
                if (config.noteText() != null) {
                  update.bind("note", config.noteText());
                }
                return config.bindFilter(update).execute();
              });
      changed += done;
      ctx.heartbeat(Map.of("changed", changed));
      if (done < n) {
        break;
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", config.action());
    result.put("table", config.tableName());
    result.put("status", newStatus);
    result.put("changed", changed);
    result.put("note", config.noteText());
    result.put("resumed", resumed);
    result.put("stoppedBy", changed >= config.maxItems() ? "maxItems" : null);
    return result;
  }
}
