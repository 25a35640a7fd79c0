package dev.runbooks.language.expr;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.NullValue;
import com.google.protobuf.Timestamp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Converts between plain JSON-like Java values and the values CEL works with: integers become Long,
 * decimals Double, null the protobuf NullValue; and back.
 */
public final class CelValues {
  private CelValues() {}

  /** Converts a plain value (as Jackson or a YAML parser produce it) to a CEL value. */
  public static Object toCel(Object value) {
    if (value == null) {
      return NullValue.NULL_VALUE;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger bi) {
      return bi.bitLength() < 64 ? bi.longValue() : bi.doubleValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigDecimal bd) {
      return bd.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toCel(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(toCel(v)));
      return out;
    }
    if (value instanceof java.time.Duration d) {
      return Duration.newBuilder().setSeconds(d.getSeconds()).setNanos(d.getNano()).build();
    }
    return value;
  }

  /** Converts a CEL result to a plain JSON-like value. */
  public static Object fromCel(Object value) {
    if (value == null || value instanceof NullValue) {
      return null;
    }
    if (value instanceof Optional<?> opt) {
      return opt.map(CelValues::fromCel).orElse(null);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(fromCel(k)), fromCel(v)));
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(fromCel(v)));
      return out;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof com.google.common.primitives.UnsignedLong u) {
      return u.longValue();
    }
    if (value instanceof ByteString bytes) {
      return bytes.toStringUtf8();
    }
    if (value instanceof Duration d) {
      return java.time.Duration.ofSeconds(d.getSeconds(), d.getNanos()).toString();
    }
    if (value instanceof Timestamp t) {
      return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).toString();
    }
    if (value instanceof String
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean) {
      return value;
    }
    return String.valueOf(value);
  }

  /** A short description of a value's type for messages. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "a map";
    }
    if (value instanceof List) {
      return "a list";
    }
    if (value instanceof String s) {
      return "the string \"" + s + "\"";
    }
    return value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + " " + value;
  }
}
