package dev.runbooks.language.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link AlertRouter#explain}: the reasons in words, maxAge, and agreement with {@link
 * AlertRouter#route} over many alerts.
 */
class AlertExplainTest {
  private static final AlertRouter ROUTER = new AlertRouter();
  private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

  private static CompiledRunbook compile(String name, String triggers) {
    String source =
        "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata:\n  name: "
            + name
            + "\ntriggers:\n"
            + triggers
            + "steps:\n  - id: note\n    log: hello\n";
    return RunbookCompiler.standard().compile(source, name + ".yaml").orThrow();
  }

  private static final CompiledRunbook LATENCY =
      compile(
          "latency",
          """
            - source: alertmanager
              alertname: [HighLatency, SlowRequests]
              labels:
                env: staging
                severity: {in: [warning, critical]}
                team: {notEquals: data}
                instance: {regex: "api-[0-9]+"}
                canary: {notRegex: "true|yes"}
                zone: {notIn: [eu-1]}
                region: {exists: true}
                silenced: {exists: false}
              maxAge: 30m
            - source: generic
              when: alert.labels.env == "prod"
          """);

  private static final CompiledRunbook FRAGILE =
      compile(
          "fragile",
          """
            - alertname: HighLatency
              when: alert.annotations.summary.contains('slow')
            - labels: {env: prod}
          """);

  private static final CompiledRunbook NONE = compile("quiet", "  - alertname: Never\n");

