package dev.runbooks.starter.effectiveness;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the runbooks' effectiveness ({@code runbook.effectiveness.*}): the share of runs
 * after which the alert resolved within a window and stayed resolved.
 *
 * @param enabled whether verdicts are evaluated (by every starter with the intake's database; the
 *     database makes each verdict count once)
 * @param resolveWindow how long after a run's start the alert must resolve for the run to count as
 *     effective; a run whose alert did not resolve by then is {@code not_resolved}
 * @param quietPeriod how long after the resolve the same alert (same source and fingerprint) must
 *     stay quiet; a new firing within it makes the run {@code refired}
 * @param interval how often verdicts are evaluated and the ratio gauges refreshed
 */
@Validated
@ConfigurationProperties("runbook.effectiveness")
public record EffectivenessProperties(
    @DefaultValue("true") boolean enabled,
    @NotNull @DefaultValue("30m") Duration resolveWindow,
    @NotNull @DefaultValue("4h") Duration quietPeriod,
    @NotNull @DefaultValue("1m") Duration interval) {
  public EffectivenessProperties {
    positive("resolve-window", resolveWindow);
    positive("quiet-period", quietPeriod);
    positive("interval", interval);
  }

  private static void positive(String key, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(
          "runbook.effectiveness." + key + " must be a positive duration, got " + value);
    }
  }
}
