package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.language.model.Autonomy;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guard rails a run applies before each mutating step, on the in-memory Temporal with real HTTP
 * calls: stop when the alert resolved, guards, autonomy approve and dry-run, blast radius.
 */
class GuardRailsTest extends WorkflowTestBase {

  /** A mutating step with a compensation, a pause for a person, a second mutation, a finally. */
  private static final String TWO_MUTATIONS =
      header("resolving")
          + """
          steps:
            - id: first
              http: {method: POST, url: "${{ inputs.base }}/json/first"}
              compensate:
                - id: undo
                  http: {method: POST, url: "${{ inputs.base }}/json/undo"}
            - id: pause
              approval: {prompt: "go on?", timeout: 30m}
            - id: second
              http: {method: POST, url: "${{ inputs.base }}/json/second"}
          finally:
            - id: tidy
              http: {url: "${{ inputs.base }}/json/tidy"}
          """;

  @Test
  void aResolveArrivingMidRunStopsBeforeTheNextMutation() throws Exception {
    String name = env.publish(TWO_MUTATIONS);
    WorkflowStub run =
        env.start(name, Map.of("base", http.url()), Map.of("onResolved", "stopBeforeMutation"));
    awaitWaiting(run);
    run.signal(RunbookWorkflow.SIGNAL_ALERT_RESOLVED, Map.of("fingerprint", "f1"));
    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> report = result(run);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved-externally");
    assertThat(http.hits("/json/first")).isEqualTo(1);
    assertThat(http.hits("/json/second")).as("the next mutating step never ran").isZero();
    assertThat(http.hits("/json/undo")).as("no compensation").isZero();
    assertThat(http.hits("/json/tidy")).as("finally ran").isEqualTo(1);
    assertThat(events(report, "resolvedExternally"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("step")).isEqualTo("second"));
  }

  @Test
  void stopBeforeMutationSurvivesContinueAsNew() {
    String yaml =
        header("resolving-long")
            + """
            steps:
              - id: first
                http: {method: POST, url: "${{ inputs.base }}/json/first"}
              - id: wait
                waitUntil:
                  probe: {http: {url: "${{ inputs.base }}/flip/1000000"}}
                  condition: result.body.ready
                  interval: 1m
                  deadline: 3h
                  onTimeout: continue
              - id: second
                http: {method: POST, url: "${{ inputs.base }}/json/second"}
            """;
    WorkflowStub first =
        env.start(
            env.publish(yaml),
            Map.of("base", http.url()),
            Map.of("onResolved", "stopBeforeMutation", "historyLimits", Map.of("events", 100)));
    env.env.sleep(Duration.ofHours(2));
    WorkflowStub latest = env.client.newUntypedWorkflowStub(first.getExecution().getWorkflowId());
    assertThat(status(latest).get("runId"))
        .as("the run continued as new")
        .isNotEqualTo(first.getExecution().getRunId());
    latest.signal(RunbookWorkflow.SIGNAL_ALERT_RESOLVED, Map.of("fingerprint", "f1"));
    Map<String, Object> report = result(latest);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved-externally");
    assertThat(http.hits("/json/first")).isEqualTo(1);
    assertThat(http.hits("/json/second")).isZero();
  }

