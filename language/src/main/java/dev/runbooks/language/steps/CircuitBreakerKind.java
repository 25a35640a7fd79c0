package dev.runbooks.language.steps;

import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code circuitBreaker} step: lists, resets or verifies circuit breakers over a service's HTTP
 * admin API (by default the JARVIS convention: {@code GET /circuits}, {@code POST
 * /circuits/{name}/reset}, {@code GET /circuits/{name}}). The result depends on the action: {@code
 * list} gives {@code {circuits, open, openCount}}, {@code reset} gives {@code {name, before, after,
 * reset}} and {@code verify} gives {@code {name, state, stable, reopened, checks}}.
 */
public final class CircuitBreakerKind implements ActionKind {
  /** Its executor loops or waits for longer than a few seconds and heartbeats meanwhile. */
  @Override
  public boolean heartbeats() {
    return true;
  }

  @Override
  public String name() {
    return "circuitBreaker";
  }

  @Override
  public String description() {
    return "Lists, resets or verifies circuit breakers over a service's HTTP admin API.";
  }

  @Override
  public String schemaResource() {
    return "/dev/runbooks/language/steps/circuitBreaker.schema.json";
  }

  @Override
  public List<Problem> check(
      Map<String, Object> config, String path, Function<String, Location> locate) {
    List<Problem> problems = new ArrayList<>();
    String action = config.get("action") instanceof String a ? a : "list";
    RemediationChecks.url(config, "base", path, locate, problems);
    HttpKind.checkDuration(config, "timeout", path, locate, problems);
    boolean named = config.get("name") != null;
    if (!action.equals("list") && !named) {
      RemediationChecks.add(
          problems, locate, path, "action '" + action + "' needs the name of the breaker");
    } else if (action.equals("list") && named) {
      RemediationChecks.add(
          problems,
          locate,
          path + ".name",
          "action 'list' reads every breaker, so it takes no name; use action reset or verify for"
              + " one breaker");
    }
    if (config.get("paths") instanceof Map<?, ?> paths) {
      paths.forEach(
          (key, value) -> {
            String at = path + ".paths." + key;
            if (value instanceof String p && !p.contains("${{")) {
              if (!p.startsWith("/")) {
                RemediationChecks.add(problems, locate, at, "must start with '/'");
              } else if (!key.equals("list") && !p.contains("{name}")) {
                RemediationChecks.add(
                    problems, locate, at, "must hold {name}, where the breaker's name goes");
              }
            }
          });
    }
    if (config.get("verify") instanceof Map<?, ?> raw) {
      @SuppressWarnings("unchecked")
      Map<String, Object> verify = (Map<String, Object>) raw;
      String at = path + ".verify";
      if (!action.equals("verify")) {
        RemediationChecks.add(
            problems, locate, at, "verify settings apply only to action 'verify'");
      }
      HttpKind.checkDuration(verify, "watch", at, locate, problems);
      HttpKind.checkDuration(verify, "interval", at, locate, problems);
      Optional<Duration> watch = RemediationChecks.duration(verify, "watch");
      Optional<Duration> interval = RemediationChecks.duration(verify, "interval");
      if (interval.isPresent() && (interval.get().isZero() || interval.get().isNegative())) {
        RemediationChecks.add(problems, locate, at + ".interval", "must be longer than 0s");
      } else if (watch.isPresent()
          && interval.isPresent()
          && !watch.get().isZero()
          && interval.get().compareTo(watch.get()) > 0) {
        RemediationChecks.add(
            problems,
            locate,
            at + ".interval",
            "is longer than watch, so the breaker would be checked only once");
      }
    }
    return problems;
  }

  /** Listing and verifying only read; resetting changes a breaker. */
  @Override
  public boolean mutating(Map<String, Object> config) {
    return "reset".equals(config.get("action"));
  }

  @Override
  public java.util.Set<String> urlFields() {
    return java.util.Set.of("base");
  }

  /** The breaker: its {@code name}. */
  @Override
  public Optional<String> target(Map<String, Object> renderedConfig) {
    return TargetFields.text(renderedConfig.get("name"));
  }

  @Override
  public dev.runbooks.language.types.ValueType resultType(java.util.Map<String, Object> config) {
    return dev.runbooks.language.types.ResultTypes.CIRCUIT_BREAKER;
  }
}
