package dev.runbooks.starter.internal;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What error bodies may say: no class names, stack frames, SQL or gRPC text. {@link #clean} blanks
 * class names out of a message; {@link #correlationId()} names one failure in the log and in the
 * answer, so an operator finds the details from what a caller reports.
 */
public final class ErrorText {
  /** The response header carrying the correlation id of an error. */
  public static final String HEADER = "X-Correlation-Id";

  private static final Pattern CLASS_NAME =
      Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:\\.[A-Za-z0-9_$<>]+)*");
  private static final Pattern INTERNAL =
      Pattern.compile(
          "(?i)\\b(?:SQLState|ERROR:\\s|INSERT INTO|SELECT\\s.+\\sFROM|UPDATE\\s\\w+\\sSET|"
              + "StatusRuntimeException|UNAVAILABLE:|INVALID_ARGUMENT:|DEADLINE_EXCEEDED:|"
              + "\\tat\\s|Exception\\b)");

  private ErrorText() {}

  /** A new correlation id. */
  public static String correlationId() {
    return UUID.randomUUID().toString();
  }

  /**
   * The message without class names; null when what is left still looks like internals (SQL, gRPC
   * status text, stack frames), so that the caller uses its own words instead.
   */
  public static String clean(String message) {
    if (message == null) {
      return null;
    }
    String cleaned = CLASS_NAME.matcher(message).replaceAll("a value").strip();
    return INTERNAL.matcher(cleaned).find() || cleaned.isEmpty() ? null : cleaned;
  }

  /** {@link #clean} or, when nothing is left, the fallback. */
  public static String clean(String message, String fallback) {
    String cleaned = clean(message);
    return cleaned == null ? fallback : cleaned;
  }
}
