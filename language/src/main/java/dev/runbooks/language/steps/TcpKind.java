package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code tcp} step: checks that a host accepts connections on a port. Its result is {@code
 * {host, port, connected, durationMs}}.
 */
public final class TcpKind implements ActionKind {
  @Override
  public String name() {
    return "tcp";
  }

  @Override
  public String description() {
    return "Opens a TCP connection to check that a host accepts connections on a port.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/tcp.schema.json";
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    return checkPortAndTimeout(config, path, locate);
  }

  /**
   * The checks of a config that connects to a {@code host} and {@code port} within a {@code
   * timeout} ({@code tcp}, {@code tls}): a port written as text must be a template, and the timeout
   * a duration.
   */
  static List<Problem> checkPortAndTimeout(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    if (config.get("port") instanceof String port && !port.contains("${{")) {
      String at = path + ".port";
      problems.add(
          new Problem(
              locate.apply(at),
              at,
              "port must be a number from 1 to 65535 or a ${{ }} template, not '" + port + "'"));
    }
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    return problems;
  }

  /** Connecting only reads. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return false;
  }

  /** A connection check is a read-only probe: it may run as a local activity. */
  @Override
  public boolean runsLocally(Map<String, Object> renderedConfig) {
    return true;
  }

  @Override
  public java.util.Set<String> hostFields() {
    return java.util.Set.of("host");
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.TCP;
  }
}
