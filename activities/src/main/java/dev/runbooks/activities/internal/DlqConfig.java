package dev.runbooks.activities.internal;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The config of a {@code dlq} step. Every table and column name is checked as an SQL identifier and
 * quoted here, so the SQL the executor builds holds only these names and bound values.
 *
 * @param datasource the datasource's name
 * @param action {@code inspect}, {@code retry}, {@code resolve} or {@code discard}
 * @param table the quoted DLQ table
 * @param tableName the table as written, for results and the audit trail
 * @param id the quoted id column
 * @param reason the quoted failure reason column
 * @param status the quoted status column
 * @param note the quoted note column
 * @param match a PostgreSQL regular expression over the reason, or null
 * @param like a LIKE pattern over the reason, or null
 * @param notMatch a PostgreSQL regular expression the reason must not match, or null
 * @param createdAt the quoted column of when an item was dead-lettered
 * @param cutoff only items dead-lettered before this instant (now minus {@code olderThan}), or null
 * @param noteText the note written by resolve and discard, or null
 * @param target where retry re-enqueues items
 * @param batchSize items per transaction
 * @param maxItems the most items one step handles, across attempts
 * @param rate items per second, or 0 for no limit
 * @param stopErrorRate the failed share of re-enqueues that stops a retry, or above 1 for never
 */
