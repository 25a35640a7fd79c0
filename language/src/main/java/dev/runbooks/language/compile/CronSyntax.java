package dev.runbooks.language.compile;

import java.util.List;
import java.util.Locale;

/**
 * Checks cron expressions the way Temporal schedules read them, restricted to the standard five
 * fields ({@code minute hour day-of-month month day-of-week}) and the shorthands {@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and
 * {@code @hourly}. Each field is {@code *}, a value, a range {@code a-b}, either with a step
 * ({@code *}{@code /15}, {@code 1-5/2}, {@code 3/10}), or a comma-separated list of these. Months
 * may be names ({@code jan}, {@code january}; three letters at least) and days of the week too
 * ({@code mon}, {@code monday}; two letters at least); day of week 0 and 7 are both Sunday.
 */
final class CronSyntax {
  /** The shorthands Temporal accepts, in the order messages list them. */
  static final List<String> SHORTHANDS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  private static final List<String> MONTHS =
      List.of(
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december");
  private static final List<String> DAYS =
      List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday");

  /** One field: its name, its range, and the names it accepts (with the shortest prefix). */
  private record Field(String name, int min, int max, List<String> names, int first, String hint) {}

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, List.of(), 0, "0-59"),
          new Field("hour", 0, 23, List.of(), 0, "0-23"),
          new Field("day-of-month", 1, 31, List.of(), 0, "1-31"),
          new Field("month", 1, 12, MONTHS, 3, "1-12 or a month name such as jan"),
          new Field("day-of-week", 0, 7, DAYS, 2, "0-7 or a day name such as mon"));

  /** A problem found in one field. */
  private static final class Bad extends Exception {
    private static final long serialVersionUID = 1L;

    Bad(String message) {
      super(message, null, false, false);
    }
  }

  private CronSyntax() {}

  /** What is wrong with the expression, in one sentence, or null when Temporal accepts it. */
  static String problem(String cron) {
    String c = cron.strip();
    if (c.isEmpty()) {
      return "cron must not be empty: give 5 fields such as '0 6 * * *', or a shorthand such as"
          + " @daily";
    }
    if (c.startsWith("@every")) {
      return "cron '"
          + cron
          + "': write a fixed interval as every (such as every: 10m), not as @every";
    }
    if (c.startsWith("@")) {
      return SHORTHANDS.contains(c)
          ? null
          : "unknown cron shorthand '" + c + "': use " + String.join(", ", SHORTHANDS);
    }
    if (c.startsWith("TZ=") || c.startsWith("CRON_TZ=")) {
      return "cron '"
          + cron
          + "': give the time zone as timezone (such as timezone: Europe/Berlin), not as "
          + c.substring(0, c.indexOf('=') + 1);
    }
    String[] fields = c.split("\\s+");
    if (fields.length != FIELDS.size()) {
      return "cron '"
          + cron
          + "' has "
          + fields.length
          + (fields.length == 1 ? " field" : " fields")
          + "; it needs 5: minute hour day-of-month month day-of-week, such as '0 6 * * *'";
    }
    for (int i = 0; i < fields.length; i++) {
      try {
        field(FIELDS.get(i), fields[i]);
      } catch (Bad e) {
        return "cron '" + cron + "': " + e.getMessage();
      }
    }
    return null;
  }

  private static void field(Field f, String text) throws Bad {
    for (String part : text.split(",", -1)) {
      String base = part;
      int slash = part.indexOf('/');
      boolean stepped = slash >= 0;
      if (stepped) {
        base = part.substring(0, slash);
        String step = part.substring(slash + 1);
        if (!step.matches("[0-9]{1,9}") || Integer.parseInt(step) < 1) {
          throw new Bad(f.name() + " step '" + step + "' in '" + text + "' must be 1 or more");
        }
      }
      if (base.equals("*")) {
        continue;
      }
      int dash = base.indexOf('-');
      if (base.isEmpty() || (dash >= 0 && base.indexOf('-', dash + 1) >= 0)) {
        throw malformed(f, text);
      }
      if (dash >= 0) {
        int start = value(f, base.substring(0, dash), text);
        int end = value(f, base.substring(dash + 1), text);
        if (end < start) {
          throw new Bad(f.name() + " range '" + base + "' ends before it starts");
        }
      } else {
        value(f, base, text);
      }
    }
  }

  private static int value(Field f, String s, String text) throws Bad {
    if (s.isEmpty()) {
      throw malformed(f, text);
    }
    if (s.matches("[0-9]{1,9}")) {
      int v = Integer.parseInt(s);
      if (v < f.min() || v > f.max()) {
        throw new Bad(
            f.name()
                + " "
                + v
                + " is out of range "
                + f.min()
                + "-"
                + f.max()
                + (s.equals(text) ? "" : " in '" + text + "'"));
      }
      return v;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    if (lower.length() >= f.first() && f.first() > 0) {
      for (int i = 0; i < f.names().size(); i++) {
        if (f.names().get(i).startsWith(lower)) {
          return f.names() == MONTHS ? i + 1 : i;
        }
      }
    }
    throw new Bad(f.name() + " '" + s + "' is not " + f.hint());
  }

  private static Bad malformed(Field f, String text) {
    return new Bad(
        f.name()
            + " '"
            + text
            + "' is not valid: use *, a value, a range such as 1-5, a step such as */15, or a"
            + " list such as 1,15");
  }
}
