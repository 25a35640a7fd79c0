package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runbooks.language.model.EndOutcome;
import dev.runbooks.language.model.InputType;
import dev.runbooks.language.model.Join;
import dev.runbooks.language.model.Location;
import dev.runbooks.language.model.LogLevel;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnFailure;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.OnWaitTimeout;
import dev.runbooks.language.model.Step;
import dev.runbooks.language.model.StepBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookCompilerTest {
  private static final Path JARVIS =
      Path.of("src/test/resources/corpus/valid/jarvis-circuit-breaker.yaml");

  private static CompiledRunbook jarvis() {
    return RunbookCompiler.standard().compile(JARVIS).orThrow();
  }

  @Test
  void bindsTheJarvisRunbook() {
    CompiledRunbook plan = jarvis();

    assertThat(plan.name()).isEqualTo("jarvis-circuit-breaker-open");
    assertThat(plan.definition().metadata().labels()).containsEntry("system", "jarvis");
    assertThat(plan.definition().inputs().get("verify_deadline").type())
        .isEqualTo(InputType.DURATION);
    assertThat(plan.definition().triggers()).hasSize(1);
    assertThat(plan.definition().triggers().get(0).alertNames())
        .containsExactly("CircuitBreakerOpen");
    assertThat(plan.definition().triggers().get(0).inputs())
        .containsEntry("circuit", "${{ alert.labels.circuit }}");
    assertThat(plan.file()).isEqualTo(JARVIS.toString());
    Step verify = plan.stepsById().get("verify");
    StepBody.WaitUntil wait = (StepBody.WaitUntil) verify.body();
    assertThat(wait.probe().type()).isEqualTo("http");
    assertThat(wait.interval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(wait.deadline()).isEqualTo(Duration.ofMinutes(5));
    assertThat(wait.onTimeout()).isEqualTo(OnWaitTimeout.FAIL);
    assertThat(verify.onFailure()).isInstanceOf(OnFailure.Handle.class);
    assertThat(verify.path()).isEqualTo("steps[5]");
    assertThat(verify.location().line()).isEqualTo(91);
  }

  @Test
  void stepsByIdHoldsNestedHandlerAndFinallyStepsWithTheirPaths() {
    Map<String, Step> steps = jarvis().stepsById();

    assertThat(steps)
        .containsKeys("emergency_mode", "redownload", "note_unknown", "escalate", "summary");
    assertThat(steps.get("redownload").path())
        .isEqualTo("steps[3].switch.cases[1].steps[0].onFailure[0]");
    assertThat(steps.get("note_unknown").path()).isEqualTo("steps[3].switch.default[0]");
    assertThat(steps.get("summary").path()).isEqualTo("finally[0]");
    assertThat(steps.get("smoke").onFailure()).isEqualTo(OnFailure.CONTINUE);
    StepBody.Action reset = (StepBody.Action) steps.get("reset").body();
    assertThat(reset.config()).containsEntry("method", "POST");
    assertThat(steps.get("reset").retry().maxAttempts()).isEqualTo(3);
    assertThat(steps.get("reset").retry().backoffCoefficient()).isEqualTo(2.0);
    assertThat(((StepBody.Log) steps.get("summary").body()).level()).isEqualTo(LogLevel.INFO);
    assertThat(((StepBody.Fail) steps.get("escalate").body()).outcome())
        .isEqualTo(EndOutcome.ESCALATED);
  }

  @Test
  void versionIsAHashOfTheExactSource() throws IOException {
    String source = Files.readString(JARVIS);
    CompiledRunbook a = RunbookCompiler.standard().compile(source, "a.yaml").orThrow();
    CompiledRunbook b = RunbookCompiler.standard().compile(source + "\n", "a.yaml").orThrow();

    assertThat(a.version()).matches("sha256:[0-9a-f]{12}");
    assertThat(a.version()).isNotEqualTo(b.version());
    assertThat(a.source()).isEqualTo(source);
  }

  @Test
  void bindsControlStepDefaults() {
    String source =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: defaults}
        steps:
          - id: fan
            parallel:
              join: 2
              branches:
                - steps: [{id: a, sleep: 1s}]
                - steps: [{id: b, succeed: done}]
          - id: ask
            approval: {prompt: "ok?"}
          - id: loop
            foreach:
              items: "[1, 2]"
              steps: [{id: c, log: "${{ item }}"}]
          - id: child
            call: {runbook: other}
        """;

    Map<String, Step> steps =
        RunbookCompiler.standard().compile(source, "d.yaml").orThrow().stepsById();

    StepBody.Parallel fan = (StepBody.Parallel) steps.get("fan").body();
    assertThat(fan.join()).isEqualTo(Join.atLeast(2));
    assertThat(fan.required()).isEqualTo(2);
    StepBody.Approval ask = (StepBody.Approval) steps.get("ask").body();
    assertThat(ask.timeout()).isEqualTo(Duration.ofHours(1));
    assertThat(ask.onTimeout()).isEqualTo(OnApprovalTimeout.REJECT);
    assertThat(ask.onReject()).isEqualTo(OnReject.FAIL);
    assertThat(ask.approvers()).isEmpty();
    assertThat(((StepBody.Foreach) steps.get("loop").body()).concurrency()).isEqualTo(1);
    assertThat(((StepBody.Call) steps.get("child").body()).await()).isTrue();
    assertThat(((StepBody.Succeed) steps.get("b").body()).outcome()).isEqualTo(EndOutcome.RESOLVED);
    assertThat(((StepBody.Sleep) steps.get("a").body()).duration())
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void problemsAreSortedAndThrownTogether() {
    String source =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: px}
        steps:
          - id: b
            log: "${{ steps.zzz.result }}"
          - {id: b, sleep: soon}
        """;

    Compilation c = RunbookCompiler.standard().compile(source, "p.yaml");

    assertThat(c.ok()).isFalse();
    assertThat(c.runbook()).isNull();
    List<Location> locations = c.problems().stream().map(p -> p.location()).toList();
    assertThat(locations)
        .isSortedAccordingTo(
            java.util.Comparator.comparingInt(Location::line).thenComparingInt(Location::column));
    assertThatThrownBy(c::orThrow)
        .isInstanceOf(RunbookValidationException.class)
        .hasMessageContaining("3 problem(s)");
  }

  @Test
  void unreadableFileIsOneProblem() {
    Compilation c = RunbookCompiler.standard().compile(Path.of("does/not/exist.yaml"));

    assertThat(c.problems())
        .singleElement()
        .extracting(p -> p.message())
        .asString()
        .startsWith("cannot read the file");
  }

  @Test
  void compilesAThousandSteps() {
    // Speed is measured by the benchmarks, not here: this only proves a big runbook compiles.
    CompiledRunbook plan =
        RunbookCompiler.standard().compile(thousandSteps(99), "big.yaml").orThrow();
    assertThat(plan.stepsById()).hasSize(1000);
  }

  /** A runbook of 1,000 steps whose 500 conditions are new to the compiler for each salt. */
  private static String thousandSteps(int salt) {
    StringBuilder source =
        new StringBuilder(
            "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata: {name: big}\n"
                + "inputs: {base: {default: 'http://x'}}\nsteps:\n");
    for (int i = 0; i < 1000; i++) {
      source.append("  - id: s").append(i).append("\n");
      if (i % 2 == 0) {
        source.append("    when: \"inputs.base != '' && ");
        source.append(salt * 100_000 + i).append(" >= 0\"\n");
        source.append("    http:\n      url: \"${{ inputs.base }}/").append(i).append("\"\n");
        source.append("    outputs: {code: result.status}\n");
      } else {
        source.append("    log: \"previous ${{ steps.s").append(i - 1);
        source.append(".outputs.code }}\"\n");
      }
    }
    return source.toString();
  }
}
