package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.runbooks.api.DecisionAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowStub;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.worker.WorkerFactoryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interpreter's own metrics, through the same tally-to-Micrometer bridge the worker uses, with
 * the workflow cache off so that every workflow task replays the run from its start: each run,
 * step, retry and escalation is still counted exactly once, and dry runs not at all.
 */
class RunMetricsTest {
  private static final String RECOVER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: m-recover}
      inputs:
        base: {type: string, required: true}
      steps:
        - id: flaky
          http: {url: "${{ inputs.base }}/flaky"}
          retry: {maxAttempts: 3, initialInterval: 1s}
        - id: settle
          sleep: 5m
        - id: done
          succeed: recovered
      """;

  private static final String ESCALATE =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: m-escalate}
      steps:
        - id: page_oncall
          escalate: {route: oncall, summary: "nobody home"}
          retry: {maxAttempts: 2, initialInterval: 1s}
          onFailure: continue
        - id: chat
          escalate: {route: chat, summary: "help"}
        - id: never
          when: 1 == 2
          log: skipped
        - id: bad_when
          when: int("x") == 1
          log: not run either
          onFailure: continue
        - id: handover
          fail: {message: handed over, outcome: escalated}
      """;

  private static final String FAILING =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: m-failing}
      inputs:
        base: {type: string, required: true}
      steps:
        - id: broken
          http: {url: "${{ inputs.base }}/status/500"}
          retry: {maxAttempts: 2, initialInterval: 1s}
      """;

  private static final String GATED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: m-gated}
      steps:
        - id: ask
          approval: {prompt: "go?", timeout: 1h}
        - id: note
          log: approved
      """;

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Scope metrics;
  private TestHttp http;
  private RunbookTestEnv env;

  @BeforeEach
  void start() throws Exception {
    http = new TestHttp();
    metrics =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(registry))
            .reportEvery(com.uber.m3.util.Duration.ofMillis(50));
    env =
        new RunbookTestEnv(
            List.of(EscalationTestBase.escalateExecutor(http)),
            TestEnvironmentOptions.newBuilder()
                .setMetricsScope(metrics)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkflowCacheSize(0).build())
                .build());
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
    http.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void runsStepsRetriesEscalationsAndRecoveryAreCountedOnceDespiteReplays() throws Exception {
    String base = http.url();
    http.scripted.put("/flaky", new ArrayDeque<>(List.of(500)));
    http.scripted.put("/pd", new ArrayDeque<>(List.of(500, 500)));
    env.publish(RECOVER);
    env.publish(ESCALATE);
    env.publish(FAILING);
    env.publish(GATED);
    long now = env.env.currentTimeMillis();
    Map<String, Object> alert =
        Map.of(
            "name",
            "Flaky",
            "startsAt",
            Instant.ofEpochMilli(now).minus(Duration.ofMinutes(10)).toString());

    Map<String, Object> recovered =
        env.start("m-recover", Map.of("base", base), Map.of("alert", alert)).getResult(Map.class);
    Map<String, Object> escalated = env.start("m-escalate", Map.of()).getResult(Map.class);
    Map<String, Object> failed = env.start("m-failing", Map.of("base", base)).getResult(Map.class);
    Map<String, Object> dry =
        env.start("m-escalate", Map.of(), Map.of("dryRun", true)).getResult(Map.class);
    WorkflowStub gated = env.start("m-gated", Map.of());
    EscalationTestBase.awaitWaiting(gated, w -> "approval".equals(w.get("kind")));
    env.decide(gated, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> approved = gated.getResult(Map.class);
    assertThat(List.of(recovered, escalated, failed, dry, approved))
        .extracting(r -> r.get("outcome"))
        .containsExactly("resolved", "escalated", "failed", "escalated", "resolved");
    env.close();
    env = null;
    metrics.close(); // reports what is buffered

    assertThat(count("runbook.runs.started", "runbook", "m-recover")).isEqualTo(1);
    assertThat(count("runbook.runs.started", "runbook", "m-failing")).isEqualTo(1);
    assertThat(count("runbook.runs.started", "runbook", "m-gated")).isEqualTo(1);
    assertThat(count("runbook.runs.completed", "runbook", "m-recover", "outcome", "resolved"))
        .isEqualTo(1);
    assertThat(count("runbook.runs.completed", "runbook", "m-escalate", "outcome", "escalated"))
        .isEqualTo(1);
    assertThat(count("runbook.runs.completed", "runbook", "m-failing", "outcome", "failed"))
        .isEqualTo(1);
    assertThat(count("runbook.runs.started", "runbook", "m-escalate"))
        .as("dry runs are not counted")
        .isEqualTo(1);
    assertThat(count("runbook.runs.completed", "runbook", "m-gated", "outcome", "resolved"))
        .isEqualTo(1);
    assertThat(count("runbook.runs.completed")).isEqualTo(4);

    Timer run = timer("runbook.run.duration", "runbook", "m-recover", "outcome", "resolved");
    assertThat(run.count()).isEqualTo(1);
    assertThat(run.totalTime(TimeUnit.SECONDS)).isBetween(300.0, 360.0);
    Timer recover = timer("runbook.time.to.recover", "runbook", "m-recover");
    assertThat(recover.count()).isEqualTo(1);
    assertThat(recover.totalTime(TimeUnit.SECONDS)).isBetween(900.0, 960.0);
    assertThat(registry.find("runbook.time.to.recover").timers())
        .as("only resolved runs started by an alert")
        .hasSize(1);

    assertThat(
            timer("runbook.step.duration", "runbook", "m-recover", "step_type", "sleep")
                .totalTime(TimeUnit.SECONDS))
        .isBetween(300.0, 310.0);
    assertThat(stepCount("m-recover", "http", "succeeded")).isEqualTo(1);
    assertThat(stepCount("m-recover", "succeed", "ended")).isEqualTo(1);
    assertThat(stepCount("m-escalate", "escalate", "failed")).isEqualTo(1);
    assertThat(stepCount("m-escalate", "escalate", "succeeded")).isEqualTo(1);
    assertThat(stepCount("m-escalate", "fail", "ended")).isEqualTo(1);
    assertThat(registry.find("runbook.step.duration").tag("step_type", "log").timers())
        .as("a skipped step and a step whose when: failed never ran")
        .noneMatch(t -> t.getId().getTag("runbook").equals("m-escalate"));
    assertThat(stepCount("m-failing", "http", "failed")).isEqualTo(1);
    assertThat(stepCount("m-gated", "approval", "succeeded")).isEqualTo(1);
    assertThat(stepCount("m-gated", "log", "succeeded")).isEqualTo(1);

    assertThat(count("runbook.escalations", "runbook", "m-escalate", "route", "chat")).isEqualTo(1);
    assertThat(
            count(
                "runbook.escalations",
                "runbook",
                "m-escalate",
                "route",
                "chat",
                "outcome",
                "delivered"))
        .isEqualTo(1);
    assertThat(
            count(
                "runbook.escalations",
                "runbook",
                "m-escalate",
                "route",
                "oncall",
                "outcome",
                "failed"))
        .isEqualTo(1);

    assertThat(count("runbook.step.retries", "runbook", "m-recover", "step_type", "http"))
        .isEqualTo(1);
    assertThat(count("runbook.step.retries", "runbook", "m-escalate", "step_type", "escalate"))
        .isEqualTo(1);
    assertThat(count("runbook.step.retries", "runbook", "m-failing", "step_type", "http"))
        .isEqualTo(1);

    Timer replays = registry.find("temporal_workflow_task_replay_latency").timer();
    assertThat(replays).as("the cache is off, so workflow tasks replayed").isNotNull();
    assertThat(replays.count()).isPositive();
  }

  @Test
  @SuppressWarnings("unchecked")
  void guardStopsAutonomyAndBlastRadiusRefusalsAreCountedOnce() throws Exception {
    String base = http.url();
    env.publish(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: m-guarded}
        inputs:
          base: {type: string, required: true}
        guards:
          - id: healthy
            http: {url: "${{ inputs.base }}/status/503"}
            retry: {maxAttempts: 1}
        steps:
          - id: bounce
            http: {method: POST, url: "${{ inputs.base }}/bounce"}
        """);
    env.publish(
        """
        apiVersion: runbooks.dev/v1
        kind: Runbook
        metadata: {name: m-rails}
        steps:
          - id: each
            foreach:
              items: '["a", "b"]'
              steps:
                - id: act
                  command: {argv: [echo, "${{ item }}"]}
                  maxTargets: 1/1h
                  onFailure: continue
        """);
    env.guardRails.setAutonomy("m-rails", dev.runbooks.language.model.Autonomy.DRY_RUN, "test");
    Map<String, Object> guarded = env.start("m-guarded", Map.of("base", base)).getResult(Map.class);
    Map<String, Object> dry = env.start("m-rails", Map.of()).getResult(Map.class);
    env.guardRails.clearAutonomy("m-rails");
    Map<String, Object> refused = env.start("m-rails", Map.of()).getResult(Map.class);
    assertThat(List.of(guarded, dry, refused))
        .extracting(r -> r.get("outcome"))
        .containsExactly("guarded", "resolved", "resolved");
    env.close();
    env = null;
    metrics.close();

    assertThat(count("runbook.guard.stops", "runbook", "m-guarded", "rail", "guard")).isEqualTo(1);
    assertThat(count("runbook.autonomy.steps", "runbook", "m-rails", "mode", "dry-run"))
        .as("both items of the dry-run run")
        .isEqualTo(2);
    assertThat(count("runbook.blast.radius.refusals", "runbook", "m-rails", "step", "act"))
        .as("the second distinct target of the auto run")
        .isEqualTo(1);
    assertThat(count("runbook.runs.completed", "runbook", "m-guarded", "outcome", "guarded"))
        .isEqualTo(1);
  }

  private long stepCount(String runbook, String type, String outcome) {
    return registry
        .find("runbook.step.duration")
        .tags("runbook", runbook, "step_type", type, "outcome", outcome)
        .timers()
        .stream()
        .mapToLong(Timer::count)
        .sum();
  }

  private Timer timer(String name, String... tags) {
    List<Timer> timers = List.copyOf(registry.find(name).tags(tags).timers());
    assertThat(timers).as("%s %s", name, List.of(tags)).hasSize(1);
    return timers.get(0);
  }

  private long count(String name, String... tags) {
    return Math.round(
        registry.find(name).tags(tags).meters().stream()
            .filter(Counter.class::isInstance)
            .map(Counter.class::cast)
            .mapToDouble(Counter::count)
            .sum());
  }
}
