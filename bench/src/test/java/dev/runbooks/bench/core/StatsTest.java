package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void nearestRankPercentilesOfOneToHundred() {
    List<Double> samples = new ArrayList<>();
    for (int i = 100; i >= 1; i--) {
      samples.add((double) i);
    }
    Stats stats = Stats.of(samples);

    assertThat(stats.n()).isEqualTo(100);
    assertThat(stats.p50()).isEqualTo(50.0);
    assertThat(stats.p95()).isEqualTo(95.0);
    assertThat(stats.p99()).isEqualTo(99.0);
    assertThat(stats.max()).isEqualTo(100.0);
    assertThat(stats.mean()).isEqualTo(50.5);
  }

  @Test
  void percentilesOfFewSamplesAreSamplesNotInterpolations() {
    Stats stats = Stats.of(List.of(30.0, 10.0, 20.0));

    assertThat(stats.p50()).isEqualTo(20.0);
    assertThat(stats.p95()).isEqualTo(30.0);
    assertThat(stats.percentile(1)).isEqualTo(10.0);
    assertThat(Stats.of(List.of(7.0)).p99()).isEqualTo(7.0);
  }

  @Test
  void noSamplesOrABadPercentIsRefused() {
    assertThatThrownBy(() -> Stats.of(List.of()).p50())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no samples");
    assertThatThrownBy(() -> Stats.of(List.of()).mean()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Stats.of(List.of(1.0)).percentile(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(0, 100]");
    assertThatThrownBy(() -> Stats.of(List.of(1.0)).percentile(101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
