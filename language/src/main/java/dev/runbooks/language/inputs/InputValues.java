package dev.runbooks.language.inputs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.model.InputType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Coerces single input values to their declared types; the binding rules live in InputBinder. */
final class InputValues {
  private static final int SHOWN_CHARS = 40;

  private InputValues() {}

  /** A value that does not fit its type; the message reads after the input's name. */
  static final class Mismatch extends Exception {
    private static final long serialVersionUID = 1L;

    Mismatch(String message) {
      super(message, null, false, false);
    }
  }

  static Object coerce(InputType type, Object value) throws Mismatch {
    return switch (type) {
      case STRING -> toStringValue(value);
      case INT -> toInt(value);
      case NUMBER -> toNumber(value);
      case BOOL -> toBool(value);
      case DURATION -> toDuration(value);
      case LIST -> toList(value);
      case OBJECT -> toObject(value);
    };
  }

  private static Object toStringValue(Object value) throws Mismatch {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean || isIntegral(value)) {
      return String.valueOf(value);
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return new BigDecimal(value.toString()).stripTrailingZeros().toPlainString();
    }
    throw mismatch("a string", value);
  }

  private static Object toInt(Object value) throws Mismatch {
    BigDecimal decimal = decimalOf(value);
    if (decimal == null) {
      throw mismatch("an int", value);
    }
    try {
      return decimal.longValueExact();
    } catch (ArithmeticException e) {
      throw mismatch("an int", value);
    }
  }

  private static Object toNumber(Object value) throws Mismatch {
    if (value instanceof Double d && Double.isFinite(d)) {
      return d;
    }
    if (value instanceof Float f && Float.isFinite(f)) {
      return f.doubleValue();
    }
    BigDecimal decimal = decimalOf(value);
    if (decimal == null) {
      throw mismatch("a number", value);
    }
    boolean integralText =
        !(value instanceof String s) || !(s.contains(".") || s.contains("e") || s.contains("E"));
    if (integralText && !(value instanceof BigDecimal)) {
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        // falls through to a double
      }
    }
    double d = decimal.doubleValue();
    if (!Double.isFinite(d)) {
      throw mismatch("a number", value);
    }
    return d;
  }

  private static Object toBool(Object value) throws Mismatch {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof String s) {
      String text = s.strip().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Boolean.valueOf(text);
      }
    }
    throw mismatch("a bool (true or false)", value);
  }

  private static Object toDuration(Object value) throws Mismatch {
    if (value instanceof java.time.Duration d) {
      return Durations.format(d);
    }
    if (value instanceof String s) {
      try {
        Durations.parse(s.strip());
        return s.strip();
      } catch (RuntimeException e) {
        // reported below with the input's name
      }
    }
    throw mismatch("a duration such as 30s, 5m, 1h30m or PT30S", value);
  }

  private static Object toList(Object value) throws Mismatch {
    Object candidate = value instanceof String s && s.strip().startsWith("[") ? json(s) : value;
    if (candidate instanceof Collection<?> || candidate instanceof Object[]) {
      return plain(candidate);
    }
    throw mismatch("a list", value);
  }

  private static Object toObject(Object value) throws Mismatch {
    Object candidate = value instanceof String s && s.strip().startsWith("{") ? json(s) : value;
    if (candidate instanceof Map<?, ?>) {
      return plain(candidate);
    }
    throw mismatch("an object", value);
  }

  private static Object json(String text) {
    try {
      return Json.mapper().readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  /** A deep, unmodifiable copy of a JSON-like value with only plain types in it. */
  static Object plain(Object value) throws Mismatch {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long || value instanceof Double) {
      return value;
    }
    if (isIntegral(value)) {
      BigDecimal decimal = decimalOf(value);
      try {
        return decimal.longValueExact();
      } catch (ArithmeticException e) {
        return decimal.doubleValue();
      }
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.put(String.valueOf(e.getKey()), plain(e.getValue()));
      }
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof Object[] array) {
      return plain(java.util.Arrays.asList(array));
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      for (Object item : items) {
        out.add(plain(item));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof java.time.Duration d) {
      return Durations.format(d);
    }
    if (value instanceof java.time.temporal.TemporalAccessor || value instanceof Enum<?>) {
      return value.toString();
    }
    throw new Mismatch("holds a value of an unsupported type " + value.getClass().getName());
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte
        || value instanceof BigInteger;
  }

  /** The exact decimal value of a number or numeric string, or null when it is neither. */
  private static BigDecimal decimalOf(Object value) {
    if (isIntegral(value)) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      return new BigDecimal(value.toString());
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Mismatch mismatch(String expected, Object got) {
    return new Mismatch("must be " + expected + ", got " + show(got));
  }

  /** A value as shown in messages: strings quoted, containers by kind. */
  static String show(Object value) {
    if (value instanceof String s) {
      String text = s.length() > SHOWN_CHARS ? s.substring(0, SHOWN_CHARS) + "..." : s;
      return Json.write(text);
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof Collection<?> || value instanceof Object[]) {
      return "a list";
    }
    if (value instanceof Double || value instanceof Float || isIntegral(value)) {
      return String.valueOf(value);
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    return "a " + value.getClass().getSimpleName();
  }
}
