package dev.runbooks.tester;

import dev.runbooks.language.Durations;
import dev.runbooks.language.model.Problem;
import dev.runbooks.language.parse.FieldPaths;
import dev.runbooks.language.parse.SourceMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads typed fields out of a parsed YAML document, collecting a located problem (file:line:column,
 * field path, message) for each field that is missing, of the wrong shape or unknown.
 */
final class YamlFields {
  private final SourceMap where;
  private final List<Problem> problems = new ArrayList<>();

  YamlFields(SourceMap where) {
    this.where = where;
  }

  /** The problems found so far, in the order found. */
  List<Problem> problems() {
    return problems;
  }

  /** The line the value at the path starts on. */
  int line(String path) {
    return where.value(path).line();
  }

  void problem(String path, String message) {
    problems.add(new Problem(where.value(path), path, message));
  }

  void keys(Map<String, Object> m, String path, Set<String> known) {
    for (String key : m.keySet()) {
      if (!known.contains(key)) {
        String p = FieldPaths.child(path, key);
        problems.add(
            new Problem(
                where.key(p),
                p,
                "is not a field here (known: "
                    + String.join(", ", known.stream().sorted().toList())
                    + ")"));
      }
    }
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> map(Object raw, String path) {
    if (raw instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    problem(path, "must be a map");
    return null;
  }

  @SuppressWarnings("unchecked")
  List<Object> list(Object raw, String path) {
    if (raw == null) {
      return null;
    }
    if (raw instanceof List<?> l) {
      return (List<Object>) l;
    }
    problem(path, "must be a list");
    return null;
  }

  Map<String, Object> optionalMap(Map<String, Object> m, String path, String key) {
    Object raw = m.get(key);
    if (raw == null) {
      return Map.of();
    }
    Map<String, Object> out = map(raw, FieldPaths.child(path, key));
    return out == null ? Map.of() : out;
  }

  List<Object> optionalList(Map<String, Object> m, String path, String key) {
    List<Object> out = list(m.get(key), FieldPaths.child(path, key));
    return out == null ? List.of() : out;
  }

  List<String> strings(Map<String, Object> m, String path, String key) {
    List<Object> raw = optionalList(m, path, key);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object v = raw.get(i);
      if (v instanceof String || v instanceof Number || v instanceof Boolean) {
        out.add(String.valueOf(v));
      } else {
        problem(FieldPaths.index(FieldPaths.child(path, key), i), "must be a string");
      }
    }
    return out;
  }

  String text(Map<String, Object> m, String path, String key, boolean required) {
    Object v = m.get(key);
    String p = FieldPaths.child(path, key);
    if (v == null) {
      if (required) {
        problem(p.isEmpty() ? key : p, "is required");
      }
      return null;
    }
    if (v instanceof Map || v instanceof List) {
      problem(p, "must be a string");
      return null;
    }
    return String.valueOf(v);
  }

  Duration duration(Map<String, Object> m, String path, String key) {
    String text = text(m, path, key, false);
    if (text == null) {
      return null;
    }
    try {
      return Durations.parse(text);
    } catch (RuntimeException e) {
      problem(
          FieldPaths.child(path, key), "'" + text + "' is not a duration such as 30s, 5m or 1h");
      return null;
    }
  }
}
