package dev.runbooks.worker.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runbooks.worker.RunbookApplication;
import dev.runbooks.worker.codec.CodecServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Temporal Web UI shows a decrypted input through the codec server: the real dev server with
 * its Web UI ({@code --ui-codec-endpoint} pointing at the worker's codec server), the worker with
 * payload encryption on and the codec server open to the UI's origin ({@code auth: none} under the
 * dev switch, as {@code make run} does), a run started with the input {@code codec-proof-1234}, and
 * its workflow page opened in headless Chromium: the page shows the plain input and no {@code
 * binary/encrypted}. With {@code -Dcodec.screenshot=true} the page's screenshot is written to
 * {@code docs/img/webui-codec.png}; otherwise to {@code target/}. Ports 31220-31226.
 */
class WebUiCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TEMPORAL = 31220;
  private static final int UI = 31221;
  private static final int API = 31224;
  private static final int CODEC = 31225;
  private static final String INPUT = "codec-proof-1234";

  @TempDir Path dir;

  @Test
  void theWebUiShowsTheDecryptedInput() throws Exception {
    DevServer temporal =
        DevServer.withWebUi(
            dir.resolve("temporal"),
            TEMPORAL,
            UI,
            31222,
            31223,
            "--ui-codec-endpoint",
            "http://localhost:" + CODEC);
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(RunbookApplication.class)
            .run(
                "--server.port=" + API,
                "--runbook.dev.enabled=true",
                "--runbook.temporal.target=127.0.0.1:" + TEMPORAL,
                "--runbook.catalog.dir="
                    + Path.of("src/test/resources/codec/runbooks").toAbsolutePath(),
                "--runbook.data-dir=" + dir.resolve("worker"),
                "--runbook.schedules.enabled=false",
                "--runbook.codec.active-key=k1",
                "--runbook.codec.keys.k1=" + Base64.getEncoder().encodeToString(key),
                "--runbook.codec.server.port=" + CODEC,
                "--runbook.codec.server.auth=none",
                "--runbook.codec.server.cors-origins=http://localhost:" + UI)) {
      assertThat(app.getBean(CodecServer.class).port()).isEqualTo(CODEC);
      String id = startRun();
      try (Chromium chromium = Chromium.start(dir.resolve("chromium"), 1440, 1000)) {
        String page =
            "http://localhost:"
                + UI
                + "/namespaces/default/workflows/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8);
        chromium.open(page);
        chromium.awaitTrue(
            "document.body.innerText.includes('" + INPUT + "')",
            "the workflow page shows the decrypted input");
        // What the UI's server gives the page is still encrypted: the page decoded it.
        String stored =
            chromium
                .eval(
                    "fetch('/api/v1/namespaces/default/workflows/' + encodeURIComponent("
                        + JSON.writeValueAsString(id)
                        + ") + '/history').then(r => r.text())")
                .asText();
        assertThat(stored)
            .contains(base64("binary/encrypted"))
            .doesNotContain(INPUT)
            .doesNotContain(base64("{\"who\":\"" + INPUT + "\"}"));
        String text = chromium.eval("document.body.innerText").asText();
        assertThat(text).contains(INPUT).doesNotContain("binary/encrypted");
        boolean docs = Boolean.getBoolean("codec.screenshot");
        Path shot =
            docs ? Path.of("../docs/img/webui-codec.png") : Path.of("target/webui-codec.png");
        chromium.eval(
            "(() => { const e = [...document.querySelectorAll('*')].find(n =>"
                + " n.children.length === 0 && n.textContent.trim() === 'Input');"
                + " if (e) e.scrollIntoView({block: 'start'}); return true; })()");
        chromium.screenshot(shot);
        assertThat(Files.size(shot)).isGreaterThan(10_000);
      }
    } finally {
      temporal.close();
    }
  }

  private String startRun() throws Exception {
    String id = ApiRuns.start(API, "codec-proof", "{\"who\":\"" + INPUT + "\"}");
    ApiRuns.await(
        API, id, run -> run.path("executionStatus").asText().equals("completed"), "completes");
    return id;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
