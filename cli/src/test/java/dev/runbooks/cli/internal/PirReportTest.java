package dev.runbooks.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The post-incident review draft filled from a run, its alert and its audit trail. */
class PirReportTest {

  private static Map<String, Object> step(
      String id, String type, String status, String at, long ms, Map<String, Object> outputs) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("id", id);
    step.put("type", type);
    step.put("status", status);
    step.put("startedAt", at);
    step.put("durationMs", ms);
    step.put("outputs", outputs);
    return step;
  }

  @Test
  void fillsTheTemplateFromTheRunTheAlertAndTheAuditTrail() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("runbook", "jarvis-circuit-breaker-open");
    report.put("title", "JARVIS circuit breaker opened");
    report.put("version", "sha256:0123456789ab");
    report.put("outcome", "escalated");
    report.put("message", "Circuit model_generation keeps opening after a reset");
    report.put("startedAt", "2026-11-24T02:10:00Z");
    report.put("endedAt", "2026-11-24T02:12:30Z");
    Map<String, Object> failed =
        step("wait_closed", "waitUntil", "failed", "2026-11-24T02:10:05Z", 120_000, Map.of());
    failed.put("error", Map.of("type", "DeadlineExceeded", "message", "still open after 2m"));
    report.put(
        "steps",
        List.of(
            step(
                "list",
                "http",
                "succeeded",
                "2026-11-24T02:10:01Z",
                40,
                Map.of("open", List.of("model_generation"))),
            step("p0", "fail", "skipped", null, 0, Map.of()),
            step("reset", "circuitBreaker", "succeeded", "2026-11-24T02:10:03Z", 1500, Map.of()),
            failed));
    report.put("events", List.of(Map.of("at", "2026-11-24T02:10:04Z", "event", "alertRepeated")));
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("workflowId", "runbook/jarvis-circuit-breaker-open/jarvis/model_generation");
    run.put("runbook", "jarvis-circuit-breaker-open");
    run.put("executionStatus", "completed");
    run.put(
        "searchAttributes",
        Map.of(
            "AlertName", "JarvisCircuitBreakerOpen", "Severity", "warning", "Service", "jarvis"));
    run.put("report", report);
    run.put(
        "links",
        Map.of(
            "self",
            "/api/runs/runbook/jarvis-circuit-breaker-open/jarvis/x",
            "ui",
            "http://localhost:8233/namespaces/default/workflows/x"));
    List<Map<String, Object>> audit =
        List.of(
            Map.of(
                "at",
                "2026-11-24T02:10:03Z",
                "step",
                "reset",
                "action",
                "circuitBreaker.reset",
                "target",
                "model_generation",
                "outcome",
                "reset"));

    String md = new PirReport(new RunView(run), audit, "http://localhost:8080").markdown();

    assertThat(md)
        .startsWith("## Post-Incident Review: INC-2026-11-24-")
        .contains(
            "JarvisCircuitBreakerOpen: JARVIS circuit breaker opened — **escalated**: Circuit"
                + " model_generation keeps opening after a reset.")
        .contains(
            "| 02:10:00 | Alert `JarvisCircuitBreakerOpen` fired; runbook"
                + " `jarvis-circuit-breaker-open` started | System |\n"
                + "| 02:10:01 | Step `list` (http) succeeded in 40 ms | runbook |\n"
                + "| 02:10:03 | Step `reset` (circuitBreaker) succeeded in 1.5 s | runbook |\n"
                + "| 02:10:04 | Event `alertRepeated` | System |\n"
                + "| 02:10:05 | Step `wait_closed` (waitUntil) failed in 2 min 0 s: still open"
                + " after 2m | runbook |\n"
                + "| 02:12:30 | Escalated to people | runbook |\n"
                + "| HH:MM | Post-incident review completed | @oncall |")
        .contains("- **Duration:** 2 min 30 s (run start to end)")
        .contains("- **Severity:** warning")
        .contains("- `list`: {\"open\":[\"model_generation\"]}")
        .contains("| 02:10:03 | reset | circuitBreaker.reset | model_generation | reset |")
        .contains("- Step `wait_closed` failed: still open after 2m")
        .contains(
            "- Run: http://localhost:8080/api/runs/runbook/jarvis-circuit-breaker-open/jarvis/x")
        .contains("- Temporal Web UI: http://localhost:8233/namespaces/default/workflows/x")
        .doesNotContain("`p0`");
  }

  private static RunView minimalRun() {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("workflowId", "w1");
    run.put("runbook", "greet");
    run.put("executionStatus", "completed");
    run.put(
        "report",
        Map.of("outcome", "resolved", "message", "a | b <b>", "startedAt", "2026-11-24T02:10:00Z"));
    run.put("links", Map.of("self", "/api/runs/w1"));
    return new RunView(run);
  }

  @Test
  void aTeamsOwnTemplateRendersWithValuesEscapedForMarkdown(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("pir.mustache"),
            "# {{incident}} {{runbook}}\n{{#timeline}}* {{time}} {{event}}\n{{/timeline}}"
                + "{{message}} / {{{message}}}\n");

    String md =
        new PirReport(minimalRun(), List.of(), "http://api").markdown(PirTemplate.read(file));

    assertThat(md)
        .startsWith("# INC-2026-11-24-")
        .contains(" greet\n* 02:10:00 Run started: runbook `greet`\n")
        .contains("a \\| b &lt;b> / a | b <b>\n");
  }

  @Test
  void aTemplateErrorNamesTheFileAndTheLine(@TempDir Path dir) throws Exception {
    Path unknown = Files.writeString(dir.resolve("unknown.mustache"), "# PIR\n\n{{nosuch}}\n");
    assertThatThrownBy(
            () -> new PirReport(minimalRun(), List.of(), "x").markdown(PirTemplate.read(unknown)))
        .isInstanceOf(PirTemplate.TemplateException.class)
        .hasMessageStartingWith(unknown + ":3: template error:")
        .hasMessageContaining("nosuch");
    Path unclosed = Files.writeString(dir.resolve("unclosed.mustache"), "# PIR\n{{#timeline}}\n");
    assertThatThrownBy(() -> PirTemplate.read(unclosed))
        .isInstanceOf(PirTemplate.TemplateException.class)
        .hasMessageStartingWith(unclosed + ":")
        .hasMessageContaining("template error");
  }

  @Test
  void theDefaultTemplateIsAResource() {
    assertThat(PirTemplate.class.getResource(PirTemplate.DEFAULT)).isNotNull();
    assertThat(new PirReport(minimalRun(), List.of(), "http://api").markdown())
        .contains("- Alert: (started by hand, no alert)")
        .contains("The run changed nothing (no remediation action in the audit trail).")
        .contains("- _(to fill in)_\n\n### Action Items");
  }
}
