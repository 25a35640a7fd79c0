package dev.runbooks.language.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The prometheus, circuitBreaker and escalate step types as the compiler sees them. */
class RemediationKindsTest {
  private static Compilation compile(String steps) {
    String source =
        "apiVersion: runbooks.dev/v1\n"
            + "kind: Runbook\n"
            + "metadata: {name: remediation-test}\n"
            + "inputs:\n"
            + "  circuit: {type: string, default: model_generation}\n"
            + "steps:\n"
            + steps;
    return RunbookCompiler.standard().compile(source, "test.yaml");
  }

  private static List<String> problems(String steps) {
    return compile(steps).problems().stream().map(Problem::toString).toList();
  }

  @Test
  void registersTheThreeKinds() {
    assertThat(ActionKinds.isAction("prometheus")).isTrue();
    assertThat(ActionKinds.isAction("circuitBreaker")).isTrue();
    assertThat(ActionKinds.isAction("escalate")).isTrue();
    assertThat(ActionKinds.find("prometheus").orElseThrow().expressionFields())
        .containsExactly("expect");
  }

  @Test
  void compilesARealisticRemediation() {
    Compilation c =
        compile(
            """
              - id: memory
                prometheus:
                  url: http://prometheus:9090
                  query: 'max(jarvis_memory_used_percent{circuit="${{ inputs.circuit }}"})'
                  timeout: 10s
                  expect: result.value < 85.0
              - id: breakers
                circuitBreaker: {base: http://localhost:8742}
              - id: reset
                circuitBreaker: {base: http://localhost:8742, action: reset, name: "${{ inputs.circuit }}"}
              - id: verify
                timeout: 2m
                circuitBreaker:
                  base: http://localhost:8742
                  action: verify
                  name: ${{ inputs.circuit }}
                  verify: {expectState: closed, watch: 1m, interval: 10s}
                onFailure:
                  - id: page
                    escalate:
                      route: pagerduty
                      routingKey: {secretRef: env:PAGERDUTY_ROUTING_KEY}
                      severity: critical
                      summary: "JARVIS breaker ${{ inputs.circuit }} re-opened after reset"
                      details:
                        steps: ${{ steps }}
                        open: ${{ steps.breakers.result.open }}
              - id: tell
                escalate:
                  route: slack
                  url: {secretRef: file:/etc/runbooks/slack-webhook}
                  summary: JARVIS breaker reset
            """);

    assertThat(c.problems()).isEmpty();
  }