  @Test
  void withoutStopBeforeMutationAResolveChangesNothing() throws Exception {
    String name = env.publish(TWO_MUTATIONS);
    WorkflowStub run = env.start(name, Map.of("base", http.url()));
    awaitWaiting(run);
    run.signal(RunbookWorkflow.SIGNAL_ALERT_RESOLVED, Map.of("fingerprint", "f1"));
    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> report = result(run);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.hits("/json/second")).isEqualTo(1);
  }

  @Test
  void aFailingGuardRunsItsHandlerAndStopsTheRunGuarded() {
    http.script("/json/health", 200, 503);
    Map<String, Object> report =
        env.run(
            header("guarded")
                + """
                guards:
                  - id: healthy
                    http: {url: "${{ inputs.base }}/json/health"}
                    retry: {maxAttempts: 1}
                    onFailure:
                      - id: tell
                        http: {url: "${{ inputs.base }}/json/told"}
                steps:
                  - id: look
                    http: {url: "${{ inputs.base }}/json/look"}
                  - id: first
                    http: {method: POST, url: "${{ inputs.base }}/json/first"}
                    compensate:
                      - id: undo
                        http: {method: POST, url: "${{ inputs.base }}/json/undo"}
                  - id: second
                    http: {method: POST, url: "${{ inputs.base }}/json/second"}
                finally:
                  - id: tidy
                    http: {url: "${{ inputs.base }}/json/tidy"}
                """,
            Map.of("base", http.url()));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("guarded");
    assertThat(http.hits("/json/health")).as("checked before each mutating step").isEqualTo(2);
    assertThat(http.hits("/json/first")).isEqualTo(1);
    assertThat(http.hits("/json/second")).isZero();
    assertThat(http.hits("/json/told")).as("the guard's handler ran").isEqualTo(1);
    assertThat(http.hits("/json/undo")).as("no compensation").isZero();
    assertThat(http.hits("/json/tidy")).as("finally ran").isEqualTo(1);
    assertThat(step(report, "healthy").get("status")).isEqualTo("failed");
    assertThat(String.valueOf(report.get("message"))).contains("guard healthy", "second");
    assertThat(events(report, "guardStopped"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("guard")).isEqualTo("healthy"));
  }

  private static final String APPROVED =
      header("approved")
          + """
          autonomy: approve
          steps:
            - id: look
              http: {url: "${{ inputs.base }}/json/look"}
            - id: bounce
              http: {method: POST, url: "${{ inputs.base }}/json/bounce"}
          """;

  @Test
  @SuppressWarnings("unchecked")
  void underApproveAMutatingStepWaitsForAnApprovalThenRuns() throws Exception {
    WorkflowStub run = env.start(env.publish(APPROVED), Map.of("base", http.url()));
    awaitWaiting(run);
    Map<String, Object> waiting = ((List<Map<String, Object>>) status(run).get("waiting")).get(0);
    assertThat(waiting.get("step")).isEqualTo("bounce");
    assertThat(String.valueOf(waiting.get("prompt"))).contains("bounce", "autonomy approve");
    assertThat(http.hits("/json/look")).as("read-only steps do not wait").isEqualTo(1);
    assertThat(http.hits("/json/bounce")).isZero();

    env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice"));
    Map<String, Object> report = result(run);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.hits("/json/bounce")).isEqualTo(1);
    assertThat(events(report, "autonomy"))
        .singleElement()
        .satisfies(e -> assertThat(e.get("mode")).isEqualTo("approve"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void underApproveARejectedMutationFailsWithMutationRejected() throws Exception {
    WorkflowStub run = env.start(env.publish(APPROVED), Map.of("base", http.url()));
    awaitWaiting(run);
    env.decide(run, DecisionAction.REJECT, Map.of("approver", "bob", "comment", "not now"));
    Map<String, Object> report = result(run);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(http.hits("/json/bounce")).isZero();
    Map<String, Object> error = (Map<String, Object>) step(report, "bounce").get("error");
    assertThat(error.get("type")).isEqualTo("MutationRejected");
    assertThat(String.valueOf(error.get("message"))).contains("bob", "not now");
  }

  @Test
  void underApproveOnlyTheRunbooksApproversMayApproveAMutation() throws Exception {
    String name =
        env.publish(
            header("approved-by-leads")
                + """
                autonomy: approve
                access:
                  approve: [group:sre-leads]
                steps:
                  - id: bounce
                    http: {method: POST, url: "${{ inputs.base }}/json/bounce"}
                """);
    WorkflowStub run = env.start(name, Map.of("base", http.url()));
    awaitWaiting(run);

    assertThat(env.decide(run, DecisionAction.APPROVE, Map.of("approver", "alice")).result())
        .isEqualTo(dev.runbooks.api.DecisionAnswer.Result.NOT_ALLOWED);
    assertThat(http.hits("/json/bounce")).isZero();
    assertThat(
            env.decide(
                    run,
                    DecisionAction.APPROVE,
                    Map.of("approver", "carol", "groups", List.of("sre-leads")))
                .result())
        .isEqualTo(dev.runbooks.api.DecisionAnswer.Result.ACCEPTED);
    assertThat(result(run).get("outcome")).isEqualTo("resolved");
    assertThat(http.hits("/json/bounce")).isEqualTo(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anOperatorsDryRunOverrideRecordsTheMutationWithoutRunningIt() {
    env.guardRails.setAutonomy("dry", Autonomy.DRY_RUN, "override by alice: testing");
    Map<String, Object> report =
        env.run(
            header("dry")
                + """
                steps:
                  - id: look
                    http: {url: "${{ inputs.base }}/json/look"}
                  - id: bounce
                    http: {method: POST, url: "${{ inputs.base }}/json/bounce"}
                """,
            Map.of("base", http.url()));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.hits("/json/look")).isEqualTo(1);
    assertThat(http.hits("/json/bounce")).as("no activity for the mutating step").isZero();
    Map<String, Object> result = (Map<String, Object>) step(report, "bounce").get("result");
    assertThat(result).containsEntry("dryRun", true).containsEntry("wouldRun", "http");
    assertThat(events(report, "autonomy"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("mode")).isEqualTo("dry-run");
              assertThat(e.get("reason")).isEqualTo("override by alice: testing");
            });
  }

  @Test
  void theBlastRadiusRefusesTheNextDistinctTargetAcrossAForeach() {
    Map<String, Object> report =
        env.run(
            header("blast")
                + """
                steps:
                  - id: each
                    foreach:
                      items: '["a", "b", "a", "c"]'
                      concurrency: 1
                      steps:
                        - id: act
                          command: {argv: [echo, "${{ item }}"]}
                          maxTargets: 2/1h
                          onFailure:
                            - id: refused
                              http: {url: "${{ inputs.base }}/json/refused-${{ item }}"}
                """,
            Map.of("base", http.url()));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.hits("/json/refused-c")).as("the third distinct target").isEqualTo(1);
    assertThat(http.hits("/json/refused-a") + http.hits("/json/refused-b")).isZero();
    assertThat(env.guardRails.targets("blast", "act", Duration.ofHours(1).toMillis()))
        .containsExactly("echo a", "echo b");
    assertThat(events(report, "blastRadius"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("target")).isEqualTo("echo c");
              assertThat(e.get("maxTargets")).isEqualTo("2/1h");
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(WorkflowStub run) {
    return run.getResult(Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> status(WorkflowStub run) {
    return run.query(RunbookWorkflow.QUERY_STATUS, Map.class);
  }

  private static void awaitWaiting(WorkflowStub run) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (!((List<?>) status(run).get("waiting")).isEmpty()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("run never started waiting: " + status(run));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> events(Map<String, Object> report, String kind) {
    return ((List<Map<String, Object>>) report.get("events"))
        .stream().filter(e -> kind.equals(e.get("event"))).toList();
  }
}
