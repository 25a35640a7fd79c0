package dev.runbooks.workflows.internal;

import dev.runbooks.language.steps.ActionKinds;
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

  /** Whether an action of {@code type} with this rendered config changes anything. */
  static boolean mutating(String type, Map<String, Object> config) {
    return !"escalate".equals(type) && kindSaysMutating(type, config);
  }

  /**
   * What the action's kind says of this rendered config ({@code ActionKind.mutating}; an unknown
   * type counts as mutating). Dry runs stub by this alone, so they record a page rather than send
   * it; the guard rails also leave pages out ({@link #mutating}).
   */
  static boolean kindSaysMutating(String type, Map<String, Object> config) {
    return ActionKinds.find(type).map(k -> k.mutating(config)).orElse(true);
  }

  /**
   * What an action of {@code type} with this rendered config acts on (the service, breaker, queue,
   * host or argv), or empty when its kind does not say.
   */
  static Optional<String> target(String type, Map<String, Object> config) {
    return ActionKinds.find(type).flatMap(k -> k.target(config)).filter(t -> !t.isBlank());
  }
}
