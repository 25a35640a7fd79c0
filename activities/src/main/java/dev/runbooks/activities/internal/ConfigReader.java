package dev.runbooks.activities.internal;

import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a step's rendered config field by field, turning every missing or mistyped field into a
 * non-retryable {@code InvalidStepConfig} failure that names the field (never its value). Numbers
 * may arrive as any integral {@link Number} or as a numeric string (a rendered template), because
 * the config crosses Temporal's JSON converter.
 */
final class ConfigReader {
  private final String type;
  private final String prefix;
  private final Map<String, Object> config;

  private ConfigReader(String type, String prefix, Map<String, Object> config) {
    this.type = type;
    this.prefix = prefix;
    this.config = config;
  }

  /**
   * A reader over a step's config that rejects fields other than the allowed ones.
   *
   * @param type the step type, used in messages
   */
  static ConfigReader of(String type, Map<String, Object> config, Set<String> allowed) {
    ConfigReader reader = new ConfigReader(type, "", config == null ? Map.of() : config);
    reader.rejectUnknown(allowed);
    return reader;
  }

  private void rejectUnknown(Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw invalid(unknown.iterator().next(), "is not a field of this step type " + allowed);
    }
  }

  /** A failure naming a field of this config. */
  ApplicationFailure invalid(String field, String problem) {
    return StepFailures.invalidConfig(type, prefix + field, problem);
  }

  /** A reader over a nested object, or empty when the field is absent. */
  Optional<ConfigReader> object(String field, Set<String> allowed) {
    Object value = config.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(field, "must be an object, not " + kind(value));
    }
    Map<String, Object> nested = new LinkedHashMap<>();
    map.forEach((k, v) -> nested.put(String.valueOf(k), v));
    ConfigReader reader = new ConfigReader(type, prefix + field + ".", nested);
    reader.rejectUnknown(allowed);
    return Optional.of(reader);
  }

  /** The raw value of a field, or null. */
  Object raw(String field) {
    return config.get(field);
  }

  Optional<String> string(String field) {
    Object value = config.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw invalid(field, "must be a string, not " + kind(value));
    }
    return Optional.of(s);
  }

  String requiredString(String field) {
    String value = string(field).orElseThrow(() -> invalid(field, "is required"));
    if (value.isBlank()) {
      throw invalid(field, "must not be empty");
    }
    return value;
  }

  Optional<Long> integer(String field) {
    Object value = config.get(field);
    return value == null ? Optional.empty() : Optional.of(toLong(field, value));
  }

  Optional<Duration> duration(String field) {
    Optional<String> text = string(field);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Duration parsed;
    try {
      parsed = Durations.parse(text.get());
    } catch (RuntimeException e) {
      throw invalid(field, "is not a duration: " + e.getMessage());
    }
    if (parsed.isNegative() || parsed.isZero()) {
      throw invalid(field, "must be a positive duration");
    }
    return Optional.of(parsed);
  }

  /** A map of string to scalar; scalars other than strings are written as text. */
  Map<String, String> stringMap(String field) {
    Object value = config.get(field);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw invalid(field, "must be a map of strings, not " + kind(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), scalarText(field + "." + k, v)));
    return out;
  }

  /** A list of scalars written as text; empty when absent. */
  List<String> stringList(String field) {
    Object value = config.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw invalid(field, "must be a list of strings, not " + kind(value));
    }
    List<String> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(scalarText(field + "[" + i + "]", list.get(i)));
    }
    return out;
  }

  /** One integer or a list of integers; empty when absent. */
  List<Long> integers(String field) {
    Object value = config.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      return List.of(toLong(field, value));
    }
    List<Long> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      out.add(toLong(field + "[" + i + "]", list.get(i)));
    }
    return out;
  }

  private String scalarText(String field, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    throw invalid(field, "must be a string, not " + kind(value));
  }

  private long toLong(String field, Object value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < 64) {
      return big.longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
        return (long) d;
      }
    }
    if (value instanceof String s) {
      try {
        return Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw invalid(field, "must be an integer, not a non-numeric string");
      }
    }
    throw invalid(field, "must be an integer, not " + kind(value));
  }

  /** The JSON kind of a value, for messages that must not show the value. */
  static String kind(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "a string";
    }
    if (value instanceof Boolean) {
      return "a boolean";
    }
    if (value instanceof Number) {
      return "a number";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "a " + value.getClass().getSimpleName();
  }
}
