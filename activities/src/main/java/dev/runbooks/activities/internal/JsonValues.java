package dev.runbooks.activities.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.runbooks.language.expr.Json;
import java.io.IOException;

/** Parsing of JSON text found in responses and command output, and short excerpts for messages. */
final class JsonValues {
  private static final ObjectReader READER =
      Json.mapper()
          .readerFor(Object.class)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .with(DeserializationFeature.USE_LONG_FOR_INTS);

  private JsonValues() {}

  /** Whether text looks like a JSON object or array. */
  static boolean looksLikeJson(String text) {
    String t = text.strip();
    return (t.startsWith("{") && t.endsWith("}")) || (t.startsWith("[") && t.endsWith("]"));
  }

  /**
   * Parses text that holds exactly one JSON value into plain values (Map, List, String, Long,
   * Double, Boolean, null), or returns the fallback when it is blank or not valid JSON.
   */
  static Object parseOr(String text, Object fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return READER.readValue(text);
    } catch (IOException e) {
      return fallback;
    }
  }

  /** At most {@code max} characters from the start of the text, marked when cut. */
  static String head(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : text.substring(0, max) + "…";
  }

  /** At most {@code max} characters from the end of the text, marked when cut. */
  static String tail(String text, int max) {
    if (text == null) {
      return "";
    }
    return text.length() <= max ? text : "…" + text.substring(text.length() - max);
  }
}
