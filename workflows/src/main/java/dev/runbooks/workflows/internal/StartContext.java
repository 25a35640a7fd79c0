package dev.runbooks.workflows.internal;

import dev.runbooks.api.Actor;
import dev.runbooks.api.Channel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads who started a run from its start context ({@code startedBy: {name, groups, channel}}), and
 * writes it back for the execution a run continues as.
 */
final class StartContext {
  private StartContext() {}

  /** Who started the run, or null when the context does not say (or names nobody). */
  static Actor startedBy(Map<String, Object> context) {
    if (!(context.get("startedBy") instanceof Map<?, ?> by)
        || !(by.get("name") instanceof String name)
        || name.isBlank()) {
      return null;
    }
    List<String> groups = new ArrayList<>();
    if (by.get("groups") instanceof List<?> list) {
      list.forEach(g -> groups.add(String.valueOf(g)));
    }
    Object channel = by.get("channel");
    return new Actor(name, groups, Channel.of(channel == null ? null : String.valueOf(channel)));
  }

  /**
   * Whether the trigger that started the run said {@code onResolved: stopBeforeMutation}: the
   * dispatcher puts {@code "onResolved": "stopBeforeMutation"} into the context.
   */
  static boolean stopBeforeMutation(Map<String, Object> context) {
    return "stopBeforeMutation".equals(context.get("onResolved"));
  }

  /** The context entry for an actor. */
  static Map<String, Object> toMap(Actor actor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", actor.name());
    m.put("groups", actor.groups());
    m.put("channel", actor.channel().wire());
    return m;
  }
}
