package dev.runbooks.cli.internal;

import dev.runbooks.language.Durations;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The {@code --expires} of {@code runbook token create}: an ISO time ({@code 2027-01-31T00:00:00Z},
 * or with an offset), a date ({@code 2027-01-31}, midnight UTC), or a duration from now ({@code
 * 30d}, {@code 12h}, {@code PT8H}).
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
          "invalid --expires '"
              + text
              + "': use an ISO time (2027-01-31T00:00:00Z), a date (2027-01-31) or a duration"
              + " from now (30d, 12h)");
    }
    if (!at.isAfter(now)) {
      throw new IllegalArgumentException(
          "invalid --expires '" + text + "': " + at + " is not in the future");
    }
    return at;
  }
}
