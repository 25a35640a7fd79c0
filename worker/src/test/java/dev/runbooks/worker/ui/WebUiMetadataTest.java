package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.worker.RunbookApplication;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Temporal Web UI reads like a runbook: the real dev server with its Web UI, the worker over
 * the shipped example runbooks, a run of {@code disk-cleanup-approval} started through the API
 * (over a directory of old log files, so that it reaches its approval), and the run's workflow page
 * opened in headless Chromium. The page shows the run's static summary (the runbook's title and who
 * started it), its details, an activity's step id and name ({@code usage_before · Disk usage
 * before}) and the current details (the approval it waits for). With {@code
 * -Dwebui.screenshot=true} the page's screenshot is written to {@code docs/img/webui-metadata.png};
 * otherwise to {@code target/}. Ports 18160-18164.
 */
class WebUiMetadataTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TEMPORAL = 18160;
  private static final int UI = 18161;
  private static final int API = 18164;
  private static final String RUNBOOK = "disk-cleanup-approval";

  /**
   * The text of the page and of its frames: the Web UI renders summaries and details as Markdown in
   * frames of its own origin.
   */
  private static final String TEXT =
      "(document.body.innerText + '\\n' + [...document.querySelectorAll('iframe')]"
          + ".map(f => f.contentDocument ? f.contentDocument.body.innerText : '').join('\\n'))";

  @TempDir Path dir;

  @Test
  void theWorkflowPageShowsTheRunbookItsStepsAndWhatTheRunWaitsFor() throws Exception {
    DevServer temporal = DevServer.withWebUi(dir.resolve("temporal"), TEMPORAL, UI, 18162, 18163);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=" + API,
                "--runbook.dev.enabled=true",
                "--runbook.temporal.target=127.0.0.1:" + TEMPORAL,
                "--runbook.catalog.dir=" + Path.of("../runbooks-yaml/examples").toAbsolutePath(),
                "--runbook.data-dir=" + dir.resolve("worker"),
                "--runbook.schedules.enabled=false")) {
      assertThat(app.isActive()).isTrue();
      Path logs = oldLogs();
      String id = startRun(logs);
      try (Chromium chromium = Chromium.start(dir.resolve("chromium"), 1440, 1100)) {
        chromium.open(
            "http://localhost:"
                + UI
                + "/namespaces/default/workflows/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8));
        chromium.awaitTrue(
            TEXT + ".includes('Disk cleanup with approval')",
            "the workflow page shows the run's summary");
        chromium.awaitTrue(
            "document.body.innerText.includes('usage_before · Disk usage before')",
            "the event history shows an activity's step id and name");
        chromium.eval("document.getElementById('user-metadata-tab').click(), true");
        chromium.awaitTrue(
            TEXT + ".includes('waits for approval') && " + TEXT + ".includes('Trigger: ')",
            "the user metadata tab shows what the run waits for");
        String text = chromium.eval(TEXT).asText();
        assertThat(text)
            .contains("Disk cleanup with approval — started by admin")
            .contains(
                "Runbook: disk-cleanup-approval — Disk cleanup with approval (version sha256:")
            .contains("Trigger: run started by admin (api)")
            .contains("Run page: /ui/runs/" + id)
            .contains("usage_before · Disk usage before")
            .contains("Current step: approve · Approve the deletion — approval")
            .contains("approve waits for approval: Delete these files under " + logs)
            .doesNotContain("**");
        boolean docs = Boolean.getBoolean("webui.screenshot");
        Path shot =
            docs ? Path.of("../docs/img/webui-metadata.png") : Path.of("target/webui-metadata.png");
        chromium.screenshot(shot);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
      }
    } finally {
      temporal.close();
    }
  }

  /** A directory with two log files a month old and one of today. */
  private Path oldLogs() throws Exception {
    Path logs = Files.createDirectories(dir.resolve("logs"));
    FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
    for (String name : List.of("app.log.1", "app.log.2")) {
      Files.setLastModifiedTime(Files.writeString(logs.resolve(name), "old lines\n"), old);
    }
    Files.writeString(logs.resolve("app.log"), "today\n");
    return logs;
  }

  /** Starts the run through the API and waits until it waits for its approval. */
  private String startRun(Path logs) throws Exception {
    String id =
        ApiRuns.start(API, RUNBOOK, JSON.writeValueAsString(Map.of("path", logs.toString())));
    ApiRuns.await(
        API,
        id,
        run -> {
          if (run.path("status").path("waiting").size() > 0) {
            return true;
          }
          assertThat(run.path("executionStatus").asText())
              .as("run %s: %s", id, run)
              .isEqualTo("running");
          return false;
        },
        "waits for approval");
    return id;
  }
}
