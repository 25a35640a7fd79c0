package dev.runbooks.language.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who may act on a runbook, per action, as its {@code access:} block says: each entry is {@code
 * user:<name>} or {@code group:<name>}. An action the block does not list (or a runbook without the
 * block) leaves the engine's role defaults in force.
 *
 * @param rules the principals allowed for each action the block lists
 */
public record Access(Map<AccessAction, List<String>> rules) {
  /** No {@code access:} block: the role defaults apply to every action. */
  public static final Access NONE = new Access(Map.of());

  /** Copies the rules, dropping actions without principals. */
  public Access {
    Map<AccessAction, List<String>> copy = new EnumMap<>(AccessAction.class);
    if (rules != null) {
      rules.forEach(
          (action, principals) -> {
            if (principals != null && !principals.isEmpty()) {
              copy.put(action, List.copyOf(principals));
            }
          });
    }
    rules = Collections.unmodifiableMap(copy);
  }

  /**
   * The principals allowed to take {@code action}; empty when the block does not restrict it (the
   * role defaults apply).
   */
  public List<String> principals(AccessAction action) {
    return rules.getOrDefault(action, List.of());
  }

  /** Whether the block restricts {@code action} to a list of principals. */
  public boolean restricts(AccessAction action) {
    return rules.containsKey(action);
  }
}
