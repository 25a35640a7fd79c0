package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrying runs through the API and the run page, on the real Temporal dev server: a reset of the
 * run when it is retried from its failed action on its own version, a new run seeded with the
 * earlier steps' results otherwise; the runs linked both ways, the retries audited, and the
 * refusals (still running, unknown step, bad version) answered with their statuses.
 */
class RetryTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final UiHarness ui = UiHarness.get();

  @TempDir Path dir;

  @AfterAll
  static void abortLeftovers() {
    UiHarness.get().abortLeftovers();
  }

  @Test
  void aFailedRunIsResetFromItsFailedStepWithoutRunningTheStepsBefore() throws Exception {
    String id = ui.start("ui-retry", Map.of("dir", dir.toString()));
    JsonNode failed = closedWith(id, "failed");
    String firstRunId = failed.path("runId").asText();
    assertThat(failed.path("report").path("failedStep").asText()).isEqualTo("fix");
    assertThat(counted()).isEqualTo(1);

    Files.createFile(dir.resolve("fixed"));
    UiHarness.Answer answer = ui.post(api(id) + "/retry", Map.of("reason", "file restored"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    JsonNode retried = JSON.readTree(answer.body());
    assertThat(retried.path("how").asText()).isEqualTo("reset");
    assertThat(retried.path("from").asText()).isEqualTo("fix");
    assertThat(retried.path("workflowId").asText()).isEqualTo(id);
    assertThat(retried.path("runId").asText()).isNotEqualTo(firstRunId);
    assertThat(retried.path("retryOf").path("runId").asText()).isEqualTo(firstRunId);

    JsonNode resolved =
        ui.awaitRun(
            id,
            run ->
                run.path("runId").asText().equals(retried.path("runId").asText())
                    && run.path("report").path("outcome").asText().equals("resolved")
                    && run.has("retryOf"),
            "resolved after the reset");
    assertThat(counted()).as("count ran once: the reset replayed it").isEqualTo(1);
    assertThat(resolved.path("retryOf").path("runId").asText()).isEqualTo(firstRunId);
    assertThat(resolved.path("retryOf").path("how").asText()).isEqualTo("reset");
    assertThat(resolved.path("retriedBy").isMissingNode()).as("the reset run is the one shown");
    JsonNode audit =
        ui.json("/api/audit/actions?workflowId=" + UiHarness.encode(id) + "&action=retry");
    assertThat(audit.toString()).contains("\"how\":\"reset\"", "file restored");
  }

  @Test
  void aRetryFromAStepWithoutActionIsANewRunSeededWithTheEarlierResults() throws Exception {
    String id = ui.start("ui-retry", Map.of("dir", dir.toString()));
    closedWith(id, "failed");
    Files.createFile(dir.resolve("fixed"));

    UiHarness.Answer answer =
        ui.post(api(id) + "/retry", Map.of("from", "prepare", "version", "current"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    JsonNode retried = JSON.readTree(answer.body());
    assertThat(retried.path("how").asText()).isEqualTo("seeded");
    assertThat(retried.path("why").asText()).contains("step 'prepare' started no action");
    String newId = ui.track(retried.path("workflowId").asText());
    assertThat(newId).isNotEqualTo(id).startsWith("runbook/ui-retry/");

    JsonNode resolved = closedWith(newId, "resolved");
    assertThat(counted()).as("count was reused, not run again").isEqualTo(1);
    JsonNode steps = resolved.path("report").path("steps");
    assertThat(stepStatus(steps, "count")).isEqualTo("reused");
    assertThat(stepStatus(steps, "prepare")).isEqualTo("succeeded");
    assertThat(stepStatus(steps, "fix")).isEqualTo("succeeded");
    assertThat(resolved.path("retryOf").path("workflowId").asText()).isEqualTo(id);
    assertThat(resolved.path("retryOf").path("how").asText()).isEqualTo("seeded");
    JsonNode old = ui.json(api(id));
    assertThat(old.path("retriedBy").path(0).path("workflowId").asText()).isEqualTo(newId);

    UiHarness.Answer page = ui.get("/ui/runs/" + id);
    assertThat(page.body()).contains("Retried by", newId, "action=\"/ui/runs/" + id + "/retry\"");
    assertThat(ui.get("/ui/runs/" + newId).body()).contains("Retry of", id);
  }

  @Test
  void theRunPageRetriesWithItsForm() throws Exception {
    String id = ui.start("ui-retry", Map.of("dir", dir.toString()));
    closedWith(id, "failed");
    Files.createFile(dir.resolve("fixed"));
    UiHarness.Answer refused =
        ui.postFormWithoutCsrf("/ui/runs/" + id + "/retry", Map.of("from", "prepare"));
    assertThat(refused.status()).isEqualTo(403);

    UiHarness.Answer sent =
        ui.postForm("/ui/runs/" + id + "/retry", Map.of("from", "prepare", "version", "pinned"));
    assertThat(sent.status()).isEqualTo(303);
    String location = sent.header("Location");
    assertThat(location).startsWith("/ui/runs/runbook/ui-retry/").isNotEqualTo("/ui/runs/" + id);
    String newId = ui.track(location.substring("/ui/runs/".length()));
    closedWith(newId, "resolved");
    assertThat(ui.json(api(id)).path("retriedBy").toString()).contains(newId, "seeded");
  }

  @Test
  void refusalsSayWhy() throws Exception {
    String waiting = ui.startRestart();
    ui.awaitWaiting(waiting);
    UiHarness.Answer running = ui.post(api(waiting) + "/retry", Map.of());
    assertThat(running.status()).as(running.body()).isEqualTo(409);
    assertThat(running.body()).contains("run is still running");

    String id = ui.start("ui-retry", Map.of("dir", dir.toString()));
    closedWith(id, "failed");
    UiHarness.Answer unknown = ui.post(api(id) + "/retry", Map.of("from", "fx"));
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(JSON.readTree(unknown.body()).path("error").asText())
        .startsWith("from: runbook ui-retry (sha256:")
        .endsWith("has no step 'fx'; its top-level steps are: count, prepare, fix, done");
    UiHarness.Answer version = ui.post(api(id) + "/retry", Map.of("version", "latest"));
    assertThat(version.status()).isEqualTo(400);
    assertThat(version.body()).contains("version: must be 'pinned' or 'current', not 'latest'");
    UiHarness.Answer none = ui.post(api("runbook/ui-retry/no-such-run") + "/retry", Map.of());
    assertThat(none.status()).isEqualTo(404);
  }

  private JsonNode closedWith(String id, String outcome) {
    JsonNode run = ui.awaitClosed(id);
    assertThat(run.path("report").path("outcome").asText()).as(run.toString()).isEqualTo(outcome);
    return run;
  }

  private static String stepStatus(JsonNode steps, String id) {
    for (JsonNode step : steps) {
      if (step.path("id").asText().equals(id)) {
        return step.path("status").asText();
      }
    }
    return "absent";
  }

  private long counted() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().startsWith("count.")).count();
    }
  }

  private static String api(String id) {
    return "/api/runs/" + id;
  }
}
