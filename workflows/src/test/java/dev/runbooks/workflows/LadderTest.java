package dev.runbooks.workflows;

import static dev.runbooks.workflows.RunbookTestEnv.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Escalation ladders: tier 1 at once, the next tier when nobody acknowledged in time, an
 * acknowledgement stops the climb, and a ladder nobody acknowledges gives up.
 */
class LadderTest extends EscalationTestBase {
  static final String LADDER =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: ladder}
      inputs:
        wait: {type: string, default: 10m}
      steps:
        - id: page
          escalate:
            summary: disk full
            severity: critical
            details: {disk: /var}
            ladder:
              - route: oncall
              - route: chat
                after: ${{ inputs.wait }}
              - route: engineering
                after: 20m
            giveUpAfter: 30m
        - id: then
          log: "acknowledged by ${{ steps.page.result.acknowledgedBy }} at tier ${{ steps.page.result.tier }}"
      """;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> report(WorkflowStub run) {
    return run.getResult(Map.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(Map<String, Object> report, String id) {
    return (Map<String, Object>) step(report, id).get("result");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAcknowledgementAtTierOneStopsTheClimbAndIsAudited() throws Exception {
    WorkflowStub run = env.start(env.publish(LADDER), Map.of());
    Map<String, Object> waiting = awaitWaiting(run, w -> "page".equals(w.get("step")));
    assertThat(waiting)
        .containsEntry("kind", "acknowledgement")
        .containsEntry("summary", "disk full")
        .containsEntry("tier", 1)
        .containsEntry("tiers", 3)
        .containsEntry("route", "oncall")
        .containsEntry("nextTier", 2)
        .containsEntry("nextRoute", "chat")
        .containsKey("nextAt");
    assertThat(status(run).get("currentSteps")).isEqualTo(List.of("page"));

    run.signal("acknowledge", Map.of("by", "alice", "comment", "on it"));
    Map<String, Object> report = report(run);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(result(report, "page"))
        .containsEntry("acknowledged", true)
        .containsEntry("acknowledgedBy", "alice")
        .containsEntry("comment", "on it")
        .containsEntry("tier", 1)
        .containsEntry("route", "oncall");
    assertThat(step(report, "then").get("result").toString())
        .contains("acknowledged by alice at tier 1");
    String id = report.get("workflowId").toString();
    assertThat(pagerDutyEvents("/pd")).containsExactly("trigger " + id, "resolve " + id);
    assertThat(http.hits("/chat") + http.hits("/pd-eng")).isZero();
    Map<String, Object> posted = (Map<String, Object>) http.json("/pd").get(0);
    assertThat(posted.toString()).contains("tier 1 of 3", "bin/runbook ack " + id, "disk=/var");
    assertThat(env.audit.values())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.action()).isEqualTo("escalation.acknowledge");
              assertThat(r.target()).isEqualTo("oncall");
              assertThat(r.details()).containsEntry("by", "alice").containsEntry("route", "oncall");
              assertThat(String.valueOf(r.details().get("tier"))).isEqualTo("1");
            });
  }

  @Test
  void withoutAnAcknowledgementTheNextTierIsPostedAfterItsWait() throws Exception {
    WorkflowStub run = env.start(env.publish(LADDER), Map.of());
    awaitWaiting(run, w -> Integer.valueOf(1).equals(w.get("tier")));
    assertThat(http.hits("/chat")).isZero();

    env.env.sleep(Duration.ofMinutes(11));
    Map<String, Object> waiting = awaitWaiting(run, w -> Integer.valueOf(2).equals(w.get("tier")));
    assertThat(waiting).containsEntry("route", "chat").containsEntry("nextRoute", "engineering");
    assertThat(http.hits("/chat")).isEqualTo(1);
    assertThat(http.hits("/pd-eng")).isZero();

    run.signal("acknowledge", Map.of("by", "bob", "step", "page"));
    Map<String, Object> report = report(run);
    assertThat(result(report, "page"))
        .containsEntry("acknowledgedBy", "bob")
        .containsEntry("tier", 2)
        .containsEntry("route", "chat");
    assertThat((List<?>) result(report, "page").get("tiers")).hasSize(2);
    assertThat(http.hits("/pd-eng")).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLadderNobodyAcknowledgesPostsEveryTierAndGivesUp() {
    Map<String, Object> report = report(env.start(env.publish(LADDER), Map.of()));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(report.get("failedStep")).isEqualTo("page");
    Map<String, Object> page = step(report, "page");
    Map<String, Object> error = (Map<String, Object>) page.get("error");
    assertThat(error).containsEntry("type", "EscalationUnacknowledged");
    assertThat(error.get("message").toString())
        .contains("3 tiers posted [oncall, chat, engineering]", "within 30m (giveUpAfter)");
    Map<String, Object> result = (Map<String, Object>) page.get("result");
    assertThat(result).containsEntry("acknowledged", false).containsEntry("tier", 3);
    assertThat(http.hits("/pd") + http.hits("/chat") + http.hits("/pd-eng")).isEqualTo(3);
    assertThat(pagerDutyEvents("/pd")).noneMatch(e -> e.startsWith("resolve"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTierThatCannotBePostedClimbsAtOnce() throws Exception {
    http.script("/pd", 400);
    WorkflowStub run = env.start(env.publish(LADDER), Map.of());
    Map<String, Object> waiting = awaitWaiting(run, w -> Integer.valueOf(2).equals(w.get("tier")));
    assertThat(waiting).containsEntry("route", "chat");

    run.signal("acknowledge", Map.of("by", "carol"));
    Map<String, Object> report = report(run);
    List<Map<String, Object>> tiers =
        (List<Map<String, Object>>) result(report, "page").get("tiers");
    assertThat(tiers.get(0)).containsEntry("delivered", false);
    assertThat(tiers.get(0).get("error").toString()).contains("EscalationRejected");
    assertThat(tiers.get(1)).containsEntry("delivered", true);
    Duration between =
        Duration.between(
            Instant.parse(tiers.get(0).get("postedAt").toString()),
            Instant.parse(tiers.get(1).get("postedAt").toString()));
    assertThat(between).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void whenNoTierCanBePostedTheStepFailsWithTheLastError() {
    http.script("/pd", 400);
    Map<String, Object> report =
        env.run(
            """
            apiVersion: runbooks.dev/v1
            kind: Runbook
            metadata: {name: lone}
            steps:
              - id: page
                escalate: {summary: s, ladder: [{route: oncall}]}
            """,
            Map.of());

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(step(report, "page").get("error").toString()).contains("EscalationRejected");
  }

  @Test
  @SuppressWarnings("unchecked")
  void acknowledgementsThatFindNoLadderOrNameNoStepAreIgnored() throws Exception {
    WorkflowStub run =
        env.start(
            env.publish(
                """
                apiVersion: runbooks.dev/v1
                kind: Runbook
                metadata: {name: two-ladders}
                steps:
                  - id: nap
                    sleep: 1h
                  - id: both
                    parallel:
                      branches:
                        - steps:
                            - id: db
                              escalate: {summary: db, ladder: [{route: oncall}]}
                        - steps:
                            - id: app
                              escalate: {summary: app, ladder: [{route: chat}]}
                """),
            Map.of());
    awaitWaiting(run, w -> "nap".equals(w.get("step")));
    run.signal("acknowledge", Map.of("by", "early"));
    env.env.sleep(Duration.ofMinutes(61));
    awaitWaiting(run, w -> "app".equals(w.get("step")));
    awaitWaiting(run, w -> "db".equals(w.get("step")));
    run.signal("acknowledge", Map.of("by", "vague"));
    run.signal("acknowledge", Map.of("by", "lost", "step", "nap"));
    run.signal("acknowledge", Map.of("by", "dana", "step", "db"));
    run.signal("acknowledge", Map.of("by", "dana", "step", "db"));
    run.signal("acknowledge", Map.of("by", "erin", "step", "app"));
    Map<String, Object> report = report(run);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    List<Object> ignored =
        events(report, "acknowledge").stream().map(e -> e.get("ignored")).toList();
    assertThat(ignored.get(0)).isEqualTo("no escalation is waiting for an acknowledgement");
    assertThat(ignored.get(1).toString()).startsWith("several escalations are waiting");
    assertThat(ignored.get(2).toString()).startsWith("step nap is not waiting");
    assertThat(ignored.get(3)).isNull();
    assertThat(ignored.get(4).toString()).containsAnyOf("already acknowledged by dana", "step db");
    assertThat(ignored.get(5)).isNull();
    assertThat(result(report, "db")).containsEntry("acknowledgedBy", "dana");
    assertThat(result(report, "app")).containsEntry("acknowledgedBy", "erin");
  }

  @Test
  void aBadAfterFromRunDataIsInvalidStepConfig() {
    Map<String, Object> report = report(env.start(env.publish(LADDER), Map.of("wait", "soon")));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(step(report, "page").get("error").toString())
        .contains("InvalidStepConfig", "escalate.ladder[1].after", "invalid duration 'soon'");
    assertThat(http.hits("/pd")).isZero();
  }

  @Test
  void abortEndsTheWaitAndADryRunPostsNothing() throws Exception {
    WorkflowStub run = env.start(env.publish(LADDER), Map.of());
    awaitWaiting(run, w -> "page".equals(w.get("step")));
    run.signal("abort", Map.of("by", "frank", "reason", "false alarm"));
    Map<String, Object> aborted = report(run);
    assertThat(aborted.get("outcome")).isEqualTo("aborted");
    assertThat(step(aborted, "page").get("status")).isEqualTo("cancelled");
    assertThat(status(run).get("waiting")).isEqualTo(List.of());

    int posts = http.hits("/pd");
    String lone =
        env.publish(
            """
            apiVersion: runbooks.dev/v1
            kind: Runbook
            metadata: {name: dry-ladder}
            steps:
              - id: page
                escalate: {summary: s, ladder: [{route: oncall}, {route: chat, after: 5m}]}
            """);
    Map<String, Object> dry = report(env.start(lone, Map.of(), Map.of("dryRun", true)));
    assertThat(dry.get("outcome")).isEqualTo("resolved");
    assertThat(step(dry, "page").get("status")).isEqualTo("dry-run");
    assertThat(dry.get("events").toString()).contains("event=wouldRun", "kind=escalate", "ladder");
    assertThat(http.hits("/pd")).isEqualTo(posts);
  }
}
