package dev.runbooks.language.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import dev.runbooks.language.model.OnResolved;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertRouterTest {
  private static final AlertRouter ROUTER = new AlertRouter();

  private static CompiledRunbook compile(String name, String inputs, String triggers) {
    String source =
        "apiVersion: runbooks.dev/v1\nkind: Runbook\nmetadata:\n  name: "
            + name
            + "\ninputs:\n"
            + inputs
            + "triggers:\n"
            + triggers
            + "steps:\n  - id: note\n    log: hello\n";
    return RunbookCompiler.standard().compile(source, name + ".yaml").orThrow();
  }

  private static final CompiledRunbook JARVIS =
      compile(
          "jarvis-circuit-breaker-open",
          """
            circuit: {required: true}
            min_free_mb: {type: int, default: 500}
          """,
          """
            - source: alertmanager
              alertname: JarvisCircuitBreakerOpen
              labels:
                service: jarvis
                severity: {in: [warning, critical]}
                env: {notIn: [dev]}
              inputs:
                circuit: ${{ alert.labels.circuit }}
                min_free_mb: ${{ alert.annotations.min_free_mb }}
              dedupKey: ${{ alert.labels.service }}/${{ alert.labels.circuit }}
              cooldown: 10m
            - source: grafana
              alertname: [JarvisFallbackResponses, JarvisCircuitOpen]
              when: alert.labels.circuit.startsWith("model")
              inputs: {circuit: model_generation}
              onResolved: cancel
          """);

  private static final CompiledRunbook DISK =
      compile(
          "disk-cleanup",
          "  path: {default: /var/log}\n",
          "  - labels: {alertname_hint: {exists: false}, mount: {regex: \"/var(/.*)?\"}}\n");

  private static Alert alert(String source, String name, Map<String, String> labels) {
    return new Alert(
        source,
        name,
        "firing",
        labels,
        Map.of("min_free_mb", "800"),
        "fp-1",
        null,
        null,
        null,
        null,
        Map.of());
  }

  private static Map<String, String> labels(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void routesAMatchingAlertWithBoundInputsKeyAndCooldown() {
    Alert a =
        alert(
            "alertmanager",
            "JarvisCircuitBreakerOpen",
            labels("service", "jarvis", "severity", "critical", "circuit", "model_generation"));

    List<Route> routes = ROUTER.route(a, List.of(JARVIS, DISK));

    assertThat(routes).hasSize(1);
    Route r = routes.get(0);
    assertThat(r.ok()).isTrue();
    assertThat(r.runbook()).isEqualTo("jarvis-circuit-breaker-open");
    assertThat(r.version()).isEqualTo(JARVIS.version());
    assertThat(r.triggerIndex()).isZero();
    assertThat(r.inputs()).containsEntry("circuit", "model_generation");
    assertThat(r.inputs()).containsEntry("min_free_mb", 800L);
    assertThat(r.dedupKey()).isEqualTo("jarvis/model_generation");
    assertThat(r.cooldown()).isEqualTo(Duration.ofMinutes(10));
    assertThat(r.onResolved()).isEqualTo(OnResolved.SIGNAL);
    assertThat(r.workflowId())
        .isEqualTo("runbook/jarvis-circuit-breaker-open/jarvis/model_generation");
  }

  @Test
  void anyFailingConditionMeansNoRoute() {
    Map<String, String> ok = labels("service", "jarvis", "severity", "warning", "circuit", "x");
    assertThat(ROUTER.route(alert("grafana", "JarvisCircuitBreakerOpen", ok), List.of(JARVIS)))
        .isEmpty();
    assertThat(ROUTER.route(alert("alertmanager", "OtherAlert", ok), List.of(JARVIS))).isEmpty();
    Map<String, String> info = labels("service", "jarvis", "severity", "info", "circuit", "x");
    assertThat(
            ROUTER.route(alert("alertmanager", "JarvisCircuitBreakerOpen", info), List.of(JARVIS)))
        .isEmpty();
    Map<String, String> dev = new LinkedHashMap<>(ok);
    dev.put("env", "dev");
    assertThat(
            ROUTER.route(alert("alertmanager", "JarvisCircuitBreakerOpen", dev), List.of(JARVIS)))
        .isEmpty();
  }

  @Test
  void theFirstMatchingTriggerWinsAndWhenIsEvaluatedOverAlert() {
    Alert a = alert("grafana", "JarvisCircuitOpen", labels("circuit", "model_generation"));
    Alert other = alert("grafana", "JarvisCircuitOpen", labels("circuit", "db"));

    Route r = ROUTER.route(a, List.of(JARVIS)).get(0);

    assertThat(r.triggerIndex()).isEqualTo(1);
    assertThat(r.onResolved()).isEqualTo(OnResolved.CANCEL);
    assertThat(r.cooldown()).isZero();
    assertThat(r.dedupKey()).isEqualTo("fp-1");
    assertThat(r.inputs())
        .containsEntry("circuit", "model_generation")
        .containsEntry("min_free_mb", 500L);
    assertThat(ROUTER.route(other, List.of(JARVIS))).isEmpty();
  }

  @Test
  void everyMatchingRunbookIsRoutedInNameOrder() {
    Alert a =
        alert(
            "alertmanager",
            "JarvisCircuitBreakerOpen",
            labels(
                "service", "jarvis", "severity", "warning", "circuit", "c", "mount", "/var/log"));

    assertThat(ROUTER.route(a, List.of(JARVIS, DISK)))
        .extracting(Route::runbook)
        .containsExactly("disk-cleanup", "jarvis-circuit-breaker-open");
  }

  @Test
  void inputsThatDoNotBindMakeARouteWithProblems() {
    Alert a =
        new Alert(
            "alertmanager",
            "JarvisCircuitBreakerOpen",
            "firing",
            labels("service", "jarvis", "severity", "warning"),
            Map.of("min_free_mb", "lots"),
            "fp-2",
            null,
            null,
            null,
            null,
            Map.of());

    Route r = ROUTER.route(a, List.of(JARVIS)).get(0);

    assertThat(r.ok()).isFalse();
    assertThat(r.inputs()).isEmpty();
    assertThat(r.problems()).hasSize(3);
    assertThat(r.problems().get(0))
        .startsWith("input 'circuit': expression 'alert.labels.circuit'");
    assertThat(r.problems().get(1)).isEqualTo("input 'min_free_mb' must be an int, got \"lots\"");
    assertThat(r.problems().get(2)).startsWith("dedupKey: expression 'alert.labels.circuit'");
    assertThat(r.dedupKey()).isEqualTo("fp-2");
  }

  @Test
  void aWhenThatFailsMakesARouteWithTheError() {
    CompiledRunbook rb =
        compile(
            "summary-check",
            "  x: {default: a}\n",
            "  - when: alert.annotations.summary.contains('circuit')\n");

    Route r = ROUTER.route(alert("generic/test", "A", Map.of()), List.of(rb)).get(0);

    assertThat(r.ok()).isFalse();
    assertThat(r.problems().get(0)).startsWith("trigger triggers[0]: expression");
  }

  @Test
  void resolvedAlertsRouteTheSameWaySoTheIntakeCanSignalTheRun() {
    Alert a =
        new Alert(
            "alertmanager",
            "JarvisCircuitBreakerOpen",
            "RESOLVED",
            labels("service", "jarvis", "severity", "warning", "circuit", "c"),
            Map.of(),
            "",
            null,
            null,
            null,
            null,
            null);

    assertThat(a.resolved()).isTrue();
    Route r = ROUTER.route(a, List.of(JARVIS)).get(0);
    assertThat(r.workflowId()).isEqualTo("runbook/jarvis-circuit-breaker-open/jarvis/c");
  }

  @Test
  void defaultDedupKeyIsTheFingerprintElseAStableHashOfNameAndLabels() {
    Alert withFp = alert("grafana", "A", labels("b", "2", "a", "1"));
    Alert noFp =
        new Alert(
            null, "A", null, labels("b", "2", "a", "1"), null, null, null, null, null, null, null);
    Alert sameReordered =
        new Alert(
            null, "A", null, labels("a", "1", "b", "2"), null, "", null, null, null, null, null);
    Alert otherLabels =
        new Alert(
            null, "A", null, labels("a", "1", "b", "3"), null, "", null, null, null, null, null);

    assertThat(AlertRouter.defaultDedupKey(withFp)).isEqualTo("fp-1");
    assertThat(AlertRouter.defaultDedupKey(noFp)).matches("h[0-9a-f]{16}");
    assertThat(AlertRouter.defaultDedupKey(noFp))
        .isEqualTo(AlertRouter.defaultDedupKey(sameReordered));
    assertThat(AlertRouter.defaultDedupKey(noFp))
        .isNotEqualTo(AlertRouter.defaultDedupKey(otherLabels));
  }

  @Test
  void workflowIdsKeepSafeKeysAndHashTheOthers() {
    assertThat(AlertRouter.workflowId("jarvis", "jarvis/model_generation:a=b.c-d"))
        .isEqualTo("runbook/jarvis/jarvis/model_generation:a=b.c-d");
    String spaced = AlertRouter.workflowId("jarvis", "jarvis model generation");
    assertThat(spaced).matches("runbook/jarvis/jarvis_model_generation-[0-9a-f]{8}");
    assertThat(spaced).isNotEqualTo(AlertRouter.workflowId("jarvis", "jarvis_model_generation"));
    assertThat(AlertRouter.workflowId("jarvis", "jarvis?model generation"))
        .isNotEqualTo(spaced)
        .startsWith("runbook/jarvis/jarvis_model_generation-");
    String longKey = "k".repeat(500);
    String id = AlertRouter.workflowId("jarvis", longKey);
    assertThat(id.length()).isEqualTo("runbook/jarvis/".length() + AlertRouter.MAX_KEY_LENGTH);
    assertThat(id).endsWith("-" + id.substring(id.length() - 8));
    assertThat(AlertRouter.workflowId("jarvis", "k".repeat(200)))
        .isEqualTo("runbook/jarvis/" + "k".repeat(200));
    assertThat(AlertRouter.workflowId("jarvis", "")).matches("runbook/jarvis/[0-9a-f]{8}");
    assertThat(AlertRouter.workflowId("jarvis", "ключ")).matches("runbook/jarvis/____-[0-9a-f]{8}");
  }

  @Test
  void theExpressionViewHasEveryField() {
    Alert a =
        new Alert(
            "Alertmanager",
            "A",
            null,
            labels("severity", "critical"),
            Map.of("summary", "s"),
            "fp",
            null,
            "2026-02-10T10:00:00Z",
            null,
            "http://prom/graph",
            Map.of("B", 0.7),
            Map.of("receiver", "runbooks"));

    Map<String, Object> view = a.toExpressionView();

    assertThat(view)
        .containsEntry("name", "A")
        .containsEntry("status", "firing")
        .containsEntry("severity", "critical")
        .containsEntry("source", "alertmanager")
        .containsEntry("startsAt", "2026-02-10T10:00:00Z")
        .containsEntry("endsAt", "")
        .containsEntry("generatorURL", "http://prom/graph")
        .containsEntry("values", Map.of("B", 0.7))
        .containsEntry("raw", Map.of("receiver", "runbooks"))
        .containsKeys("labels", "annotations", "fingerprint");
    assertThat(
            new Alert(null, null, null, null, null, null, null, null, null, null, null)
                .toExpressionView())
        .doesNotContainKey("raw");
  }
}
