package dev.runbooks.language.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.LabelMatcher;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerMatcherTest {
  private static LabelMatcher m(String op, String... values) {
    return new LabelMatcher(op, List.of(values));
  }

  @Test
  void equalsAndNotEquals() {
    assertThat(TriggerMatcher.holds(m("equals", "jarvis"), "jarvis")).isTrue();
    assertThat(TriggerMatcher.holds(m("equals", "jarvis"), "Jarvis")).isFalse();
    assertThat(TriggerMatcher.holds(m("equals", "jarvis"), null)).isFalse();
    assertThat(TriggerMatcher.holds(m("notEquals", "data"), "platform")).isTrue();
    assertThat(TriggerMatcher.holds(m("notEquals", "data"), "data")).isFalse();
    assertThat(TriggerMatcher.holds(m("notEquals", "data"), null)).isTrue();
  }

  @Test
  void inAndNotIn() {
    assertThat(TriggerMatcher.holds(m("in", "warning", "critical"), "critical")).isTrue();
    assertThat(TriggerMatcher.holds(m("in", "warning", "critical"), "info")).isFalse();
    assertThat(TriggerMatcher.holds(m("in", "warning"), null)).isFalse();
    assertThat(TriggerMatcher.holds(m("notIn", "dev", "test"), "prod")).isTrue();
    assertThat(TriggerMatcher.holds(m("notIn", "dev", "test"), "dev")).isFalse();
    assertThat(TriggerMatcher.holds(m("notIn", "dev"), null)).isTrue();
  }

  @Test
  void regexMatchesTheWholeValue() {
    assertThat(TriggerMatcher.holds(m("regex", "jarvis-[0-9]+"), "jarvis-12")).isTrue();
    assertThat(TriggerMatcher.holds(m("regex", "jarvis-[0-9]+"), "jarvis-12.local")).isFalse();
    assertThat(TriggerMatcher.holds(m("regex", "jarvis-[0-9]+"), "old-jarvis-1")).isFalse();
    assertThat(TriggerMatcher.holds(m("regex", ".*"), null)).isTrue();
    assertThat(TriggerMatcher.holds(m("notRegex", "true|yes"), "no")).isTrue();
    assertThat(TriggerMatcher.holds(m("notRegex", "true|yes"), "yes")).isFalse();
    assertThat(TriggerMatcher.holds(m("notRegex", "true|yes"), "yesterday")).isTrue();
  }

  @Test
  void existsTreatsAnEmptyValueAsAbsent() {
    assertThat(TriggerMatcher.holds(m("exists", "true"), "model_generation")).isTrue();
    assertThat(TriggerMatcher.holds(m("exists", "true"), null)).isFalse();
    assertThat(TriggerMatcher.holds(m("exists", "true"), "")).isFalse();
    assertThat(TriggerMatcher.holds(m("exists", "false"), null)).isTrue();
    assertThat(TriggerMatcher.holds(m("exists", "false"), "x")).isFalse();
  }

  @Test
  void sources() {
    assertThat(TriggerMatcher.sourceMatches("any", "grafana")).isTrue();
    assertThat(TriggerMatcher.sourceMatches("any", "")).isTrue();
    assertThat(TriggerMatcher.sourceMatches("alertmanager", "alertmanager")).isTrue();
    assertThat(TriggerMatcher.sourceMatches("alertmanager", "grafana")).isFalse();
    assertThat(TriggerMatcher.sourceMatches("generic", "generic")).isTrue();
    assertThat(TriggerMatcher.sourceMatches("generic", "generic/uptime-kuma")).isTrue();
    assertThat(TriggerMatcher.sourceMatches("generic", "genericx")).isFalse();
    assertThat(TriggerMatcher.sourceMatches("generic/uptime-kuma", "generic/uptime-kuma")).isTrue();
    assertThat(TriggerMatcher.sourceMatches("generic/uptime-kuma", "generic/other")).isFalse();
    assertThat(TriggerMatcher.sourceMatches("generic/uptime-kuma", "generic")).isFalse();
  }

  @Test
  void aBacktrackingRegexMatcherOnAnEightyCharacterLabelIsInstant() {
    String label = "a".repeat(80);

    boolean holds =
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
            java.time.Duration.ofMillis(500),
            () -> TriggerMatcher.holds(m("regex", "(.*a){8}x"), label));

    assertThat(holds).isFalse();
    assertThat(TriggerMatcher.holds(m("notRegex", "(.*a){8}x"), label)).isTrue();
  }
}
