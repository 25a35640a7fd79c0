package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code restart} step: restarts a service with a command (argv), a systemd unit or an HTTP
 * call, then waits for a health probe. It does not restart a service that already restarted after
 * {@code notBefore}, and a target restarted too often within the loop guard's window is quarantined
 * until someone clears it.
 */
public final class RestartKind implements ActionKind {
  /** Its executor loops or waits for longer than a few seconds and heartbeats meanwhile. */
  @Override
  public boolean heartbeats() {
    return true;
  }

  @Override
  public String name() {
    return "restart";
  }

  @Override
  public String description() {
    return "Restarts a service (command, systemd or HTTP) once, waits until it is healthy, and"
        + " quarantines a target that keeps restarting.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/restart.schema.json";
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    long ways =
        List.of("command", "systemd", "http").stream().filter(k -> config.get(k) != null).count();
    if (ways != 1) {
      RemediationChecks.add(
          problems,
          locate,
          path,
          "needs exactly one way to restart: command (argv), systemd (a unit) or http");
    }
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    argv(config.get("command"), path + ".command", locate, problems);
    if (config.get("startedAt") instanceof Map<?, ?> probe) {
      argv(probe.get("command"), path + ".startedAt.command", locate, problems);
    }
    for (String nested : List.of("http", "startedAt", "health")) {
      if (config.get(nested) instanceof Map<?, ?> raw) {
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) raw;
        RemediationChecks.url(m, "url", path + "." + nested, locate, problems);
        HttpKind.checkDuration(m, "deadline", path + "." + nested, locate, problems);
        HttpKind.checkDuration(m, "interval", path + "." + nested, locate, problems);
      }
    }
    if (config.get("startedAt") instanceof Map<?, ?> probe
        && (probe.get("url") == null) == (probe.get("command") == null)) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".startedAt",
          "needs exactly one of url (with field) and command");
    }
    if (config.get("startedAt") instanceof Map<?, ?> probe
        && probe.get("url") != null
        && probe.get("field") == null) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".startedAt",
          "url needs field: where the start time is in the JSON");
    }
    if (config.get("loopGuard") instanceof Map<?, ?> raw) {
      @SuppressWarnings("unchecked")
      Map<String, Object> guard = (Map<String, Object>) raw;
      HttpKind.checkDuration(guard, "window", path + ".loopGuard", locate, problems);
    }
    if (config.get("notBefore") != null && config.get("startedAt") == null) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".notBefore",
          "needs startedAt: the probe that says when the service last started");
    }
    return problems;
  }

  @Override
  public java.util.Set<String> urlFields() {
    return java.util.Set.of("http.url", "startedAt.url", "health.url");
  }

  /**
   * The command rules of the {@code command} step ({@link ArgvCheck}) for an argv of this step: no
   * shell or interpreter running code from an argument, no program from a template.
   */
  private static void argv(
      Object argv, String at, Function<String, Location> locate, List<Problem> problems) {
    if (argv instanceof List<?> list && !list.isEmpty()) {
      for (ArgvCheck.Finding finding : ArgvCheck.check(list, null)) {
        String where = at + "[" + Math.max(0, finding.index()) + "]";
        problems.add(new Problem(locate.apply(where), where, finding.message()));
      }
    }
  }

  /** The restarted service: its {@code target}. */
  @Override
  public java.util.Optional<String> target(Map<String, Object> renderedConfig) {
    return TargetFields.text(renderedConfig.get("target"));
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.RESTART;
  }
}
