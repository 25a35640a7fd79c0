package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code prometheus} step: an instant query against the Prometheus HTTP API. Its result is
 * {@code {query, resultType, samples, value, count, evidence}}; {@code expect} is a CEL condition
 * over it, such as {@code result.value < 85.0}.
 */
public final class PrometheusKind implements ActionKind {
  @Override
  public String name() {
    return "prometheus";
  }

  @Override
  public String description() {
    return "Runs an instant PromQL query against Prometheus and checks the result.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/prometheus.schema.json";
  }

  @Override
  public Set<String> expressionFields() {
    return Set.of("expect");
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    RemediationChecks.url(config, "url", path, locate, problems);
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    if (config.get("query") instanceof String query
        && !query.contains("${{")
        && !RemediationChecks.balanced(query)) {
      String at = path + ".query";
      problems.add(
          new Problem(
              locate.apply(at),
              at,
              "query '" + query + "' has unbalanced brackets, braces or quotes"));
    }
    if (config.get("expect") instanceof String expect) {
      RemediationChecks.onlyResult(expect, path + ".expect", locate, problems);
    }
    return problems;
  }

  /** A query only reads. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return false;
  }

  /** An instant query is a read-only probe: it may run as a local activity. */
  @Override
  public boolean runsLocally(Map<String, Object> renderedConfig) {
    return true;
  }

  @Override
  public java.util.Set<String> urlFields() {
    return java.util.Set.of("url");
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.PROMETHEUS;
  }
}
