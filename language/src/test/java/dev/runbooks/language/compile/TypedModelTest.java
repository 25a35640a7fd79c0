package dev.runbooks.language.compile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.model.DurationValue;
import dev.runbooks.language.model.EndOutcome;
import dev.runbooks.language.model.EscalationLadder;
import dev.runbooks.language.model.Join;
import dev.runbooks.language.model.LabelMatcher;
import dev.runbooks.language.model.LogLevel;
import dev.runbooks.language.model.OnApprovalTimeout;
import dev.runbooks.language.model.OnReject;
import dev.runbooks.language.model.OnResolved;
import dev.runbooks.language.model.OnWaitTimeout;
import dev.runbooks.language.model.RouteType;
import dev.runbooks.language.model.StepBody;
import dev.runbooks.language.model.YamlEnums;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The compiled model is typed: the binder turns the words of the YAML into enums and sealed types,
 * each of which reads back the word it was written as, and an escalate step's ladder is compiled
 * once into an {@link EscalationLadder}.
 */
class TypedModelTest {
  private static final Path LADDER =
      Path.of("src/test/resources/corpus/valid/escalate-ladder.yaml");

  @Test
  void anEscalateStepsLadderIsCompiledOnce() {
    CompiledRunbook plan = RunbookCompiler.standard().compile(LADDER).orThrow();
    StepBody.Action page = (StepBody.Action) plan.stepsById().get("page").body();
    EscalationLadder ladder = page.ladder();

    assertThat(ladder.tiers())
        .extracting(EscalationLadder.Tier::number, EscalationLadder.Tier::route)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, "oncall"),
            org.assertj.core.groups.Tuple.tuple(2, "engineering"),
            org.assertj.core.groups.Tuple.tuple(3, "slack"));
    assertThat(ladder.tiers().get(0).after()).isNull();
    assertThat(ladder.tiers().get(0).type()).isEmpty();
    assertThat(ladder.tiers().get(1).after())
        .isEqualTo(new DurationValue.Template("${{ inputs.patience }}"));
    assertThat(ladder.tiers().get(1).after().resolve(Map.of("inputs", Map.of("patience", "7m"))))
        .isEqualTo(Duration.ofMinutes(7));
    EscalationLadder.Tier slack = ladder.tiers().get(2);
    assertThat(slack.type()).contains(RouteType.SLACK);
    assertThat(slack.after()).isEqualTo(new DurationValue.Fixed(Duration.ofMinutes(20)));
    assertThat(slack.target())
        .containsExactly(
            Map.entry("route", "slack"),
            Map.entry("url", Map.of("secretRef", "env:MANAGEMENT_SLACK_WEBHOOK")));
    assertThat(ladder.giveUpAfter()).isEqualTo(new DurationValue.Fixed(Duration.ofMinutes(30)));
  }

  @Test
  void anEscalateStepWithOneRouteHasNoLadder() {
    String source =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: one-route}
        steps:
          - id: page
            escalate: {route: oncall, summary: disk full}
        """;
    CompiledRunbook plan = RunbookCompiler.standard().compile(source, "one.yaml").orThrow();

    assertThat(((StepBody.Action) plan.stepsById().get("page").body()).ladder()).isNull();
  }

  @Test
  void everyWordReadsBackAsTheConstantItNames() {
    assertRoundTrip(LogLevel.values(), LogLevel::fromYaml);
    assertRoundTrip(OnWaitTimeout.values(), OnWaitTimeout::fromYaml);
    assertRoundTrip(OnApprovalTimeout.values(), OnApprovalTimeout::fromYaml);
    assertRoundTrip(OnReject.values(), OnReject::fromYaml);
    assertRoundTrip(OnResolved.values(), OnResolved::fromYaml);
    assertRoundTrip(EndOutcome.values(), EndOutcome::fromYaml);
    assertRoundTrip(RouteType.values(), RouteType::fromYaml);
    assertRoundTrip(LabelMatcher.Op.values(), LabelMatcher.Op::fromYaml);
    assertThat(YamlEnums.names(LogLevel.values())).containsExactly("info", "warn", "error");
    assertThat(LabelMatcher.OPS)
        .containsExactly("equals", "notEquals", "in", "notIn", "regex", "notRegex", "exists");
    assertThat(RouteType.listed()).isEqualTo("pagerduty, slack, teams, webhook");
    assertThat(RouteType.spoken()).isEqualTo("pagerduty, slack, teams and webhook");
    assertThat(RouteType.parse(" PagerDuty ")).contains(RouteType.PAGERDUTY);
    assertThat(LogLevel.fromYaml("INFO")).isEmpty();
  }

  @Test
  void joinRulesSayHowManyBranchesMustSucceed() {
    assertThat(Join.fromYaml("all")).contains(Join.ALL);
    assertThat(Join.fromYaml("any")).contains(Join.ANY);
    assertThat(Join.fromYaml(2L)).contains(Join.atLeast(2));
    assertThat(Join.fromYaml("some")).isEmpty();
    assertThat(Join.fromYaml(0L)).isEmpty();
    assertThat(List.of(Join.ALL, Join.ANY, Join.atLeast(2)))
        .extracting(j -> j.required(3), Join::text)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3, "all"),
            org.assertj.core.groups.Tuple.tuple(1, "any"),
            org.assertj.core.groups.Tuple.tuple(2, "2"));
  }

  @Test
  void theBinderGivesEachFieldItsType() {
    String source =
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: typed}
        steps:
          - id: say
            log: {message: hi, level: warn}
          - id: fan
            parallel:
              join: any
              branches:
                - steps: [{id: a, log: a}]
                - steps: [{id: b, log: b}]
          - id: ask
            approval: {prompt: proceed, onTimeout: approve, onReject: continue}
          - id: wait
            waitUntil:
              probe: {http: {url: "http://x.example/health"}}
              condition: result.status == 200
              deadline: 1m
              onTimeout: continue
          - id: done
            succeed: {message: ok, outcome: escalated}
          - id: never
            fail: stop
        """;
    CompiledRunbook plan = RunbookCompiler.standard().compile(source, "typed.yaml").orThrow();
    var steps = plan.stepsById();

    assertThat(((StepBody.Log) steps.get("say").body()).level()).isEqualTo(LogLevel.WARN);
    assertThat(((StepBody.Log) steps.get("a").body()).level()).isEqualTo(LogLevel.INFO);
    assertThat(((StepBody.Parallel) steps.get("fan").body()).join()).isEqualTo(Join.ANY);
    StepBody.Approval ask = (StepBody.Approval) steps.get("ask").body();
    assertThat(ask.onTimeout()).isEqualTo(OnApprovalTimeout.APPROVE);
    assertThat(ask.onReject()).isEqualTo(OnReject.CONTINUE);
    assertThat(((StepBody.WaitUntil) steps.get("wait").body()).onTimeout())
        .isEqualTo(OnWaitTimeout.CONTINUE);
    assertThat(((StepBody.Succeed) steps.get("done").body()).outcome())
        .isEqualTo(EndOutcome.ESCALATED);
    assertThat(((StepBody.Fail) steps.get("never").body()).outcome()).isEqualTo(EndOutcome.FAILED);
  }

  private static <E extends Enum<E>> void assertRoundTrip(
      E[] values, Function<String, Optional<E>> fromYaml) {
    for (E value : values) {
      assertThat(fromYaml.apply(value.toString())).contains(value);
    }
  }
}
