package dev.runbooks.starter.inbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long the alert fields that reach Temporal (workflow ids, search attributes, memo, inputs) and
 * the inbox's indexed columns may be. The inbox's {@code alert} JSON keeps every value whole; what
 * goes further is cut with {@link #cap}: a value over its limit keeps its head and ends in {@code
 * ~} and 16 hex digits of the SHA-256 of the whole value, so different long values stay different.
 */
public final class AlertLimits {
  /** The alert name. */
  public static final int NAME = 256;

  /** A label or annotation name. */
  public static final int KEY = 128;

  /** A label value. */
  public static final int LABEL_VALUE = 512;

  /** An annotation value. */
  public static final int ANNOTATION_VALUE = 4096;

  /** The fingerprint (also the inbox's indexed {@code fingerprint} column). */
  public static final int FINGERPRINT = 128;

  /** Severity, startsAt, endsAt. */
  public static final int SHORT = 64;

  /** The generator URL. */
  public static final int URL = 2048;

  /** How many labels, annotations and values go on; the rest (by name order) are left out. */
  public static final int ENTRIES = 128;

  private static final int SUFFIX = 17; // "~" and 16 hex digits

  private AlertLimits() {}

  /**
   * The value, or when longer than {@code max} its head, {@code ~} and 16 hex digits of the SHA-256
   * of the whole value ({@code max} characters in all). Never splits a surrogate pair.
   */
  public static String cap(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    int head = max - SUFFIX;
    if (head > 0 && Character.isHighSurrogate(value.charAt(head - 1))) {
      head--;
    }
    return value.substring(0, Math.max(0, head)) + "~" + sha256(value).substring(0, 16);
  }

  /** The alert as it may go to Temporal: every field within its limit. */
  public static InboundAlert capped(InboundAlert a) {
    return new InboundAlert(
        a.source(),
        cap(a.name(), NAME),
        a.status(),
        strings(a.labels(), LABEL_VALUE),
        strings(a.annotations(), ANNOTATION_VALUE),
        cap(a.fingerprint(), FINGERPRINT),
        cap(a.severity(), SHORT),
        cap(a.startsAt(), SHORT),
        cap(a.endsAt(), SHORT),
        cap(a.generatorURL(), URL),
        values(a.values()));
  }

  private static Map<String, String> strings(Map<String, String> map, int max) {
    if (map.size() <= ENTRIES && map.entrySet().stream().noneMatch(e -> over(e, max))) {
      return map;
    }
    Map<String, String> capped = new LinkedHashMap<>();
    String alertname = map.get("alertname");
    if (alertname != null) {
      capped.put("alertname", cap(alertname, max));
    }
    for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
      if (capped.size() >= ENTRIES) {
        break;
      }
      capped.putIfAbsent(cap(e.getKey(), KEY), cap(e.getValue(), max));
    }
    return capped;
  }

  private static boolean over(Map.Entry<String, String> e, int max) {
    return e.getKey().length() > KEY || (e.getValue() != null && e.getValue().length() > max);
  }

  private static Map<String, Object> values(Map<String, Object> values) {
    Map<String, Object> capped = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : new TreeMap<>(values).entrySet()) {
      if (capped.size() >= ENTRIES) {
        break;
      }
      Object v = e.getValue();
      boolean scalar = v == null || v instanceof Number || v instanceof Boolean;
      capped.put(cap(e.getKey(), KEY), scalar ? v : cap(String.valueOf(v), LABEL_VALUE));
    }
    return capped;
  }

  /** The SHA-256 of a text's UTF-8 bytes, in hex. */
  public static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
