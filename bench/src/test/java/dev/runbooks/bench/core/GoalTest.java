package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoalTest {

  @Test
  void atMostAtLeastAndExactly() {
    Goal p99 = Goal.atMost(50, "ms");
    assertThat(p99.text()).isEqualTo("≤ 50 ms");
    assertThat(p99.met(50)).isTrue();
    assertThat(p99.verdict(50.1)).isEqualTo("NO");

    Goal rate = Goal.atLeast(1000, "alerts/s");
    assertThat(rate.text()).isEqualTo("≥ 1000 alerts/s");
    assertThat(rate.verdict(1000)).isEqualTo("yes");
    assertThat(rate.met(999.9)).isFalse();

    Goal runs = Goal.exactly(1000, "");
    assertThat(runs.text()).isEqualTo("= 1000");
    assertThat(runs.met(1000)).isTrue();
    assertThat(runs.met(1001)).isFalse();
    assertThat(runs.met(999)).isFalse();
  }

  @Test
  void numbersAreWrittenWithFewDigitsAndNoLocale() {
    assertThat(Format.number(241.75)).isEqualTo("242");
    assertThat(Format.number(55.62)).isEqualTo("55.6");
    assertThat(Format.number(0.1234)).isEqualTo("0.123");
    assertThat(Format.number(12)).isEqualTo("12");
    assertThat(Format.number(Double.NaN)).isEqualTo("n/a");
    assertThat(Format.ratio(1.0449)).isEqualTo("1.04");
    assertThat(Format.mebibytes(3 * 1048576.0)).isEqualTo("3 MiB");
  }
}
