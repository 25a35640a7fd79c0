package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Replays recorded histories through the current interpreter: if a change alters the sequence of
 * commands the interpreter issues for an existing run, replay fails here before it fails in
 * production. Histories are recorded with {@code -Dreplay.record=true} (see {@link #record()}):
 * that writes the histories that are not there yet and keeps the others, which are the runs of
 * earlier versions; {@code -Dreplay.overwrite=true} records every one again.
 */
class ReplayTest {
  static final Path DIR = Path.of("src/test/resources/replay");

  @Test
  void recordedHistoriesReplayWithoutNondeterminism() throws Exception {
    List<Path> files;
    try (Stream<Path> s = Files.list(DIR)) {
      files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(3);
    // A cold CEL runtime takes longer than the replayer's 1 s deadlock detector; workers warm it
    // at start-up the same way.
    dev.runbooks.language.compile.RunbookCompiler.standard().compile(CONTROL, "warm-up.yaml");
    dev.runbooks.language.expr.Expressions.standard().evaluate("1 == 1", Map.of());
    for (Path file : files) {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      WorkflowReplayer.replayWorkflowExecution(json, RunbookWorkflowImpl.class);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "replay.record", matches = "true")
  void record() throws Exception {
    Files.createDirectories(DIR);
    try (TestHttp http = new TestHttp();
        RunbookTestEnv env =
            new RunbookTestEnv(List.of(EscalationTestBase.escalateExecutor(http)))) {
      http.bodies.put("circuits", "{\"open\":[\"db\",\"llm\",\"cache\"]}");
      Map<String, Object> base = Map.of("base", http.url());
      if (missing("control-flow")) {
        save(env, "control-flow", env.start(env.publish(CONTROL), base));
      }
      if (missing("composite-timeout")) {
        save(env, "composite-timeout", env.start(env.publish(TIMEOUTS), base));
      }
      if (missing("saga-each")) {
        save(env, "saga-each", env.start(env.publish(SAGA_EACH), base));
      }
      if (missing("saga")) {
        save(env, "saga", env.start(env.publish(SAGA), base));
      }
      if (missing("approval")) {
        WorkflowStub gated = env.start(env.publish(GATED), Map.of());
        Thread.sleep(1500);
        gated.signal("approve", Map.of("approver", "alice", "comment", "ok"));
        save(env, "approval", gated);
      }
      if (missing("approval-rules")) {
        WorkflowStub ruled =
            env.start(
                env.publish(RULED),
                Map.of(),
                Map.of("startedBy", Map.of("name", "carol", "groups", List.of("sre"))));
        Thread.sleep(1500);
        ruled.signal("approve", Map.of("approver", "alice"));
        env.decide(ruled, DecisionAction.APPROVE, Map.of("approver", "alice"));
        env.decide(
            ruled, DecisionAction.APPROVE, Map.of("approver", "bob", "groups", List.of("sre")));
        save(env, "approval-rules", ruled);
      }
      if (missing("auto-resolve")) {
        save(env, "auto-resolve", env.start(env.publish(AUTO_RESOLVE), Map.of()));
      }
      if (missing("ladder")) {
        WorkflowStub ladder = env.start(env.publish(LADDER), Map.of());
        Thread.sleep(1500);
        env.env.sleep(java.time.Duration.ofMinutes(11));
        Thread.sleep(1500);
        ladder.signal("acknowledge", Map.of("by", "alice", "comment", "mine"));
        save(env, "ladder", ladder);
      }
      if (missing("approval-notify")) {
        WorkflowStub notified = env.start(env.publish(NOTIFY), Map.of());
        Thread.sleep(2000);
        notified.signal("approve", Map.of("approver", "alice"));
        save(env, "approval-notify", notified);
      }
      if (missing("continue-as-new-1")) {
        WorkflowStub continued =
            env.start(env.publish(CONTINUED), base, Map.of("historyLimits", Map.of("events", 60)));
        continued.getResult(Map.class);
        String id = continued.getExecution().getWorkflowId();
        String runId = continued.getExecution().getRunId();
        for (int n = 1; runId != null && n <= 2; n++) {
          var history = env.client.fetchHistory(id, runId);
          Files.writeString(
              DIR.resolve("continue-as-new-" + n + ".json"),
              history.toJson(true),
              StandardCharsets.UTF_8);
          var last = history.getLastEvent();
          runId =
              last.hasWorkflowExecutionContinuedAsNewEventAttributes()
                  ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
                  : null;
        }
      }
      if (missing("approval-waiting")) {
        WorkflowStub waiting = env.start(env.publish(TWO_APPROVALS), Map.of());
        Thread.sleep(1500);
        waiting.signal("approve", Map.of("approver", "alice", "step", "first"));
        Thread.sleep(1500);
        waiting.signal("approve", Map.of("approver", "bob", "step", "second"));
        save(env, "approval-waiting", waiting);
      }
      if (missing("dry-run")) {
        http.bodies.put("circuits", "{\"open\":[\"db\"]}");
        save(env, "dry-run", env.start(env.publish(DRY_RUN), base, Map.of("dryRun", true)));
      }
      if (missing("dry-run-results")) {
        http.bodies.put("health", "{\"ok\":false}");
        save(
            env,
            "dry-run-results",
            env.start(
                env.publish(
                    DRY_RUN_RESULTS_HEADER.replace("NAME", "replay-dry-run-results")
                        + DryRunResultsTest.RUNBOOK),
                base,
                Map.of("dryRun", true)));
      }
      if (missing("heartbeat")) {
        save(env, "heartbeat", env.start(env.publish(HEARTBEAT), base));
      }
      if (missing("guard-rails")) {
        WorkflowStub railed =
            env.start(env.publish(GUARD_RAILS), base, Map.of("onResolved", "stopBeforeMutation"));
        for (int approvals = 0; approvals < 3; approvals++) { // bounce, act a, act b
          Thread.sleep(2000);
          env.decide(railed, DecisionAction.APPROVE, Map.of("approver", "alice"));
        }
        save(env, "guard-rails", railed);
      }
      if (missing("local-probes")) {
        http.script("/json/flaky", 503);
        save(
            env,
            "local-probes",
            env.start(
                env.publish(LocalProbesTest.RUNBOOK.replace("NAME", "replay-local-probes")), base));
      }
      if (missing("resource-locks")) {
        WorkflowStub holder = env.start(env.publish(LOCK_HOLDER), Map.of());
        Thread.sleep(1500);
        WorkflowStub waiter = env.start(env.publish(LOCK_WAITER), Map.of());
        Thread.sleep(1500);
        save(env, "resource-locks", waiter);
        holder.getResult(Map.class);
      }
    }
  }

  private static boolean missing(String name) {
    return Boolean.getBoolean("replay.overwrite") || !Files.exists(DIR.resolve(name + ".json"));
  }

  private static void save(RunbookTestEnv env, String name, WorkflowStub run) throws IOException {
    run.getResult(Map.class);
    String id = run.getExecution().getWorkflowId();
    String json = env.client.fetchHistory(id).toJson(true);
    Files.writeString(DIR.resolve(name + ".json"), json, StandardCharsets.UTF_8);
  }

  /**
   * Every guard rail of a run: a guard before each mutating step, autonomy approve (three
   * approvals), a blast radius across a foreach whose third distinct target is refused (before it
   * waits) and handled, a trigger that stops before mutating once the alert resolves (it does not),
   * and a finally.
   */
  static final String GUARD_RAILS =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-guard-rails
      autonomy: approve
      inputs:
        base: {type: string, required: true}
      guards:
        - id: healthy
          http: {url: "${{ inputs.base }}/json/health"}
      steps:
        - id: look
          http: {url: "${{ inputs.base }}/json/look"}
        - id: bounce
          http: {method: POST, url: "${{ inputs.base }}/json/bounce"}
          maxTargets: 3/1h
        - id: each
          foreach:
            items: '["a", "b", "c"]'
            steps:
              - id: act
                command: {argv: [echo, "${{ item }}"], mutating: true}
                maxTargets: 2/1h
                onFailure:
                  - id: refused
                    log: "refused ${{ item }}: ${{ error.type }}"
      finally:
        - id: tidy
          log: done
      """;

  /** Holds the lock {@code service/replay} for its whole run (a minute's sleep). */
  static final String LOCK_HOLDER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-lock-holder
      lock: service/replay
      steps:
        - id: work
          sleep: 1m
      """;

  /**
   * Holds its own runbook lock and waits for {@code service/replay} around one step ({@code
   * lockBusy}, then {@code lockGranted} when the holder ends).
   */
  static final String LOCK_WAITER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-lock-waiter
      lock: "team/${{ run.runbook }}"
      steps:
        - id: act
          log: acting
          lock: service/replay
          lockTimeout: 5m
        - id: after
          log: after
      """;

  /** An approval with rules: users and a group, four eyes and a quorum of two, via engine. */
  static final String RULED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-approval-rules
      steps:
        - id: gate
          approval:
            prompt: "delete?"
            approvers: [alice, group:sre]
            distinct: true
            required: 2
            timeout: 1h
        - id: done
          log: "approved by ${{ steps.gate.result.approver }}"
      """;

  static final String CONTROL =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-control
      inputs:
        base: {type: string, required: true}
      steps:
        - id: list
          http: {url: "${{ inputs.base }}/json/circuits"}
          outputs:
            open: result.body.open
        - id: each
          foreach:
            items: steps.list.outputs.open
            concurrency: 2
            steps:
              - id: reset
                http: {method: POST, url: "${{ inputs.base }}/json/reset-${{ item }}"}
        - id: checks
          parallel:
            join: any
            branches:
              - steps: [{id: quick, log: fast}]
              - steps: [{id: slow, sleep: 1h}]
        - id: route
          switch:
            cases:
              - when: size(steps.list.outputs.open) > 2
                steps: [{id: many, log: "many open"}]
            default: [{id: few, log: "few open"}]
        - id: recovered
          waitUntil:
            probe: {http: {url: "${{ inputs.base }}/flip/2"}}
            condition: result.body.ready
            interval: 1m
            deadline: 10m
      """;

  /** A run that continues as new inside a foreach item's waitUntil (recorded with 60 events). */
  static final String CONTINUED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-continued
      inputs:
        base: {type: string, required: true}
      steps:
        - id: drain
          log: draining
          compensate: [{id: undrain, log: undrain}]
        - id: each
          foreach:
            items: '["a", "b"]'
            steps:
              - id: wait
                waitUntil:
                  probe: {http: {url: "${{ inputs.base }}/flip/6"}}
                  condition: result.body.ready
                  interval: 1m
                  deadline: 1h
        - id: after
          log: "done after ${{ steps.wait.result.probes }} probes"
      """;

  /** Composite steps with timeouts (change id composite-timeouts): one passes, two do not. */
  static final String TIMEOUTS =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-timeouts
      inputs:
        base: {type: string, required: true}
      steps:
        - id: race
          timeout: 5m
          parallel:
            branches:
              - steps: [{id: fast, log: fast}]
              - steps: [{id: nap, sleep: 1h}]
          onFailure: continue
        - id: each
          timeout: 1h
          foreach:
            items: "['db', 'llm']"
            steps:
              - id: reset
                http: {method: POST, url: "${{ inputs.base }}/json/reset-${{ item }}"}
        - id: pause
          timeout: 1m
          sleep: 10m
          onFailure:
            - id: note
              log: "pause: ${{ error.type }}"
      """;

  /** Compensations registered in foreach iterations (change id compensation-scope). */
  static final String SAGA_EACH =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-saga-each
      inputs:
        base: {type: string, required: true}
      steps:
        - id: each
          foreach:
            items: "['db', 'llm']"
            steps:
              - id: lock
                http: {method: POST, url: "${{ inputs.base }}/json/lock-${{ item }}"}
                compensate:
                  - id: unlock
                    when: item == 'db'
                    http: {method: POST, url: "${{ inputs.base }}/json/unlock-${{ item }}"}
        - id: boom
          fail: broken
      """;

  static final String SAGA =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-saga
      inputs:
        base: {type: string, required: true}
      steps:
        - id: drain
          log: draining
          compensate: [{id: undrain, log: undrain}]
        - id: flaky
          http: {url: "${{ inputs.base }}/status/503"}
          retry: {maxAttempts: 2, initialInterval: 1s}
          onFailure:
            - id: note
              log: "flaky failed: ${{ error.type }}"
        - id: stop
          fail: {message: giving up, outcome: escalated}
      finally:
        - id: always
          log: done
      """;

  static final String AUTO_RESOLVE =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-auto-resolve
      steps:
        - id: page
          escalate: {route: oncall, summary: disk full, severity: critical}
        - id: kept
          escalate: {route: oncall, summary: kept open, dedupKey: kept, autoResolve: false}
        - id: fixed
          log: fixed
      finally:
        - id: always
          log: done
      """;

  static final String LADDER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-ladder
      steps:
        - id: page
          escalate:
            summary: disk full
            ladder:
              - route: oncall
              - route: chat
                after: 10m
              - route: engineering
                after: 20m
            giveUpAfter: 30m
        - id: taken
          log: "taken by ${{ steps.page.result.acknowledgedBy }}"
      """;

  static final String NOTIFY =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-approval-notify
      steps:
        - id: ask
          approval:
            prompt: "purge the DLQ?"
            approvers: [alice]
            timeout: 1h
            notify: [chat, oncall]
        - id: go
          log: "approved by ${{ steps.ask.result.approver }}"
      """;

  /** Two approvals pending at once: ApprovalWaitingSince is set, kept, then unset. */
  static final String TWO_APPROVALS =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-two-approvals
      steps:
        - id: both
          parallel:
            branches:
              - steps: [{id: first, approval: {prompt: "first?", timeout: 1h}}]
              - steps: [{id: second, approval: {prompt: "second?", timeout: 1h}}]
        - id: go
          log: both approved
      """;

  /** A dry run: a probe that runs, a mutating HTTP call and a command that are only recorded. */
  static final String DRY_RUN =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-dry-run
      inputs:
        base: {type: string, required: true}
      steps:
        - id: list
          http: {url: "${{ inputs.base }}/json/circuits"}
          outputs:
            open: result.body.open
        - id: reset
          http: {method: POST, url: "${{ inputs.base }}/json/reset-${{ steps.list.outputs.open[0] }}"}
        - id: wipe
          command:
            argv: ["rm", "-rf", "/tmp/runbook-dry-run-must-not-run"]
        - id: after
          log: "would have reset ${{ steps.list.outputs.open[0] }}"
      """;

  /** The header of the truthful dry run's runbook ({@link DryRunResultsTest#RUNBOOK}). */
  static final String DRY_RUN_RESULTS_HEADER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: NAME
      inputs:
        base: {type: string, required: true}
      """;

  static final String GATED =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-gated
      steps:
        - id: ask
          approval: {prompt: "restart?", approvers: [alice], timeout: 2h}
        - id: nap
          sleep: 5m
        - id: go
          log: "approved by ${{ steps.ask.result.approver }}"
      """;

  /**
   * Steps whose kind heartbeats. {@code heartbeat-v0.json} was recorded before their activities had
   * a heartbeat timeout ({@code ActivityTimeouts}), {@code heartbeat.json} with it: the timeout is
   * an attribute of the schedule command, and both replay.
   */
  static final String HEARTBEAT =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata:
        name: replay-heartbeat
      inputs:
        base: {type: string, required: true}
      steps:
        - id: probe
          http: {url: "${{ inputs.base }}/json/circuits"}
        - id: first
          command: {argv: ["true"]}
        - id: second
          command: {argv: ["echo", "done"]}
          timeout: 2m
      """;
}
