package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code dlq} step: inspects, retries, resolves or discards the items of a dead-letter queue
 * kept in a PostgreSQL table (seed 002's {@code dead_letter_queue} by default), each item once even
 * when the activity is retried. Table and column names are SQL identifiers written out in the
 * runbook, never templates.
 */
public final class DlqKind implements ActionKind {
  private static final Pattern IDENTIFIER =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

  /** Its executor loops or waits for longer than a few seconds and heartbeats meanwhile. */
  @Override
  public boolean heartbeats() {
    return true;
  }

  @Override
  public String name() {
    return "dlq";
  }

  @Override
  public String description() {
    return "Inspects, retries, resolves or discards dead-letter queue items in a PostgreSQL table.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/dlq.schema.json";
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    String action = config.get("action") instanceof String a ? a : "inspect";
    identifier(config.get("datasource"), path + ".datasource", locate, problems, false);
    identifier(config.get("table"), path + ".table", locate, problems, true);
    if (config.get("columns") instanceof Map<?, ?> columns) {
      columns.forEach((k, v) -> identifier(v, path + ".columns." + k, locate, problems, true));
    }
    if (config.get("match") != null && config.get("like") != null) {
      RemediationChecks.add(problems, locate, path + ".like", "use match or like, not both");
    }
    if (config.get("match") instanceof String match && !match.contains("${{")) {
      dev.runbooks.language.Regexes.problem(match)
          .ifPresent(
              problem ->
                  RemediationChecks.add(
                      problems, locate, path + ".match", "invalid regex: " + problem));
    }
    if (config.get("notMatch") instanceof String notMatch && !notMatch.contains("${{")) {
      dev.runbooks.language.Regexes.problem(notMatch)
          .ifPresent(
              problem ->
                  RemediationChecks.add(
                      problems, locate, path + ".notMatch", "invalid regex: " + problem));
    }
    HttpKind.checkDuration(config, "olderThan", path, locate, problems);
    Object target = config.get("target");
    if (action.equals("retry") && target == null) {
      RemediationChecks.add(
          problems,
          locate,
          path,
          "action 'retry' needs a target: {table, columns} or {url}; to close items without"
              + " re-enqueueing them, use action 'resolve' or 'discard'");
    } else if (!action.equals("retry") && target != null) {
      RemediationChecks.add(
          problems, locate, path + ".target", "target applies only to action 'retry'");
    }
    if (target instanceof Map<?, ?> t) {
      String at = path + ".target";
      if ((t.get("table") == null) == (t.get("url") == null)) {
        RemediationChecks.add(
            problems,
            locate,
            at,
            "needs exactly one of table (an INSERT) and url (a POST per item)");
      }
      identifier(t.get("table"), at + ".table", locate, problems, true);
      if (t.get("table") != null && !(t.get("columns") instanceof Map<?, ?>)) {
        RemediationChecks.add(
            problems, locate, at + ".columns", "a table target maps target columns to DLQ columns");
      }
      if (t.get("columns") instanceof Map<?, ?> cols) {
        cols.forEach(
            (k, v) -> {
              identifier(k, at + ".columns", locate, problems, true);
              identifier(v, at + ".columns." + k, locate, problems, true);
            });
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> tm = (Map<String, Object>) t;
      RemediationChecks.url(tm, "url", at, locate, problems);
      HttpKind.checkDuration(tm, "timeout", at, locate, problems);
    }
    if (config.get("note") != null && !List.of("resolve", "discard").contains(action)) {
      RemediationChecks.add(
          problems, locate, path + ".note", "note applies only to actions resolve and discard");
    }
    return problems;
  }

  private static void identifier(
      Object value,
      String at,
      Function<String, Location> locate,
      List<Problem> problems,
      boolean sql) {
    if (!(value instanceof String s)) {
      return;
    }
    if (s.contains("${{")) {
      RemediationChecks.add(
          problems,
          locate,
          at,
          "must be written out, not a template, so that run data cannot choose what is changed");
    } else if (sql && !IDENTIFIER.matcher(s).matches()) {
      RemediationChecks.add(
          problems, locate, at, "must be an SQL identifier (letters, digits, _; schema.name)");
    }
  }

  /** Inspecting only reads; retry, resolve and discard change the queue. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    Object action = config.get("action");
    return action != null && !"inspect".equals(action);
  }

  @Override
  public java.util.Set<String> urlFields() {
    return java.util.Set.of("target.url");
  }

  /**
   * The queue: {@code <datasource>/<table>}, the table being {@code dead_letter_queue} unless the
   * config names another.
   */
  @Override
  public java.util.Optional<String> target(Map<String, Object> renderedConfig) {
    java.util.Optional<String> table = TargetFields.text(renderedConfig.get("table"));
    return TargetFields.text(renderedConfig.get("datasource"))
        .map(datasource -> datasource + "/" + table.orElse("dead_letter_queue"));
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.DLQ;
  }
}
