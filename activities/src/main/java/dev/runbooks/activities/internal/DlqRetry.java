package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.expr.Json;
import io.temporal.failure.ApplicationFailure;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * One {@code dlq retry}: re-enqueues pending items whose reason matches, each exactly once.
 *
 * <p>Items are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so a second executor on the
 * same table skips them, and move {@code pending → retrying → retried} (or {@code failed}) inside
 * the transaction that re-enqueues them. With a table target the INSERT and the status change
 * commit together, one transaction per batch (a savepoint per item: a refused INSERT marks only
 * that item {@code failed}); an attempt that dies mid-batch rolls the whole batch back, and the
 * next attempt finds those items pending again. With an HTTP target each item is one transaction
 * around its POST, which carries {@code Idempotency-Key: dlq:<datasource>/<table>:<id>}: only a
 * worker that dies between the endpoint's answer and the commit makes the item go out twice, with
 * the same key.
 *
 * <p>After each batch (table) or item (HTTP) the executor heartbeats a checkpoint {@code
 * {attempted, retried, failed, lastId}}; a later attempt resumes from it, so {@code maxItems} and
 * the error rate count across attempts.
 */
final class DlqRetry {
  private static final int MIN_SAMPLE = 10;
  private static final int ITEMS_SHOWN = 100;
  private final DlqConfig config;
  private final Jdbi jdbi;
  private final StepContext ctx;
  private final LongConsumer afterItem;
  private final Consumer<Map<String, Object>> onStop;
  private final List<Map<String, Object>> items = new ArrayList<>();
  private long attempted;
  private long retried;
  private long failed;
  private Object lastId;
  private long handledNow;
  private final long startedNanos = System.nanoTime();

  DlqRetry(
      DlqConfig config,
      Jdbi jdbi,
      StepContext ctx,
      LongConsumer afterItem,
      Consumer<Map<String, Object>> onStop) {
    this.config = config;
    this.jdbi = jdbi;
    this.ctx = ctx;
    this.afterItem = afterItem;
    this.onStop = onStop;
  }

  Map<String, Object> run() {
    Map<String, Object> previous = ctx.previousDetails().orElse(Map.of());
    boolean resumed = previous.get("attempted") instanceof Number;
    attempted = count(previous, "attempted");
    retried = count(previous, "retried");
    failed = count(previous, "failed");
    lastId = previous.get("lastId");
    String select =
        "SELECT * FROM "
            + config.table()
            + " WHERE "
            + config.filter("'pending'")
            + " ORDER BY "
            + config.id()
            + " LIMIT :n FOR UPDATE SKIP LOCKED";
    boolean http = config.target().url() != null;
    while (attempted < config.maxItems()) {
      int n = (int) Math.min(http ? 1 : config.batchSize(), config.maxItems() - attempted);
      int claimed = jdbi.inTransaction((Handle h) -> batch(h, select, n, http));
      ctx.heartbeat(checkpoint());
      if (attempted >= MIN_SAMPLE && (double) failed / attempted > config.stopErrorRate()) {
        Map<String, Object> result = result(resumed, "errorRate");
        onStop.accept(result);
        throw ApplicationFailure.newNonRetryableFailure(
            "dlq retry on "
                + config.tableName()
                + " stopped: "
                + failed
                + " of "
                + attempted
                + " re-enqueues failed, more than stopErrorRate "
                + config.stopErrorRate(),
            StepFailures.DLQ_ERROR_RATE_EXCEEDED,
            result);
      }
      if (claimed < n) {
        return result(resumed, null);
      }
    }
    return result(resumed, "maxItems");
  }

