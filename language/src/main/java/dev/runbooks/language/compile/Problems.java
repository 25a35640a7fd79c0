package dev.runbooks.language.compile;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.parse.SourceMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Collects problems while a document is bound and checked, and reads raw values defensively: a
 * value of the wrong type reads as absent, because the schema has already reported it.
 */
final class Problems {
  private final SourceMap map;
  private final List<Problem> list = new ArrayList<>();
  private final Suggestions.Budget hints = new Suggestions.Budget();

  Problems(SourceMap map) {
    this.map = map;
  }

  SourceMap map() {
    return map;
  }

  List<Problem> list() {
    return list;
  }

  /** The closest candidate to a misspelt name, within this compilation's budget, or null. */
  String hint(String word, Collection<String> candidates) {
    return hints.closest(word, candidates);
  }

  /** Reports a problem located at the value of a path. */
  void at(String path, String message) {
    list.add(new Problem(map.value(path), path, message));
  }

  /** Reports a problem located at the key of a path. */
  void atKey(String path, String message) {
    list.add(new Problem(map.key(path), path, message));
  }

  static Map<String, Object> map(Object value) {
    if (value instanceof Map<?, ?> m) {
      @SuppressWarnings("unchecked")
      Map<String, Object> cast = (Map<String, Object>) m;
      return cast;
    }
    return Map.of();
  }

  static List<Object> list(Object value) {
    if (value instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<Object> cast = (List<Object>) l;
      return cast;
    }
    return List.of();
  }

  static String string(Map<String, Object> map, String key) {
    return map.get(key) instanceof String s ? s : null;
  }

  static String string(Map<String, Object> map, String key, String fallback) {
    String s = string(map, key);
    return s != null ? s : fallback;
  }

  static boolean bool(Map<String, Object> map, String key, boolean fallback) {
    return map.get(key) instanceof Boolean b ? b : fallback;
  }

  static Integer integer(Map<String, Object> map, String key) {
    return map.get(key) instanceof Long l
        ? (int) Math.max(Integer.MIN_VALUE, Math.min(l, Integer.MAX_VALUE))
        : null;
  }

  static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    for (Object o : list(value)) {
      if (o instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  /** Reads a duration field; a bad one is reported and reads as the fallback. */
  Duration duration(Map<String, Object> owner, String key, String ownerPath, Duration fallback) {
    if (!(owner.get(key) instanceof String text)) {
      return fallback;
    }
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      at(FieldPaths.child(ownerPath, key), e.getMessage());
      return fallback;
    }
  }
}
