package dev.runbooks.worker.seeds.jarvis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.worker.seeds.SeedHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A dry run of a seed runbook on the testbed tells the truth: {@code jarvis-high-memory} reads the
 * real memory figure from JARVIS, takes the critical branch because of it, sends none of its
 * mutating calls (JARVIS's request log and state show it), and its report lists, in order, the
 * calls it would have made with their rendered URLs.
 */
class JarvisDryRunTest {
  @Test
  void aDryRunReadsRealMemoryAndListsTheCallsItWouldHaveMade() {
    JarvisSeed j = JarvisSeed.fresh().inject("memory_pressure", Map.of("percent", 97.5));

    String id =
        j.h
            .post(
                "/api/runbooks/jarvis-high-memory/runs?dryRun=true",
                Map.of("base_url", j.base.replaceAll("/+$", "")))
            .path("workflowId")
            .asText();
    JsonNode run = j.await(id);
    JsonNode report = run.path("report");

    assertThat(report.path("dryRun").asBoolean()).as(run.toString()).isTrue();
    JsonNode health = step(report, "health");
    assertThat(health.path("status").asText()).isEqualTo("succeeded");
    assertThat(health.path("outputs").path("percent").asDouble()).isEqualTo(97.5);
    assertThat(SeedHarness.stepsRun(run)).contains("emergency_mode", "clear_all_caches");
    assertThat(step(report, "emergency_mode").path("status").asText()).isEqualTo("dry-run");
    assertThat(j.requests("POST", "/api/admin/emergency-mode")).isEmpty();
    assertThat(j.requests("POST", "/cache/clear")).isEmpty();
    assertThat(j.requests("POST", "/models/unload")).isEmpty();
    assertThat(j.state().path("emergency_mode").asBoolean()).isFalse();

    List<String> wouldRun = new ArrayList<>();
    for (JsonNode event : report.path("events")) {
      if (event.path("event").asText().equals("wouldRun")) {
        wouldRun.add(event.path("step").asText());
        if (event.path("step").asText().equals("emergency_mode")) {
          assertThat(event.path("config").path("url").asText())
              .endsWith("/api/admin/emergency-mode");
          assertThat(event.path("kind").asText()).isEqualTo("http");
        }
      }
    }
    assertThat(wouldRun).startsWith("emergency_mode", "clear_all_caches", "unload_models");
  }

  private static JsonNode step(JsonNode report, String id) {
    for (JsonNode step : report.path("steps")) {
      if (step.path("id").asText().equals(id)) {
        return step;
      }
    }
    throw new AssertionError("no step " + id + " in " + report);
  }
}
