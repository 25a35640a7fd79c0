package dev.runbooks.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The PromQL expressions of the Grafana dashboard and of the engine's Prometheus rules, and the
 * metric names they read.
 */
final class MetricNames {
  /** The dashboard, from the worker module's directory. */
  static final Path DASHBOARD = Path.of("../docker/grafana/dashboards/runbook-engine.json");

  /** The engine's alert rules. */
  static final Path RULES = Path.of("../docker/prometheus/rules/engine.yml");

  private static final Set<String> KEYWORDS =
      Set.of(
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "and",
          "or",
          "unless",
          "offset",
          "bool",
          "inf",
          "nan");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private MetricNames() {}

  /** Every panel target's expression by "panel title / refId", in the dashboard's order. */
  static Map<String, String> dashboardExpressions() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    Map<String, String> found = new LinkedHashMap<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        found.put(
            panel.path("title").asText() + " / " + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    return found;
  }

  /** Every rule's expression by alert (or record) name. */
  @SuppressWarnings("unchecked")
  static Map<String, String> ruleExpressions() throws IOException {
    Map<String, Object> file = new Yaml().load(Files.readString(RULES));
    Map<String, String> found = new LinkedHashMap<>();
    for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
      for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
        Object name = rule.containsKey("alert") ? rule.get("alert") : rule.get("record");
        found.put(String.valueOf(name), String.valueOf(rule.get("expr")));
      }
    }
    return found;
  }

  /**
   * The metric names an expression reads: identifiers that are not functions (followed by a
   * parenthesis), keywords, label names (in matchers and groupings) or durations.
   */
  static Set<String> of(String expr) {
    String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
    s = s.replaceAll("\\{[^}]*}", " ");
    s = GROUPING.matcher(s).replaceAll(" ");
    s = s.replaceAll("\\[[^]]*]", " ");
    s = s.replaceAll("\\$[a-zA-Z_]+", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      String rest = s.substring(m.end()).stripLeading();
      boolean function = rest.startsWith("(");
      boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
      if (!function && !number && !KEYWORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }

  /** The metric names of every expression given. */
  static Set<String> ofAll(Map<String, String> expressions) {
    Set<String> names = new TreeSet<>();
    expressions.values().forEach(e -> names.addAll(of(e)));
    return names;
  }

  /** The expression with Grafana's variables replaced, ready for Prometheus' query API. */
  static String forPrometheus(String expr) {
    return expr.replace("$__rate_interval", "1m")
        .replace("$__range", "5m")
        .replace("$runbook", ".*");
  }

  /** Expressions by key, as a list of "key: expr" lines for failure messages. */
  static List<String> describe(Map<String, String> expressions) {
    List<String> lines = new ArrayList<>();
    expressions.forEach((k, v) -> lines.add(k + ": " + v));
    return lines;
  }
}
