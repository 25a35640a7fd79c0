package dev.runbooks.bench.core;

/**
 * A goal beside a figure: a bound, how the figure must compare with it, and how it reads.
 *
 * @param text how the goal reads in a table, such as {@code ≤ 50 ms}
 * @param bound the bound
 * @param kind how the figure must compare with the bound
 */
public record Goal(String text, double bound, Kind kind) {

  /** How a figure must compare with the bound. */
  public enum Kind {
    /** At most the bound. */
    AT_MOST,
    /** At least the bound. */
    AT_LEAST,
    /** Exactly the bound. */
    EXACTLY
  }

  /** A goal the figure must not exceed. */
  public static Goal atMost(double bound, String unit) {
    return new Goal("≤ " + Format.number(bound) + unit(unit), bound, Kind.AT_MOST);
  }

  /** A goal the figure must reach. */
  public static Goal atLeast(double bound, String unit) {
    return new Goal("≥ " + Format.number(bound) + unit(unit), bound, Kind.AT_LEAST);
  }

  /** A goal the figure must equal exactly. */
  public static Goal exactly(double bound, String unit) {
    return new Goal("= " + Format.number(bound) + unit(unit), bound, Kind.EXACTLY);
  }

  private static String unit(String unit) {
    return unit.isEmpty() ? "" : " " + unit;
  }

  /** Whether the figure meets the goal. */
  public boolean met(double figure) {
    return switch (kind) {
      case AT_MOST -> figure <= bound;
      case AT_LEAST -> figure >= bound;
      case EXACTLY -> figure == bound;
    };
  }

  /** {@code yes} or {@code NO}, for a table's met column. */
  public String verdict(double figure) {
    return met(figure) ? "yes" : "NO";
  }
}
