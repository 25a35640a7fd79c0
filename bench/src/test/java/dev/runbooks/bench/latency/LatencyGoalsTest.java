package dev.runbooks.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyGoalsTest {
  private static LatencyRun run(List<Double> firstStep, int refused, int missing) {
    Stats s = Stats.of(firstStep);
    return new LatencyRun(10, 10, s, s, s, s, refused, missing);
  }

  @Test
  void theGoalsAreOnTheTenAndHundredAlertsPerSecondRows() {
    assertThat(LatencySuite.goal(10)).isEqualTo(IssueGoal.LATENCY_10);
    assertThat(LatencySuite.goal(100)).isEqualTo(IssueGoal.LATENCY_100);
    assertThat(LatencySuite.goal(500)).isNull();
    Table.Builder table = LatencySuite.table("t");
    LatencySuite.row(table, "10/s", 3, run(List.of(10.0, 20.0, 49.0), 0, 0), LatencySuite.goal(10));
    LatencySuite.row(table, "500/s", 3, run(List.of(10.0, 20.0, 49.0), 0, 0), null);
    List<List<String>> rows = table.build().rows();
    assertThat(rows.get(0).subList(11, 13)).containsExactly("≤ 50 ms", "yes");
    assertThat(rows.get(1).subList(11, 13)).containsExactly("", "");
  }

  @Test
  void aRateMeetsItsGoalOnlyWithNothingRefusedOrMissing() {
    IssueGoal.Result met = LatencySuite.result(IssueGoal.LATENCY_10, run(List.of(5.0, 40.0), 0, 0));
    IssueGoal.Result missing =
        LatencySuite.result(IssueGoal.LATENCY_10, run(List.of(5.0, 40.0), 0, 1));
    IssueGoal.Result none = LatencySuite.result(IssueGoal.LATENCY_100, run(List.of(), 2, 3));

    assertThat(met.met()).isTrue();
    assertThat(met.measured()).isEqualTo("40 ms (p50 5)");
    assertThat(missing.met()).isFalse();
    assertThat(missing.measured()).isEqualTo("40 ms (p50 5; 1 refused or missing)");
    assertThat(none.met()).isFalse();
    assertThat(none.measured()).isEqualTo("n/a (5 refused or missing)");
  }

  @Test
  void theCriticalAlertsLineNamesSettingsThatAreNotTheGoals() {
    IssueGoal.Result full =
        PrioritySuite.firstStep(run(List.of(100.0, 900.0), 0, 0), 10_000, 1_000, 20);
    IssueGoal.Result small = PrioritySuite.firstStep(run(List.of(100.0, 1200.0), 0, 0), 500, 50, 5);

    assertThat(full.met()).isTrue();
    assertThat(full.measured()).isEqualTo("900 ms (p50 100)");
    assertThat(small.met()).isFalse();
    assertThat(small.measured())
        .isEqualTo("1200 ms (p50 100; 5 critical among 500 warnings over 50 fingerprints)");
  }
}