  private static Alert alert(
      String source, String name, String startsAt, String status, Map<String, String> labels) {
    return new Alert(
        source, name, status, labels, Map.of(), "fp", null, startsAt, null, null, Map.of());
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static TriggerVerdict verdict(List<TriggerVerdict> all, String runbook, int index) {
    return all.stream()
        .filter(v -> v.runbook().equals(runbook) && v.triggerIndex() == index)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void saysWhichConditionsDoNotHoldInWords() {
    Alert a =
        alert(
            "grafana",
            "Other",
            "2026-12-06T11:50:00Z",
            "firing",
            labels(
                "env",
                "prod",
                "severity",
                "info",
                "team",
                "data",
                "instance",
                "db-1",
                "canary",
                "yes",
                "zone",
                "eu-1",
                "silenced",
                "x"));

    TriggerVerdict v = verdict(ROUTER.explain(a, List.of(LATENCY), NOW), "latency", 0);

    assertThat(v.matched()).isFalse();
    assertThat(v.chosen()).isFalse();
    assertThat(v.path()).isEqualTo("triggers[0]");
    assertThat(v.reasons())
        .containsExactly(
            "source grafana is not alertmanager",
            "alertname Other is not one of [HighLatency, SlowRequests]",
            "label env=prod does not match env=staging",
            "label severity=info does not match severity in [warning, critical]",
            "label team=data does not match team!=data",
            "label instance=db-1 does not match instance=~api-[0-9]+",
            "label canary=yes does not match canary!~true|yes",
            "label zone=eu-1 does not match zone notIn [eu-1]",
            "label region is absent, and the trigger needs it",
            "label silenced=x is present, and the trigger needs it absent");
  }

  @Test
  void aMatchingTriggerListsWhatHeldAndTheAlertsAgeAgainstMaxAge() {
    Map<String, String> ok =
        labels("env", "staging", "severity", "warning", "instance", "api-1", "region", "eu");
    Alert fresh = alert("alertmanager", "HighLatency", "2026-12-06T11:50:00Z", "firing", ok);
    Alert old = alert("alertmanager", "HighLatency", "2026-12-06T10:00:00Z", "firing", ok);

    TriggerVerdict f = verdict(ROUTER.explain(fresh, List.of(LATENCY), NOW), "latency", 0);
    TriggerVerdict o = verdict(ROUTER.explain(old, List.of(LATENCY), NOW), "latency", 0);

    assertThat(f.matched()).isTrue();
    assertThat(f.chosen()).isTrue();
    assertThat(f.stale()).isFalse();
    assertThat(f.reasons())
        .startsWith(
            "source alertmanager is alertmanager",
            "alertname HighLatency is one of" + " [HighLatency, SlowRequests]",
            "label env=staging matches env=staging")
        .contains("label silenced is absent", "label region is present")
        .endsWith("maxAge 30m: the alert started 10m ago");
    assertThat(o.matched()).isTrue();
    assertThat(o.stale()).isTrue();
    assertThat(o.reasons())
        .last()
        .isEqualTo("maxAge 30m: the alert started 2h ago, so it starts no run");
    Trigger trigger = LATENCY.definition().triggers().get(0);
    assertThat(AlertAges.stale(trigger, old, NOW)).isTrue();
    assertThat(AlertAges.stale(trigger, fresh, NOW)).isFalse();
  }

  @Test
  void alertAgesReadOffsetsAndIgnoreMissingOrZeroTimes() {
    assertThat(AlertAges.age(alert("x", "A", "2026-12-06T13:00:00+02:00", null, Map.of()), NOW))
        .contains(Duration.ofHours(1));
    assertThat(AlertAges.age(alert("x", "A", "0001-01-01T00:00:00Z", null, Map.of()), NOW))
        .isEqualTo(Optional.empty());
    assertThat(AlertAges.age(alert("x", "A", "yesterday", null, Map.of()), NOW)).isEmpty();
    assertThat(AlertAges.age(alert("x", "A", "2026-12-06T12:05:00Z", null, Map.of()), NOW))
        .contains(Duration.ZERO);
    Alert resolvedOld = alert("alertmanager", "A", "2020-01-01T00:00:00Z", "resolved", Map.of());
    assertThat(AlertAges.stale(LATENCY.definition().triggers().get(0), resolvedOld, NOW)).isFalse();
  }

  @Test
  void whenIsExplainedAndAFailureIsChosenLikeTheRoutersProblem() {
    Alert a = alert("generic/ci", "HighLatency", null, null, labels("env", "prod"));

    List<TriggerVerdict> all = ROUTER.explain(a, List.of(FRAGILE, LATENCY), NOW);

    TriggerVerdict broken = verdict(all, "fragile", 0);
    assertThat(broken.failed()).isTrue();
    assertThat(broken.chosen()).isTrue();
    assertThat(broken.reasons().get(0))
        .startsWith("when: alert.annotations.summary.contains('slow') could not be evaluated: ");
    assertThat(verdict(all, "fragile", 1).matched()).isTrue();
    assertThat(verdict(all, "fragile", 1).chosen()).isFalse();
    TriggerVerdict generic = verdict(all, "latency", 1);
    assertThat(generic.matched()).isTrue();
    assertThat(generic.reasons())
        .containsExactly(
            "source generic/ci is generic or generic/<name>",
            "when: alert.labels.env == \"prod\" is true");
    assertThat(verdict(all, "latency", 0).reasons())
        .contains("source generic/ci is not alertmanager");
  }

  @Test
  void aWhenAfterAFailedConditionIsNotEvaluated() {
    Alert a = alert("generic/ci", "Other", null, null, labels("env", "dev"));

    List<TriggerVerdict> all = ROUTER.explain(a, List.of(FRAGILE, LATENCY), NOW);

    assertThat(verdict(all, "fragile", 0).reasons())
        .containsExactly(
            "alertname Other is not HighLatency",
            "when: alert.annotations.summary.contains('slow') was not evaluated");
    assertThat(verdict(all, "fragile", 0).failed()).isFalse();
    assertThat(verdict(all, "latency", 1).reasons())
        .containsExactly("when: alert.labels.env == \"prod\" is false");
  }

  @Test
  void explainAgreesWithRouteOverManyAlerts() {
    List<CompiledRunbook> runbooks = List.of(LATENCY, FRAGILE, NONE);
    String[] sources = {"alertmanager", "grafana", "generic/ci", ""};
    String[] names = {"HighLatency", "SlowRequests", "Never", "Other"};
    String[][] labelSets = {
      {},
      {"env", "prod"},
      {"env", "staging", "severity", "critical", "instance", "api-7", "region", "us"},
      {
        "env",
        "staging",
        "severity",
        "critical",
        "instance",
        "api-7",
        "region",
        "us",
        "zone",
        "eu-1"
      },
      {"env", "staging", "severity", "warning", "instance", "api-1", "region", "", "canary", "no"},
    };
    String[] starts = {null, "2026-12-06T11:59:00Z", "2026-12-06T01:00:00Z"};
    int checked = 0;
    int routed = 0;
    for (String source : sources) {
      for (String name : names) {
        for (String[] kv : labelSets) {
          for (String start : starts) {
            for (String status : new String[] {"firing", "resolved"}) {
              Alert a = alert(source, name, start, status, labels(kv));
              List<Route> routes = ROUTER.route(a, runbooks);
              List<TriggerVerdict> verdicts = ROUTER.explain(a, runbooks, NOW);
              List<String> chosen = new ArrayList<>();
              for (TriggerVerdict v : verdicts) {
                if (v.chosen()) {
                  chosen.add(v.runbook() + "#" + v.triggerIndex() + (v.failed() ? "!" : ""));
                }
                assertThat(v.reasons()).as(v.toString()).isNotEmpty();
              }
              List<String> expected =
                  routes.stream()
                      .map(
                          r ->
                              r.runbook()
                                  + "#"
                                  + r.triggerIndex()
                                  + (r.problems().stream().anyMatch(p -> p.startsWith("trigger "))
                                      ? "!"
                                      : ""))
                      .toList();
              assertThat(chosen).as(a.toString()).isEqualTo(expected);
              routed += routes.size();
              checked++;
            }
          }
        }
      }
    }
    assertThat(checked).isEqualTo(480);
    assertThat(routed).isPositive();
  }
}
