package dev.runbooks.activities.internal;

import java.util.Map;

/** Reads values out of parsed JSON by dotted paths such as {@code status.state}. */
final class JsonPaths {
  private JsonPaths() {}

  /** The value at a dotted path, or null when any part is missing; an empty path is the value. */
  static Object at(Object json, String path) {
    if (path == null || path.isEmpty()) {
      return json;
    }
    Object current = json;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }
}
