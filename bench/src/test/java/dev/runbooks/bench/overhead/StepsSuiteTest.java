package dev.runbooks.bench.overhead;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.bench.core.IssueGoal;
import dev.runbooks.bench.core.Stats;
import dev.runbooks.bench.core.Table;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepsSuiteTest {
  private final Stats interpreter = Stats.of(List.of(160.0, 180.0, 200.0));
  private final Stats java = Stats.of(List.of(100.0, 120.0, 140.0));

  @Test
  void eachKindsLineIsItsMeanPerRunWithThePerStepBesideIt() {
    IssueGoal.Result i = StepsSuite.result(IssueGoal.STEPS_INTERPRETER, interpreter);
    IssueGoal.Result j = StepsSuite.result(IssueGoal.STEPS_JAVA, java);

    assertThat(i.met()).isFalse();
    assertThat(i.measured()).isEqualTo("180 ms (18 a step; 3 runs)");
    assertThat(j.met()).isTrue();
    assertThat(j.measured()).isEqualTo("120 ms (12 a step; 3 runs)");
  }

  @Test
  void theTableShowsBothKindsSideBySidePerRunAndPerStep() {
    Table table = StepsSuite.table(interpreter, java, 52, 45, 3);

    assertThat(table.header())
        .containsExactly(
            "figure", "interpreter", "hand-written", "goal", "met (interpreter / hand-written)");
    assertThat(table.rows().get(0))
        .containsExactly(
            "a run, mean ms (3 runs each)", "180", "120", "≤ 150 ms (≤ 15 a step)", "NO / yes");
    assertThat(table.rows().get(1))
        .containsExactly("a step, mean ms (a run / 10)", "18", "12", "≤ 15 ms", "NO / yes");
    assertThat(table.rows()).contains(List.of("history events per run", "52", "45", "", ""));
  }
}