  @Test
  void prometheusChecksUrlTimeoutBracketsAndExpect() {
    assertThat(
            problems(
                """
                  - id: q
                    prometheus:
                      url: prometheus:9090
                      query: sum(rate(http_requests_total[5m])
                      timeout: soon
                      expect: result.value <
                """))
        .anySatisfy(p -> assertThat(p).contains("steps[0].prometheus.url: must be an absolute"))
        .anySatisfy(
            p -> assertThat(p).contains("steps[0].prometheus.query: query").contains("unbalanced"))
        .anySatisfy(
            p -> assertThat(p).contains("steps[0].prometheus.timeout: invalid duration 'soon'"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].prometheus.expect").contains("CEL"));
  }

  @Test
  void prometheusExpectSeesOnlyTheResult() {
    assertThat(
            problems(
                "  - id: q\n    prometheus: {query: up, expect: 'result.value < double(inputs.max)'}\n"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("steps[0].prometheus.expect")
                    .contains("against result only, so it cannot read 'inputs'"));
    assertThat(
            problems(
                "  - id: q\n    prometheus: {query: up, expect: \"result.samples[0].metric.job =="
                    + " 'inputs'\"}\n"))
        .isEmpty();
  }

  @Test
  void prometheusNeedsAQueryAndKnowsItsFields() {
    assertThat(problems("  - id: q\n    prometheus: {url: http://p:9090, qurey: up}\n"))
        .anySatisfy(p -> assertThat(p).contains("qurey"))
        .anySatisfy(p -> assertThat(p).contains("query"));
  }

  @Test
  void circuitBreakerActionsNeedOrRefuseAName() {
    assertThat(problems("  - id: r\n    circuitBreaker: {base: http://j:8742, action: reset}\n"))
        .anySatisfy(p -> assertThat(p).contains("action 'reset' needs the name of the breaker"));
    assertThat(problems("  - id: l\n    circuitBreaker: {base: http://j:8742, name: x}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].circuitBreaker.name: action 'list'"));
    assertThat(problems("  - id: l\n    circuitBreaker: {base: http://j:8742, action: open}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].circuitBreaker.action"));
  }

  @Test
  void circuitBreakerChecksPathsAndVerify() {
    assertThat(
            problems(
                """
                  - id: v
                    circuitBreaker:
                      base: http://j:8742
                      action: reset
                      name: x
                      paths: {reset: /breakers/reset, get: 'breakers/{name}'}
                      verify: {watch: 10s, interval: 30s}
                """))
        .anySatisfy(p -> assertThat(p).contains("paths.reset: must hold {name}"))
        .anySatisfy(p -> assertThat(p).contains("paths.get: must start with '/'"))
        .anySatisfy(
            p -> assertThat(p).contains("verify: verify settings apply only to action 'verify'"))
        .anySatisfy(p -> assertThat(p).contains("verify.interval: is longer than watch"));
    assertThat(
            problems(
                "  - id: v\n    circuitBreaker: {base: http://j:8742, action: verify, name: x,"
                    + " verify: {watch: forever}}\n"))
        .anySatisfy(p -> assertThat(p).contains("verify.watch: invalid duration 'forever'"));
  }

  @Test
  void escalateToANamedRouteTakesNoEndpointOrKey() {
    assertThat(problems("  - id: e\n    escalate: {route: oncall, summary: s}\n")).isEmpty();
    assertThat(
            problems(
                "  - id: e\n    escalate: {route: oncall, summary: s, url: 'https://h/x',"
                    + " routingKey: {secretRef: env:K}}\n"))
        .containsExactly(
            "test.yaml:8:48: steps[0].escalate.url: url comes from the worker's configured route"
                + " 'oncall' (runbook.routes.oncall); drop it, or use a route type (pagerduty,"
                + " slack, teams, webhook)",
            "test.yaml:8:75: steps[0].escalate.routingKey: routingKey comes from the worker's"
                + " configured route 'oncall' (runbook.routes.oncall); drop it, or use a route"
                + " type (pagerduty, slack, teams, webhook)");
    assertThat(problems("  - id: e\n    escalate: {route: On Call, summary: s}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].escalate.route"));
  }

  @Test
  void autoResolveIsForPagerDutyTriggersOnly() {
    assertThat(
            problems("  - id: e\n    escalate: {route: oncall, summary: s, autoResolve: false}\n"))
        .isEmpty();
    assertThat(
            problems(
                "  - id: e\n    escalate: {route: teams, url: 'https://h/x', summary: s,"
                    + " autoResolve: true}\n"))
        .containsExactly(
            "test.yaml:8:75: steps[0].escalate.autoResolve: autoResolve applies only to PagerDuty"
                + " incidents; route 'teams' posts a message, which cannot be resolved");
  }

  @Test
  void escalateRequiresSecretsAsReferencesAndRouteFields() {
    assertThat(
            problems(
                "  - id: e\n    escalate: {route: pagerduty, summary: s, routingKey: abc123}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].escalate.routingKey"));
    assertThat(problems("  - id: e\n    escalate: {route: pagerduty, summary: s}\n"))
        .anySatisfy(p -> assertThat(p).contains("route 'pagerduty' needs routingKey"));
    assertThat(problems("  - id: e\n    escalate: {route: slack, summary: s}\n"))
        .anySatisfy(p -> assertThat(p).contains("route 'slack' needs url"));
    assertThat(
            problems(
                "  - id: e\n    escalate: {route: teams, summary: s, url: 'https://t/x',"
                    + " action: resolve, routingKey: {secretRef: env:K}}\n"))
        .anySatisfy(
            p -> assertThat(p).contains("action 'resolve' applies only to route 'pagerduty'"))
        .anySatisfy(p -> assertThat(p).contains("routingKey applies only to route 'pagerduty'"));
    assertThat(
            problems(
                "  - id: e\n    escalate: {route: pagerduty, summary: s,"
                    + " routingKey: {secretRef: 'env:${{ inputs.circuit }}'}}\n"))
        .anySatisfy(p -> assertThat(p).contains("routingKey.secretRef"));
    assertThat(
            problems(
                "  - id: e\n    escalate: {route: webhook, summary: s, url: 'https://h/x',"
                    + " severity: sev1}\n"))
        .anySatisfy(p -> assertThat(p).contains("steps[0].escalate.severity"));
  }
}
