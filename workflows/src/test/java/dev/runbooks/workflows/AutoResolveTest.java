package dev.runbooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PagerDuty incidents a run triggered are resolved when, and only when, the run ends resolved. */
class AutoResolveTest extends EscalationTestBase {
  static final String PAGES =
      """
      apiVersion: runbooks.dev/v1
      kind: Runbook
      metadata: {name: pages}
      inputs:
        base: {type: string, required: true}
        fail: {type: bool, default: false}
      steps:
        - id: page
          escalate: {route: oncall, summary: disk full, severity: critical}
        - id: page_again
          escalate: {route: oncall, summary: disk still full}
        - id: page_direct
          escalate:
            route: pagerduty
            url: ${{ inputs.base }}/pd-direct
            routingKey: {secretRef: env:PD_KEY}
            dedupKey: direct-1
            summary: direct
        - id: page_kept
          escalate: {route: oncall, summary: kept, dedupKey: kept-1, autoResolve: false}
        - id: chat
          escalate: {route: chat, summary: fyi}
        - id: maybe_fail
          when: inputs.fail
          fail: broken
      finally:
        - id: tidy
          log: tidy
      """;

  @Test
  @SuppressWarnings("unchecked")
  void aResolvedRunResolvesEachIncidentItTriggeredOnceAfterFinally() {
    Map<String, Object> report = env.run(PAGES, Map.of("base", http.url()));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    String id = report.get("workflowId").toString();
    assertThat(pagerDutyEvents("/pd"))
        .containsExactly("trigger " + id, "trigger " + id, "trigger kept-1", "resolve " + id);
    assertThat(pagerDutyEvents("/pd-direct"))
        .containsExactly("trigger direct-1", "resolve direct-1");
    assertThat(http.hits("/chat")).isEqualTo(1);
    Map<String, Object> resolve = (Map<String, Object>) http.json("/pd").get(3);
    assertThat(resolve).containsOnlyKeys("routing_key", "event_action", "dedup_key");
    assertThat(resolve).containsEntry("routing_key", PD_KEY);

    List<Map<String, Object>> resolved = events(report, "incidentResolved");
    assertThat(resolved)
        .extracting(e -> e.get("step") + " " + e.get("route") + " " + e.get("dedupKey"))
        .containsExactly("page oncall " + id, "page_direct pagerduty direct-1");
    assertThat(resolved).allSatisfy(e -> assertThat(e.get("status")).isEqualTo(200));
    List<Map<String, Object>> all = (List<Map<String, Object>>) report.get("events");
    assertThat(all).allSatisfy(e -> assertThat(e.get("event")).isEqualTo("incidentResolved"));
    assertThat(RunbookTestEnv.step(report, "tidy").get("status")).isEqualTo("succeeded");
    assertThat(report.toString()).doesNotContain(PD_KEY);
  }

  @Test
  void aFailedRunLeavesItsIncidentsOpen() {
    Map<String, Object> report = env.run(PAGES, Map.of("base", http.url(), "fail", true));

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("failed");
    assertThat(pagerDutyEvents("/pd")).noneMatch(e -> e.startsWith("resolve"));
    assertThat(pagerDutyEvents("/pd-direct")).containsExactly("trigger direct-1");
    assertThat(events(report, "incidentResolved")).isEmpty();
  }

  @Test
  void anExplicitResolveTakesTheIncidentOffTheList() {
    Map<String, Object> report =
        env.run(
            """
            apiVersion: runbooks.dev/v1
            kind: Runbook
            metadata: {name: unpage}
            steps:
              - id: page
                escalate: {route: oncall, summary: s, dedupKey: k1}
              - id: unpage
                escalate: {route: oncall, summary: s, dedupKey: k1, action: resolve}
              - id: page_other
                escalate: {route: engineering, summary: s, dedupKey: k1}
            """,
            Map.of());

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(pagerDutyEvents("/pd")).containsExactly("trigger k1", "resolve k1");
    assertThat(pagerDutyEvents("/pd-eng")).containsExactly("trigger k1", "resolve k1");
    assertThat(events(report, "incidentResolved"))
        .singleElement()
        .satisfies(e -> assertThat(e).containsEntry("route", "engineering"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aResolveThatFailsIsAnEventAndTheRunStillResolves() {
    http.script("/pd", 202, 400);
    Map<String, Object> report =
        env.run(
            """
            apiVersion: runbooks.dev/v1
            kind: Runbook
            metadata: {name: unresolvable}
            steps:
              - id: page
                escalate: {route: oncall, summary: s}
            """,
            Map.of());

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.hits("/pd")).isEqualTo(2);
    assertThat(events(report, "incidentResolveFailed"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e).containsEntry("step", "page").containsEntry("route", "oncall");
              Map<String, Object> error = (Map<String, Object>) e.get("error");
              assertThat(error).containsEntry("type", "EscalationRejected");
              assertThat(error.get("message").toString()).contains("400");
            });
  }

  @Test
  void aDryRunTriggersNothingAndResolvesNothing() {
    var run = env.start(env.publish(PAGES), Map.of("base", http.url()), Map.of("dryRun", true));
    @SuppressWarnings("unchecked")
    Map<String, Object> report = run.getResult(Map.class);

    assertThat(report.get("outcome")).as("report %s", report).isEqualTo("resolved");
    assertThat(http.hits("/pd") + http.hits("/pd-direct")).isZero();
    assertThat(events(report, "incidentResolved")).isEmpty();
  }
}
