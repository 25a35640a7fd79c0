package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.steps.ActionKinds;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which steps change the world, and what they act on: the one definition the guard rails share. A
 * step is mutating when it is an action step whose kind says so for its rendered config ({@code
 * ActionKind.mutating}; an unknown type counts as mutating) and it is not an {@code escalate} step
 * (a page is not a mutation). Control steps (approval, sleep, log, switch...) never are. Pure: no
 * commands, so workflow code may ask it freely.
 */
final class Mutations {
  private Mutations() {}

  /** Whether the step is an action step of a kind that may be mutating with some config. */
  static boolean isAction(Step step) {
    return step.body() instanceof StepBody.Action action && !"escalate".equals(action.type());
  }

  /** Whether an action of {@code type} with this rendered config changes anything. */
  static boolean mutating(String type, Map<String, Object> config) {
    if ("escalate".equals(type)) {
      return false;
    }
    return ActionKinds.find(type).map(k -> k.mutating(config)).orElse(true);
  }

  /**
   * What an action of {@code type} with this rendered config acts on (the service, breaker, queue,
   * host or argv), or empty when its kind does not say.
   */
  static Optional<String> target(String type, Map<String, Object> config) {
    return fallbackTarget(type, config).filter(t -> !t.isBlank());
  }

  /** The target as each built-in kind names it (until every kind answers for itself). */
  private static Optional<String> fallbackTarget(String type, Map<String, Object> config) {
    return switch (type) {
      case "restart" -> text(config.get("target"), "service", "component", "name");
      case "circuitBreaker" -> text(config.get("name"));
      case "dlq" -> text(config.get("table")).or(() -> text(config.get("datasource")));
      case "sql" -> text(config.get("datasource"));
      case "http" -> text(config.get("url")).map(Mutations::host);
      case "command" ->
          config.get("argv") instanceof List<?> argv
              ? Optional.of(String.join(" ", argv.stream().map(String::valueOf).toList()))
              : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static Optional<String> text(Object value, String... keys) {
    if (value instanceof Map<?, ?> map) {
      for (String key : keys) {
        if (map.get(key) != null) {
          return Optional.of(String.valueOf(map.get(key)));
        }
      }
      return Optional.empty();
    }
    return value == null ? Optional.empty() : Optional.of(String.valueOf(value));
  }

  private static String host(String url) {
    try {
      String host = URI.create(url).getHost();
      return host == null ? url : host;
    } catch (IllegalArgumentException e) {
      return url;
    }
  }
}
