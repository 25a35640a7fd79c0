package dev.runbooks.language.steps;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry of action step types, loaded once with {@link ServiceLoader}. */
public final class ActionKinds {
  private static final Map<String, ActionKind> KINDS = load();

  private ActionKinds() {}

  private static Map<String, ActionKind> load() {
    Map<String, ActionKind> kinds = new TreeMap<>();
    for (ActionKind kind :
        ServiceLoader.load(ActionKind.class, ActionKind.class.getClassLoader())) {
      ActionKind previous = kinds.put(kind.name(), kind);
      if (previous != null) {
        throw new IllegalStateException("two action kinds are named " + kind.name());
      }
    }
    return java.util.Collections.unmodifiableMap(kinds);
  }

  /** The kind with this YAML name, if there is one. */
  public static Optional<ActionKind> find(String name) {
    return Optional.ofNullable(KINDS.get(name));
  }

  /** Every kind, sorted by name. */
  public static Collection<ActionKind> all() {
    return KINDS.values();
  }

  /** Whether a YAML key names an action kind. */
  public static boolean isAction(String name) {
    return KINDS.containsKey(name);
  }
}
