package dev.runbooks.language.steps;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code http} step: sends a request and checks the response. Its result is {@code {status,
 * headers, body, durationMs}}; {@code expect.body} is a CEL condition over it.
 */
public final class HttpKind implements ActionKind {
  @Override
  public String name() {
    return "http";
  }

  @Override
  public String description() {
    return "Sends an HTTP request and checks the response status and, optionally, its body.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/http.schema.json";
  }

  @Override
  public Set<String> expressionFields() {
    return Set.of("expect.body");
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    checkDuration(config, "timeout", path, locate, problems);
    return problems;
  }

  /**
   * Adds a problem when a config field holds a string that is neither a duration nor a template.
   */
  static void checkDuration(
      Map<String, Object> config,
      String field,
      String path,
      Function<String, Location> locate,
      List<Problem> problems) {
    if (config.get(field) instanceof String s && !s.contains("${{")) {
      try {
        Durations.parse(s);
      } catch (IllegalArgumentException e) {
        String at = path + "." + field;
        problems.add(new Problem(locate.apply(at), at, e.getMessage()));
      }
    }
  }

  /** GET and HEAD only read. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    Object method = config.get("method");
    String m = method == null ? "GET" : String.valueOf(method).toUpperCase(java.util.Locale.ROOT);
    return !(m.equals("GET") || m.equals("HEAD"));
  }

  /** A GET or HEAD is a read-only probe: it may run as a local activity. */
  @Override
  public boolean runsLocally(Map<String, Object> renderedConfig) {
    return !mutating(renderedConfig);
  }

  @Override
  public Set<String> urlFields() {
    return Set.of("url");
  }

  /** The host of {@code url} (lower case), when the url has one. */
  @Override
  public java.util.Optional<String> target(Map<String, Object> renderedConfig) {
    return TargetFields.text(renderedConfig.get("url")).flatMap(TargetFields::host);
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.HTTP;
  }
}
