package dev.runbooks.starter.rails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.language.model.StartLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The worker-wide default limits and the configured freezes, as read and as refused. */
class GuardRailPropertiesTest {
  @Test
  void defaultLimitsAreRatesWithAnOptionalPerTargetKey() {
    StartLimits limits =
        new GuardRailProperties(
                new GuardRailProperties.DefaultLimits(
                    "20/1h",
                    new GuardRailProperties.PerTargetConfig(
                        "${{ alert.labels.instance }}", "3/30m"),
                    true),
                " oncall ",
                null)
            .limits();
    assertThat(limits.runs().count()).isEqualTo(20);
    assertThat(limits.runs().window()).isEqualTo(Duration.ofHours(1));
    assertThat(limits.perTarget().key()).isEqualTo("${{ alert.labels.instance }}");
    assertThat(limits.perTarget().runs().toString()).isEqualTo("3/30m");
    assertThat(limits.trip()).isTrue();
    assertThat(new GuardRailProperties(null, " oncall ", null).notifyRoute()).isEqualTo("oncall");
    assertThat(new GuardRailProperties(null, "", null).limits()).isNull();
  }

  @Test
  void badDefaultsAreRefusedNamingTheProperty() {
    assertThatThrownBy(
            () ->
                new GuardRailProperties(
                        new GuardRailProperties.DefaultLimits("ten an hour", null, false),
                        null,
                        null)
                    .limits())
        .hasMessage(
            "runbook.guard-rails.default-limits.runs: 'ten an hour' is not a rate such as 10/1h");
    assertThatThrownBy(
            () ->
                new GuardRailProperties(
                        new GuardRailProperties.DefaultLimits(
                            null, new GuardRailProperties.PerTargetConfig(null, "2/1h"), false),
                        null,
                        null)
                    .limits())
        .hasMessage("runbook.guard-rails.default-limits.per-target needs both key and runs");
  }

  @Test
  void configuredFreezesNeedAReasonAndAnEndAfterTheirStart() {
    Instant t = Instant.parse("2026-12-20T00:00:00Z");
    GuardRailProperties properties =
        new GuardRailProperties(
            null,
            null,
            List.of(
                new GuardRailProperties.FreezeConfig("year-end", t, t.plusSeconds(60), null),
                new GuardRailProperties.FreezeConfig(" ", t, t, List.of("x")),
                new GuardRailProperties.FreezeConfig("r", null, null, null)));
    assertThat(properties.freezeProblems())
        .containsExactly(
            "runbook.guard-rails.freezes[1].reason: required",
            "runbook.guard-rails.freezes[1].ends-at: must be after starts-at",
            "runbook.guard-rails.freezes[2].starts-at: required",
            "runbook.guard-rails.freezes[2].ends-at: required");
  }
}
