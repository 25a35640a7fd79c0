package dev.runbooks.activities.internal;

import dev.runbooks.language.steps.SqlKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config of a {@code sql} step.
 *
 * @param datasource the datasource's name
 * @param query one read-only statement with placeholders
 * @param positional the values of {@code ?} placeholders (empty when named are used)
 * @param named the values of {@code :name} placeholders (empty when positional are used)
 * @param maxRows the most rows returned
 * @param timeout how long the statement may run
 * @param expect a CEL condition over {@code result}, or null
 */
record SqlConfig(
    String datasource,
    String query,
    List<Object> positional,
    Map<String, Object> named,
    int maxRows,
    Duration timeout,
    String expect) {
  static final int DEFAULT_MAX_ROWS = 100;
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Set<String> FIELDS =
      Set.of("datasource", "query", "params", "maxRows", "timeout", "expect");

  /** Binds a rendered config, failing with {@code InvalidStepConfig} on the first bad field. */
  static SqlConfig bind(Map<String, Object> config) {
    ConfigReader in = ConfigReader.of("sql", config, FIELDS);
    String datasource = in.requiredString("datasource");
    String query = in.requiredString("query");
    SqlKind.queryProblem(query)
        .ifPresent(
            p -> {
              throw in.invalid("query", p);
            });
    List<Object> positional = new ArrayList<>();
    Map<String, Object> named = new LinkedHashMap<>();
    Object params = in.raw("params");
    if (params instanceof List<?> list) {
      positional.addAll(list);
    } else if (params instanceof Map<?, ?> map) {
      map.forEach((k, v) -> named.put(String.valueOf(k), v));
    } else if (params != null) {
      throw in.invalid("params", "must be a list (for ?) or a map (for :name)");
    }
    for (Object value : params instanceof Map<?, ?> ? named.values() : positional) {
      if (value instanceof Map || value instanceof List) {
        throw in.invalid("params", "values must be strings, numbers, booleans or null");
      }
    }
    long maxRows = in.integer("maxRows").orElse((long) DEFAULT_MAX_ROWS);
    if (maxRows < 1 || maxRows > SqlKind.MAX_ROWS) {
      throw in.invalid("maxRows", "must be between 1 and " + SqlKind.MAX_ROWS);
    }
    return new SqlConfig(
        datasource,
        query,
        java.util.Collections.unmodifiableList(positional),
        named,
        (int) maxRows,
        in.duration("timeout").orElse(DEFAULT_TIMEOUT),
        ResultExpect.bind(in));
  }
}
