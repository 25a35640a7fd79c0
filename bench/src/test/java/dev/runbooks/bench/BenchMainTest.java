package dev.runbooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.bench.core.BenchContext;
import dev.runbooks.bench.core.Report;
import dev.runbooks.bench.core.Suite;
import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchMainTest {

  @Test
  void suitesAreSelectedByNameInTheOrderGiven() {
    assertThat(BenchMain.select(List.of()).stream().map(Suite::id))
        .containsExactly(
            "recovery",
            "steps",
            "latency",
            "storm",
            "priority",
            "compiler",
            "overhead",
            "scale",
            "tuning");
    assertThat(BenchMain.select(List.of("storm", "recovery")).stream().map(Suite::id))
        .containsExactly("storm", "recovery");
    assertThat(BenchMain.select(List.of("none"))).isEmpty();
    assertThatThrownBy(() -> BenchMain.select(List.of("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no suite 'nope'");
  }

  @Test
  void everySuiteHasASectionInThePageTemplate() {
    assertThat(Report.template())
        .contains(
            BenchMain.SUITES.stream()
                .map(s -> "<!-- bench:" + s.id() + " -->\n### " + s.title() + "\n")
                .toList());
  }

  @Test
  void everyGoalOfTheIssueIsMeasuredByASuiteThatRuns() {
    assertThat(java.util.Arrays.stream(dev.runbooks.bench.core.IssueGoal.values()))
        .allSatisfy(
            goal -> assertThat(BenchMain.SUITES.stream().map(Suite::id)).contains(goal.suite()));
  }

  @Test
  void argumentsAreNameValuePairs() {
    assertThat(BenchMain.parse(new String[] {"--suites=a,b", "--doc="}))
        .containsEntry("suites", "a,b")
        .containsEntry("doc", "");
    assertThatThrownBy(() -> BenchMain.parse(new String[] {"suites"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--name=value");
  }

  @Test
  void theBenchRunbooksCompile() {
    for (String name : BenchContext.BENCH_RUNBOOKS) {
      Compilation c = RunbookCompiler.standard().compile(BenchContext.runbook(name), name);
      assertThat(c.problems()).as(name).isEmpty();
      assertThat(c.runbook().definition().metadata().name() + ".yaml").isEqualTo(name);
    }
  }
}
