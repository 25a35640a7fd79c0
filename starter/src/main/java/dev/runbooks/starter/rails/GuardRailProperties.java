package dev.runbooks.starter.rails;

import dev.runbooks.language.model.Rate;
import dev.runbooks.language.model.StartLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the guard rails ({@code runbook.guard-rails.*}).
 *
 * @param defaultLimits the start limits of runbooks that set none ({@code default-limits.runs},
 *     {@code default-limits.per-target.key}, {@code default-limits.per-target.runs}, {@code
 *     default-limits.trip}); none when unset
 * @param notifyRoute the escalation route ({@code runbook.routes.<name>}) guard-rail notifications
 *     go to; when blank they are logged and recorded only
 * @param freezes change freezes from configuration, merged with those created through the API
 */
@Validated
@ConfigurationProperties("runbook.guard-rails")
public record GuardRailProperties(
    DefaultLimits defaultLimits, String notifyRoute, List<FreezeConfig> freezes) {
  /** Normalizes absent values. */
  public GuardRailProperties {
    freezes = freezes == null ? List.of() : List.copyOf(freezes);
    notifyRoute = notifyRoute == null || notifyRoute.isBlank() ? null : notifyRoute.strip();
  }

  /**
   * The worker-wide default start limits as written.
   *
   * @param runs such as {@code 20/1h}
   * @param perTarget the per-target limit
   * @param trip whether going over trips the runbook
   */
  public record DefaultLimits(String runs, PerTargetConfig perTarget, boolean trip) {}

  /**
   * A default per-target limit.
   *
   * @param key a template over {@code alert}, such as {@code ${{ alert.labels.instance }}}
   * @param runs such as {@code 2/1h}
   */
  public record PerTargetConfig(String key, String runs) {}

  /**
   * A configured change freeze.
   *
   * @param reason why (required)
   * @param startsAt when it starts (required)
   * @param endsAt when it ends (required, after the start)
   * @param runbooks the runbooks it covers; all when empty
   */
  public record FreezeConfig(
      String reason, Instant startsAt, Instant endsAt, List<String> runbooks) {}

  /**
   * The default start limits, or null when none are set.
   *
   * @throws IllegalArgumentException naming the property that does not hold a rate
   */
  public StartLimits limits() {
    if (defaultLimits == null) {
      return null;
    }
    Rate runs = rate("runbook.guard-rails.default-limits.runs", defaultLimits.runs());
    StartLimits.PerTarget perTarget = null;
    PerTargetConfig p = defaultLimits.perTarget();
    if (p != null && (p.key() != null || p.runs() != null)) {
      if (p.key() == null || p.key().isBlank() || p.runs() == null) {
        throw new IllegalArgumentException(
            "runbook.guard-rails.default-limits.per-target needs both key and runs");
      }
      perTarget =
          new StartLimits.PerTarget(
              p.key(), rate("runbook.guard-rails.default-limits.per-target.runs", p.runs()));
    }
    if (runs == null && perTarget == null) {
      return null;
    }
    return new StartLimits(runs, perTarget, defaultLimits.trip());
  }

  /** The problems of the configured freezes, each naming its property; empty when none. */
  public List<String> freezeProblems() {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < freezes.size(); i++) {
      FreezeConfig f = freezes.get(i);
      String prefix = "runbook.guard-rails.freezes[" + i + "].";
      if (f.reason() == null || f.reason().isBlank()) {
        problems.add(prefix + "reason: required");
      }
      if (f.startsAt() == null) {
        problems.add(prefix + "starts-at: required");
      }
      if (f.endsAt() == null) {
        problems.add(prefix + "ends-at: required");
      } else if (f.startsAt() != null && !f.endsAt().isAfter(f.startsAt())) {
        problems.add(prefix + "ends-at: must be after starts-at");
      }
    }
    return problems;
  }

  private static Rate rate(String property, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    return Rate.parse(text)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    property + ": '" + text + "' is not a rate such as 10/1h"));
  }
}
