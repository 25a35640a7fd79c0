package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The {@code sql} step: one read-only query on a datasource the worker configures by name, with
 * every value bound as a parameter ({@code params: [..]} for {@code ?} placeholders, or a map for
 * {@code :name} placeholders). Templates may fill parameter values, never the query text. Its
 * result is {@code {rows, rowCount, truncated, columns, evidence}}; {@code expect} is a CEL
 * condition over it.
 */
public final class SqlKind implements ActionKind {
  /** The most rows a step may ask for. */
  public static final int MAX_ROWS = 10_000;

  private static final Pattern FIRST_WORD =
      Pattern.compile("^\\s*(?:--[^\\n]*\\n\\s*|/\\*.*?\\*/\\s*)*([A-Za-z]+)", Pattern.DOTALL);
  private static final Set<String> READING = Set.of("select", "with", "values", "table", "show");

  @Override
  public String name() {
    return "sql";
  }

  @Override
  public String description() {
    return "Runs one read-only SQL query with bound parameters on a named datasource.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/sql.schema.json";
  }

  @Override
  public Set<String> expressionFields() {
    return Set.of("expect");
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    if (config.get("query") instanceof String query) {
      if (query.contains("${{")) {
        RemediationChecks.add(
            problems,
            locate,
            path + ".query",
            "the query text cannot hold templates: write a placeholder (? or :name) and pass the"
                + " value in params, so that run data is always bound, never spliced into SQL");
      } else {
        queryProblem(query)
            .ifPresent(p -> RemediationChecks.add(problems, locate, path + ".query", p));
      }
    }
    if (config.get("datasource") instanceof String ds && ds.contains("${{")) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".datasource",
          "must be written out, not a template, so that run data cannot choose the database");
    }
    if (config.get("expect") instanceof String expect) {
      RemediationChecks.onlyResult(expect, path + ".expect", locate, problems);
    }
    return problems;
  }

  /**
   * Why a query cannot run as a read-only probe, or empty when it can: it must be one statement (no
   * {@code ;} outside quotes and comments, except at the end) that starts with SELECT, WITH,
   * VALUES, TABLE or SHOW. The executor runs it in a read-only transaction that it rolls back, so
   * this is a first line of defence and a clear message, not the only one.
   */
  public static Optional<String> queryProblem(String query) {
    String code = withoutLiteralsAndComments(query).strip();
    while (code.endsWith(";")) {
      code = code.substring(0, code.length() - 1).strip();
    }
    if (code.contains(";")) {
      return Optional.of("must be one statement: ';' separates statements");
    }
    var m = FIRST_WORD.matcher(query);
    String first = m.find() ? m.group(1).toLowerCase(Locale.ROOT) : "";
    if (!READING.contains(first)) {
      return Optional.of(
          "must be a read-only query starting with SELECT, WITH, VALUES, TABLE or SHOW, not '"
              + first
              + "'");
    }
    return Optional.empty();
  }

  /** The text with string literals, quoted identifiers and comments blanked out. */
  static String withoutLiteralsAndComments(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int j = i + 1;
        while (j < sql.length()) {
          if (sql.charAt(j) == c) {
            if (j + 1 < sql.length() && sql.charAt(j + 1) == c) {
              j += 2;
              continue;
            }
            break;
          }
          j++;
        }
        out.append(' ');
        i = j + 1;
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end;
      } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        out.append(' ');
      } else if (c == '$' && i + 1 < sql.length() && sql.charAt(i + 1) == '$') {
        int end = sql.indexOf("$$", i + 2);
        i = end < 0 ? sql.length() : end + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** Queries run read-only. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return false;
  }

  /** The datasource the query runs on. */
  @Override
  public Optional<String> target(Map<String, Object> renderedConfig) {
    return TargetFields.text(renderedConfig.get("datasource"));
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.SQL;
  }
}
