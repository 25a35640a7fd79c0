package dev.runbooks.starter.dispatch.internal;

import dev.runbooks.language.model.StartLimits;
import dev.runbooks.starter.rails.internal.StartLedger.Start;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What the guard rails read from an alert and count over the runs alerts started. */
final class AlertFacts {
  private AlertFacts() {}

  /** How many starts since {@code since} (with that target key; all when the key is null). */
  static long count(List<Start> seen, String key, Instant since) {
    return seen.stream()
        .filter(s -> s.at().isAfter(since))
        .filter(s -> key == null || key.equals(s.targetKey()))
        .count();
  }

  /** The longest window of the limits: how far back their counts reach. */
  static Duration longest(StartLimits limits) {
    Duration d = Duration.ZERO;
    if (limits.runs() != null) {
      d = limits.runs().window();
    }
    if (limits.perTarget() != null && limits.perTarget().runs().window().compareTo(d) > 0) {
      d = limits.perTarget().runs().window();
    }
    return d;
  }
}
