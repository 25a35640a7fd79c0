package dev.runbooks.language.routing;

import dev.runbooks.language.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The age of an alert and whether a trigger's {@code maxAge} holds it back: the intake (which skips
 * stale firing alerts) and {@link AlertRouter#explain} read it the same way. Pure: the caller gives
 * the time.
 */
public final class AlertAges {
  private AlertAges() {}

  /**
   * How long ago the alert started: {@code now} minus its {@code startsAt} (ISO-8601 with a zone or
   * offset), or empty when it has no readable start time or one before 1970 (Alertmanager's zero
   * time). Never negative: an alert from the future is zero old.
   */
  public static Optional<Duration> age(Alert alert, Instant now) {
    Instant started = startedAt(alert).orElse(null);
    if (started == null) {
      return Optional.empty();
    }
    Duration age = Duration.between(started, now);
    return Optional.of(age.isNegative() ? Duration.ZERO : age);
  }

  /**
   * Whether a firing alert is older than the trigger's {@code maxAge}. A resolved alert, a trigger
   * without {@code maxAge} and an alert without a readable start time are never stale.
   */
  public static boolean stale(Trigger trigger, Alert alert, Instant now) {
    if (trigger.maxAge() == null || alert.resolved()) {
      return false;
    }
    return age(alert, now).map(age -> age.compareTo(trigger.maxAge()) > 0).orElse(false);
  }

  /**
   * When the alert started: its {@code startsAt} (ISO-8601 with a zone or offset), or empty when it
   * has no readable start time or one before 1970 (Alertmanager's zero time).
   */
  public static Optional<Instant> startedAt(Alert alert) {
    String text = alert.startsAt().strip();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      Instant at = OffsetDateTime.parse(text).toInstant();
      return at.isBefore(Instant.EPOCH) ? Optional.empty() : Optional.of(at);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
