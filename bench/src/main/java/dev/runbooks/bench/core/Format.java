package dev.runbooks.bench.core;

import java.util.Locale;

/** How figures are written in the tables: a few significant digits, no locale surprises. */
public final class Format {
  private Format() {}

  /**
   * A number with up to one decimal below 100, none from 100 on; integers without decimals. NaN
   * (nothing measured) reads as {@code n/a}.
   */
  public static String number(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    if (Math.abs(value) >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (Math.abs(value) >= 1) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** Milliseconds: a number followed by nothing (the column says ms). */
  public static String millis(double value) {
    return number(value);
  }

  /** A ratio with two decimals. */
  public static String ratio(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
  }

  /** Bytes as MiB with no decimals. */
  public static String mebibytes(double bytes) {
    return Double.isNaN(bytes) ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576);
  }
}
