package dev.runbooks.language.steps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a step's {@code loopGuard} travels: the compiler adds it to the action's planned config
 * under {@link #FIELD}, rendered with the rest of the config (its {@code key} may be a template),
 * and the activity takes it out again ({@link #split}) before the executor sees the config.
 */
public final class LoopGuards {
  /** The config key the guard travels under; no step kind has a field of this name. */
  public static final String FIELD = "$loopGuard";

  private LoopGuards() {}

  /**
   * A rendered guard.
   *
   * @param max the most runs on the key within the window
   * @param window the window, such as {@code 1h}
   * @param key the rendered key, or null for the step's target (else the runbook and step)
   */
  public record Guard(long max, String window, String key) {}

  /**
   * The config without the guard, and the guard if the config carried one.
   *
   * @param config a rendered config
   * @return the config the executor sees, and the guard
   */
  public static Map.Entry<Map<String, Object>, Optional<Guard>> split(Map<String, Object> config) {
    if (config == null || !(config.get(FIELD) instanceof Map<?, ?> raw)) {
      return Map.entry(config == null ? Map.of() : config, Optional.empty());
    }
    Map<String, Object> rest = new LinkedHashMap<>(config);
    rest.remove(FIELD);
    long max = raw.get("max") instanceof Number n ? n.longValue() : 3L;
    String window = raw.get("window") == null ? "1h" : String.valueOf(raw.get("window"));
    String key = raw.get("key") == null ? null : String.valueOf(raw.get("key"));
    return Map.entry(rest, Optional.of(new Guard(max, window, key)));
  }
}
