package dev.runbooks.bench.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalsReportTest {
  private static final GoalsReport.Measured LATENCY =
      new GoalsReport.Measured("latency", "2026-12-07T08:00:00Z", "1.50 / 1.20 / 1.00");

  @Test
  void aMeasuredLineShowsItsGoalVerdictAndWhereAndWhenWithTheLoad() {
    Map<IssueGoal, GoalsReport.Line> fresh = new EnumMap<>(IssueGoal.class);
    fresh.put(
        IssueGoal.LATENCY_10,
        new GoalsReport.Line(IssueGoal.LATENCY_10.measured(42, "42 ms (p50 20)"), LATENCY));
    fresh.put(
        IssueGoal.LATENCY_100,
        new GoalsReport.Line(IssueGoal.LATENCY_100.measured(300, "300 ms (p50 90)"), LATENCY));

    String section = GoalsReport.section(null, fresh);

    assertThat(section)
        .startsWith("## Issue #20 goals\n\n**Every figure of issue #20 beside its goal**\n\n")
        .contains(
            "| figure | goal | measured | met | suite, when, load average at its start |\n",
            "| alert → first step started, p99 at 10 alerts/s | ≤ 50 ms | 42 ms (p50 20) | yes"
                + " | `latency`, 2026-12-07T08:00:00Z, load 1.50 / 1.20 / 1.00 |\n",
            "| alert → first step started, p99 at 100 alerts/s | ≤ 250 ms | 300 ms (p50 90) | NO"
                + " | `latency`, 2026-12-07T08:00:00Z, load 1.50 / 1.20 / 1.00 |\n",
            "| critical alert amid a 10,000-alert warning storm → first step started, p99"
                + " | ≤ 1000 ms | not measured yet |  | `make bench SUITES=priority` |\n");
    assertThat(GoalsReport.rows(section)).hasSize(IssueGoal.values().length);
  }

  @Test
  void linesOfSuitesThatDidNotRunStayAsThePageHadThem() {
    Map<IssueGoal, GoalsReport.Line> first = new EnumMap<>(IssueGoal.class);
    first.put(
        IssueGoal.STORM_LOST,
        new GoalsReport.Line(
            IssueGoal.STORM_LOST.measured(0, "0 | none"),
            new GoalsReport.Measured("storm", "2026-12-07T07:00:00Z", "3.00 / 2.00 / 1.00")));
    String before = GoalsReport.section(null, first);
    Map<IssueGoal, GoalsReport.Line> second = new EnumMap<>(IssueGoal.class);
    second.put(
        IssueGoal.LATENCY_10,
        new GoalsReport.Line(IssueGoal.LATENCY_10.measured(60, "60 ms"), LATENCY));

    Map<String, List<String>> rows = GoalsReport.rows(GoalsReport.section(before, second));

    assertThat(rows.get(IssueGoal.STORM_LOST.figure()))
        .containsExactly(
            IssueGoal.STORM_LOST.figure(),
            "= 0",
            "0 | none",
            "yes",
            "`storm`, 2026-12-07T07:00:00Z, load 3.00 / 2.00 / 1.00");
    assertThat(rows.get(IssueGoal.LATENCY_10.figure())).contains("60 ms", "NO");
    assertThat(rows.get(IssueGoal.STEPS_JAVA.figure())).contains("not measured yet");
  }

  @Test
  void aResultTheSuiteJudgesCarriesItsVerdict() {
    assertThat(IssueGoal.PRIORITY_RUNS.measured(false, "1019 of 1020").met()).isFalse();
    assertThat(IssueGoal.STORM_RATE.measured(1000, "1000").met()).isTrue();
    assertThat(IssueGoal.THROUGHPUT_RATIO.measured(1.06, "1.06").met()).isFalse();
    assertThat(IssueGoal.HISTORY_EVENTS.goal().text()).isEqualTo("≤ 68");
    assertThat(IssueGoal.THROUGHPUT_RATIO.goal().text()).isEqualTo("≤ 1.05");
  }

  @Test
  void thePageGetsTheGoalsTableAtTheTopAndKeepsItAcrossRuns(@TempDir Path dir) throws Exception {
    Path doc = dir.resolve("benchmarks.md");
    Map<IssueGoal, GoalsReport.Line> goals = new EnumMap<>(IssueGoal.class);
    goals.put(
        IssueGoal.LATENCY_10,
        new GoalsReport.Line(IssueGoal.LATENCY_10.measured(42, "42 ms (p50 20)"), LATENCY));
    Report.write(doc, Map.of("latency", "### Alert latency\n\nfigures\n"), goals);
    Report.write(doc, Map.of("compiler", "### Compiler\n\nfigures\n"));

    String page = Files.readString(doc);
    assertThat(page.indexOf("## Issue #20 goals")).isLessThan(page.indexOf("## How to run"));
    assertThat(page).contains("| 42 ms (p50 20) | yes |", "### Alert latency\n\nfigures\n");
  }
}