  private int batch(Handle h, String select, int n, boolean http) {
    var query = config.bindFilter(h.createQuery(select).bind("n", n));
    List<Map<String, Object>> rows = query.map((rs, c) -> raw(rs)).list();
    String setStatus =
        "UPDATE "
            + config.table()
            + " SET "
            + config.status()
            + " = :s WHERE "
            + config.id()
            + " = :id";
    for (Map<String, Object> row : rows) {
      h.createUpdate(setStatus).bind("s", "retrying").bind("id", id(row)).execute();
    }
    for (Map<String, Object> row : rows) {
      pace();
      String error = http ? post(row) : insert(h, row);
      h.createUpdate(setStatus)
          .bind("s", error == null ? "retried" : "failed")
          .bind("id", id(row))
          .execute();
      attempted++;
      if (error == null) {
        retried++;
      } else {
        failed++;
      }
      lastId = json(id(row));
      if (items.size() < ITEMS_SHOWN) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", lastId);
        item.put("outcome", error == null ? "retried" : "failed");
        item.put("error", error);
        items.add(item);
      }
      afterItem.accept(++handledNow);
    }
    return rows.size();
  }

  /** Inserts the item into the target table under a savepoint; returns the error or null. */
  private String insert(Handle h, Map<String, Object> row) {
    var target = config.target();
    List<String> columns = new ArrayList<>();
    List<String> params = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    int i = 0;
    for (var e : target.columns().entrySet()) {
      if (!row.containsKey(e.getValue())) {
        throw StepFailures.invalidConfig(
            "dlq", "target.columns", "names '" + e.getValue() + "', which the DLQ table lacks");
      }
      columns.add(e.getKey());
      params.add(":p" + i);
      values.put("p" + i++, row.get(e.getValue()));
    }
    for (var e : target.values().entrySet()) {
      columns.add(e.getKey());
      params.add(":p" + i);
      values.put("p" + i++, e.getValue());
    }
    String sql =
        "INSERT INTO "
            + target.table()
            + " ("
            + String.join(", ", columns)
            + ") VALUES ("
            + String.join(", ", params)
            + ")";
    h.savepoint("dlq_item");
    try {
      h.createUpdate(sql).bindMap(values).execute();
      h.releaseSavepoint("dlq_item");
      return null;
    } catch (JdbiException e) {
      h.rollbackToSavepoint("dlq_item");
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return JsonValues.head(String.valueOf(cause.getMessage()), 300);
    }
  }

  /** POSTs the item as JSON; returns the error or null. */
  private String post(Map<String, Object> row) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (var e : row.entrySet()) {
      body.put(e.getKey(), json(e.getValue()));
    }
    var target = config.target();
    Map<String, String> headers = new LinkedHashMap<>(target.headers());
    headers.put(
        "Idempotency-Key",
        "dlq:" + config.datasource() + "/" + config.tableName() + ":" + json(id(row)));
    String what = "POST " + JsonHttp.safe(target.url());
    try {
      JsonHttp.Response response =
          JsonHttp.exchange(
              "POST",
              target.url(),
              headers,
              Json.write(body),
              target.timeout(),
              ctx,
              what,
              StepFailures.HTTP_REQUEST_FAILED);
      int status = response.status();
      return status >= 200 && status < 300
          ? null
          : what + " answered " + status + ": " + JsonValues.head(response.text(), 200);
    } catch (ApplicationFailure e) {
      if (StepFailures.INTERRUPTED.equals(e.getType())) {
        throw e;
      }
      return e.getOriginalMessage();
    }
  }

  private void pace() {
    if (config.rate() <= 0) {
      return;
    }
    long due = startedNanos + (long) (handledNow / config.rate() * 1e9);
    try {
      while (System.nanoTime() < due) {
        long left = due - System.nanoTime();
        Thread.sleep(Math.max(1, Math.min(left, Heartbeats.INTERVAL.toNanos()) / 1_000_000));
        if (System.nanoTime() < due) {
          ctx.heartbeat(checkpoint());
        }
      }
    } catch (InterruptedException e) {
      throw StepFailures.interrupted("pacing a dlq retry");
    }
  }

  private static Object json(Object value) {
    try {
      return SqlSupport.json(value);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object id(Map<String, Object> row) {
    return row.get(config.id().substring(1, config.id().length() - 1));
  }

  private static Map<String, Object> raw(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    Map<String, Object> row = new LinkedHashMap<>();
    for (int c = 1; c <= meta.getColumnCount(); c++) {
      row.put(meta.getColumnLabel(c), rs.getObject(c));
    }
    return row;
  }

  private Map<String, Object> checkpoint() {
    Map<String, Object> checkpoint = new LinkedHashMap<>();
    checkpoint.put("attempted", attempted);
    checkpoint.put("retried", retried);
    checkpoint.put("failed", failed);
    checkpoint.put("lastId", lastId);
    return checkpoint;
  }

  private Map<String, Object> result(boolean resumed, String stoppedBy) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("action", "retry");
    result.put("table", config.tableName());
    result.put(
        "target",
        config.target().url() != null
            ? JsonHttp.safe(config.target().url())
            : config.target().table());
    result.putAll(checkpoint());
    result.put("items", items);
    result.put("resumed", resumed);
    result.put("stoppedBy", stoppedBy);
    return result;
  }

  private static long count(Map<String, Object> map, String key) {
    return map.get(key) instanceof Number n ? n.longValue() : 0;
  }

  /** The result without the item list, for the audit trail. */
  static Map<String, Object> auditDetails(Map<String, Object> result) {
    Map<String, Object> details = new LinkedHashMap<>(result);
    details.remove("items");
    return details;
  }
}