record DlqConfig(
    String datasource,
    String action,
    String table,
    String tableName,
    String id,
    String reason,
    String status,
    String note,
    String match,
    String like,
    String notMatch,
    String createdAt,
    java.time.OffsetDateTime cutoff,
    String noteText,
    Target target,
    int batchSize,
    int maxItems,
    double rate,
    double stopErrorRate) {
  private static final String TYPE = "dlq";
  private static final Set<String> FIELDS =
      Set.of(
          "datasource",
          "action",
          "table",
          "columns",
          "match",
          "like",
          "notMatch",
          "olderThan",
          "note",
          "target",
          "batchSize",
          "maxItems",
          "rate",
          "stopErrorRate");

  /**
   * Where retry puts items back: an INSERT into a table of the same database (in the transaction
   * that marks the item), or one HTTP POST per item.
   *
   * @param table the quoted target table, or null for http
   * @param columns quoted target column to the DLQ row's column (by name) it is filled from
   * @param values quoted target column to a constant value
   * @param url the endpoint of http, or null
   * @param headers extra request headers of http
   * @param timeout per request
   */
  record Target(
      String table,
      Map<String, String> columns,
      Map<String, Object> values,
      URI url,
      Map<String, String> headers,
      Duration timeout) {}

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static DlqConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of(TYPE, config, FIELDS);
    String action = in.string("action").orElse("inspect");
    if (!Set.of("inspect", "retry", "resolve", "discard").contains(action)) {
      throw in.invalid("action", "must be inspect, retry, resolve or discard");
    }
    String tableName = in.string("table").orElse("dead_letter_queue");
    Map<String, String> cols = new LinkedHashMap<>();
    cols.put("id", "id");
    cols.put("reason", "failure_reason");
    cols.put("status", "status");
    cols.put("note", "resolution_note");
    cols.put("createdAt", "created_at");
    in.object("columns", cols.keySet())
        .ifPresent(c -> cols.keySet().forEach(k -> c.string(k).ifPresent(v -> cols.put(k, v))));
    String match = in.string("match").orElse(null);
    if (match != null) {
      // PostgreSQL runs it; keep to the RE2 subset (no backreferences or lookaround) and the
      // length cap, as for every regex a runbook supplies.
      if (dev.runbooks.language.Regexes.problem(match).isPresent()) {
        throw in.invalid(
            "match",
            "is not a supported regular expression (RE2 syntax: no backreferences or lookaround,"
                + " at most "
                + dev.runbooks.language.Regexes.MAX_LENGTH
                + " characters)");
      }
    }
    String notMatch = in.string("notMatch").orElse(null);
    if (notMatch != null && dev.runbooks.language.Regexes.problem(notMatch).isPresent()) {
      throw in.invalid(
          "notMatch",
          "is not a supported regular expression (RE2 syntax: no backreferences or lookaround,"
              + " at most "
              + dev.runbooks.language.Regexes.MAX_LENGTH
              + " characters)");
    }
    java.time.OffsetDateTime cutoff =
        in.duration("olderThan")
            .map(age -> java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minus(age))
            .orElse(null);
    String like = in.string("like").orElse(null);
    if (match != null && like != null) {
      throw in.invalid("like", "cannot be combined with match; use one of them");
    }
    Target target = null;
    var rawTarget =
        in.object("target", Set.of("table", "columns", "values", "url", "headers", "timeout"));
    if (action.equals("retry")) {
      target =
          target(in, rawTarget.orElseThrow(() -> in.invalid("target", "is required for retry")));
    } else if (rawTarget.isPresent()) {
      throw in.invalid("target", "applies only to action retry");
    }
    long batchSize = in.integer("batchSize").orElse(50L);
    long maxItems = in.integer("maxItems").orElse(1000L);
    if (batchSize < 1 || batchSize > 1000) {
      throw in.invalid("batchSize", "must be between 1 and 1000");
    }
    if (maxItems < 1 || maxItems > 100_000) {
      throw in.invalid("maxItems", "must be between 1 and 100000");
    }
    double rate = number(in, "rate", 0);
    double stop = number(in, "stopErrorRate", 2);
    if (rate < 0 || stop < 0) {
      throw in.invalid(rate < 0 ? "rate" : "stopErrorRate", "must not be negative");
    }
    return new DlqConfig(
        in.requiredString("datasource"),
        action,
        SqlSupport.quote(TYPE, "table", tableName),
        tableName,
        SqlSupport.quote(TYPE, "columns.id", cols.get("id")),
        SqlSupport.quote(TYPE, "columns.reason", cols.get("reason")),
        SqlSupport.quote(TYPE, "columns.status", cols.get("status")),
        SqlSupport.quote(TYPE, "columns.note", cols.get("note")),
        match,
        like,
        notMatch,
        SqlSupport.quote(TYPE, "columns.createdAt", cols.get("createdAt")),
        cutoff,
        in.string("note").orElse(null),
        target,
        (int) batchSize,
        (int) maxItems,
        rate,
        stop);
  }

  private static Target target(ConfigReader in, ConfigReader t) {
    String table = t.string("table").orElse(null);
    String url = t.string("url").orElse(null);
    if ((table == null) == (url == null)) {
      throw in.invalid("target", "needs exactly one of table and url");
    }
    Duration timeout = t.duration("timeout").orElse(Duration.ofSeconds(10));
    if (url != null) {
      URI uri = JsonHttp.parse(url);
      if (uri == null) {
        throw t.invalid("url", "must be an absolute http:// or https:// URL");
      }
      return new Target(null, Map.of(), Map.of(), uri, t.stringMap("headers"), timeout);
    }
    Map<String, String> columns = new LinkedHashMap<>();
    t.stringMap("columns")
        .forEach(
            (to, from) -> {
              SqlSupport.quote(TYPE, "target.columns." + to, from);
              columns.put(SqlSupport.quote(TYPE, "target.columns", to), from);
            });
    Map<String, Object> values = new LinkedHashMap<>();
    Object raw = t.raw("values");
    if (raw instanceof Map<?, ?> map) {
      map.forEach(
          (k, v) -> values.put(SqlSupport.quote(TYPE, "target.values", String.valueOf(k)), v));
    } else if (raw != null) {
      throw t.invalid("values", "must be a map of column to value");
    }
    if (columns.isEmpty()) {
      throw t.invalid("columns", "must map at least one target column to a DLQ column");
    }
    return new Target(
        SqlSupport.quote(TYPE, "target.table", table), columns, values, null, Map.of(), timeout);
  }

  private static double number(ConfigReader in, String field, double fallback) {
    Object raw = in.raw(field);
    if (raw == null) {
      return fallback;
    }
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(String.valueOf(raw).strip());
    } catch (NumberFormatException e) {
      throw in.invalid(field, "must be a number");
    }
  }

  /**
   * The WHERE condition selecting the items an action may touch; {@link #bindFilter} binds its
   * parameters.
   */
  String filter(String statuses) {
    return status + " IN (" + statuses + ")" + conditions();
  }

  /**
   * The conditions of the reason patterns and the age, each starting with {@code AND}, or empty.
   */
  String conditions() {
    String condition = "";
    if (match != null) {
      condition += " AND " + reason + " ~ :pattern";
    } else if (like != null) {
      condition += " AND " + reason + " LIKE :pattern";
    }
    if (notMatch != null) {
      condition += " AND (" + reason + " IS NULL OR " + reason + " !~ :notPattern)";
    }
    if (cutoff != null) {
      condition += " AND " + createdAt + " < :cutoff";
    }
    return condition;
  }

  /** Binds the parameters of {@link #conditions()} to a statement. */
  <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindFilter(S statement) {
    if (pattern() != null) {
      statement.bind("pattern", pattern());
    }
    if (notMatch != null) {
      statement.bind("notPattern", notMatch);
    }
    if (cutoff != null) {
      statement.bind("cutoff", cutoff);
    }
    return statement;
  }

  /** The value of {@code :pattern}, or null when there is no pattern. */
  String pattern() {
    return match != null ? match : like;
  }
}
