package dev.runbooks.cli.internal;

import dev.runbooks.language.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A point in time given on the command line, such as the {@code --expires} of {@code runbook token
 * create} or the {@code --until} of {@code runbook disable}: an ISO time ({@code
 * 2027-01-31T00:00:00Z}, or with an offset), a date ({@code 2027-01-31}, midnight UTC), or a
 * duration from now ({@code 30d}, {@code 12h}, {@code PT8H}).
 */
public final class Expiry {
  private Expiry() {}

  /**
   * The instant the text names, relative to {@code now} for a duration.
   *
   * @throws IllegalArgumentException with a message for people when the text is none of these, or
   *     not in the future
   */
  public static Instant parse(String text, Instant now) {
    return parse("--expires", text, now);
  }

  /**
   * The instant the text of the named option names, relative to {@code now} for a duration.
   *
   * @throws IllegalArgumentException with a message for people that names the option when the text
   *     is none of these, or not in the future
   */
  public static Instant parse(String option, String text, Instant now) {
    Instant at = parseAny(option, text, now);
    if (!at.isAfter(now)) {
      throw new IllegalArgumentException(
          "invalid " + option + " '" + text + "': " + at + " is not in the future");
    }
    return at;
  }

  /**
   * The instant the text of the named option names, past or future.
   *
   * @throws IllegalArgumentException with a message for people when the text names no instant
   */
  public static Instant parseAny(String option, String text, Instant now) {
    String s = text == null ? "" : text.strip();
    Instant at = null;
    try {
      at = OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        at = LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        if (Durations.isValid(s)) {
          at = now.plus(Durations.parse(s));
        }
      }
    }
    if (at == null) {
      throw new IllegalArgumentException(
          "invalid "
              + option
              + " '"
              + text
              + "': use an ISO time (2027-01-31T00:00:00Z), a date (2027-01-31) or a duration"
              + " from now (30d, 12h)");
    }
    return at;
  }
}
