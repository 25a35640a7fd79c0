package dev.runbooks.language.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code ladder} of an {@code escalate} step, compiled once: the tiers the workflow posts one
 * after another until someone acknowledges, and how long the last tier has to acknowledge. The
 * compiler has checked it (every tier has a route; tier 1 has no {@code after}, every later tier
 * one longer than 0s when it is written out; url and routingKey only where the route type takes
 * them); templated durations are checked when the step runs.
 *
 * @param tiers tier 1 first; never empty in a compiled runbook
 * @param giveUpAfter how long the last tier has to acknowledge before the step fails with
 *     EscalationUnacknowledged; null to wait until someone acknowledges or the run is aborted
 */
public record EscalationLadder(List<Tier> tiers, DurationValue giveUpAfter) {
  /** The fields of a tier that say where it posts; they replace the step's own. */
  public static final List<String> TARGET_FIELDS = List.of("route", "url", "routingKey");

  public EscalationLadder {
    tiers = List.copyOf(tiers);
  }

  /**
   * One tier.
   *
   * @param number 1 for the first tier
   * @param route a configured route's name, or a {@link RouteType} written out
   * @param target the tier's {@link #TARGET_FIELDS} as written (values may hold templates)
   * @param after how long the tier before has to acknowledge before this one is posted; null when
   *     not written, as on tier 1, which is posted at once
   */
  public record Tier(int number, String route, Map<String, Object> target, DurationValue after) {
    public Tier {
      target = Collections.unmodifiableMap(new LinkedHashMap<>(target));
    }

    /** The route type, when the tier names one rather than a configured route. */
    public Optional<RouteType> type() {
      return RouteType.fromYaml(route);
    }
  }

  /**
   * The ladder of an escalate step's config as written, or null when it has none. Tolerates
   * anything the schema and the kind's checks refuse, so that binding never fails; a runbook with
   * such a ladder does not compile.
   */
  public static EscalationLadder of(Map<String, Object> config) {
    if (!(config.get("ladder") instanceof List<?> list)) {
      return null;
    }
    List<Tier> tiers = new java.util.ArrayList<>();
    for (Object raw : list) {
      Map<?, ?> m = raw instanceof Map<?, ?> map ? map : Map.of();
      Map<String, Object> target = new LinkedHashMap<>();
      for (String field : TARGET_FIELDS) {
        if (m.get(field) != null) {
          target.put(field, m.get(field));
        }
      }
      String route = m.get("route") instanceof String r ? r : "";
      tiers.add(new Tier(tiers.size() + 1, route, target, DurationValue.of(m.get("after"))));
    }
    return new EscalationLadder(tiers, DurationValue.of(config.get("giveUpAfter")));
  }
}
