package dev.runbooks.testbed.razar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runbooks.testbed.OneSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RAZAR imitation on its own: boot order and resume, heartbeats, quarantine files. */
class RazarSystemTest {
  @TempDir static Path dir;
  private static OneSystem razar;

  @BeforeAll
  static void start() throws Exception {
    razar = OneSystem.start(dir, "razar");
  }

  @AfterAll
  static void stop() {
    razar.close();
  }

  @BeforeEach
  void reset() throws Exception {
    call("POST", "/admin/reset", null);
  }

  private static JsonNode call(String method, String path, Object body) throws Exception {
    return razar.call(method, path, body);
  }

  private static JsonNode awaitBoot() throws Exception {
    for (int i = 0; i < 100; i++) {
      JsonNode boot = call("GET", "/boot", null);
      if (!boot.path("state").asText().equals("running")) {
        return boot;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("boot did not end");
  }

  @Test
  void bootResumesAfterTheLastGoodComponentUnlessTheStateIsRemoved() throws Exception {
    call("POST", "/admin/faults/interrupted_boot", Map.of("after", "gateway"));
    assertThat(call("GET", "/state", null).path("complete").asBoolean()).isFalse();

    call("POST", "/boot", null);
    JsonNode boot = awaitBoot();
    assertThat(boot.path("sequence").toString())
        .isEqualTo("[\"memory_store\",\"crown\",\"chakra_monitor\"]");
    assertThat(call("GET", "/state", null).path("complete").asBoolean()).isTrue();

    // A complete state, or none, means the full sequence next time.
    assertThat(call("DELETE", "/state", null).path("removed").asBoolean()).isTrue();
    assertThat(call("GET", "/state", null).path("httpStatus").asInt()).isEqualTo(404);
    call("POST", "/boot", null);
    assertThat(awaitBoot().path("sequence").size()).isEqualTo(4);
  }

  @Test
  void restartCuresAHangButNotACrashLoop() throws Exception {
    call("POST", "/admin/faults/heartbeat_loss", Map.of("component", "gateway"));
    call("POST", "/admin/faults/crash_loop", Map.of("component", "crown", "afterSeconds", 1));
    assertThat(call("GET", "/components/gateway/health", null).path("httpStatus").asInt())
        .isEqualTo(503);
    assertThat(call("GET", "/components/crown", null).path("status").asText()).isEqualTo("failed");

    call("POST", "/components/gateway/restart", null);
    call("POST", "/components/crown/restart", null);
    Thread.sleep(1500);
    assertThat(call("GET", "/components/gateway/health", null).path("httpStatus").asInt())
        .isEqualTo(200);
    Thread.sleep(1000);
    JsonNode crown = call("GET", "/components/crown", null);
    assertThat(crown.path("status").asText()).isEqualTo("failed");
    assertThat(crown.path("last_error").asText()).contains("segmentation fault");
    assertThat(call("GET", "/admin/state", null).path("faults").has("heartbeat_loss")).isFalse();
  }

  @Test
  void quarantineMovesTheModuleAndResolveBringsItBack() throws Exception {
    Path root = Path.of(call("GET", "/admin/state", null).path("dataDir").asText());
    JsonNode meta =
        call("POST", "/quarantine/memory_store", Map.of("reason", "ModuleNotFoundError: x"));
    assertThat(meta.path("issue_type").asText()).isEqualTo("dependency");
    assertThat(root.resolve("quarantine/memory_store.py")).exists();
    assertThat(root.resolve("quarantine/memory_store.json")).exists();
    assertThat(root.resolve("modules/memory_store.py")).doesNotExist();
    assertThat(call("POST", "/components/memory_store/restart", null).path("httpStatus").asInt())
        .isEqualTo(409);

    call("POST", "/quarantine/memory_store/resolve", Map.of("note", "reinstalled numpy"));
    assertThat(root.resolve("modules/memory_store.py")).exists();
    assertThat(root.resolve("quarantine/memory_store.json")).doesNotExist();
    assertThat(Files.readString(root.resolve("docs/quarantine_log.md")))
        .contains("| memory_store | quarantined | dependency |", "reinstalled numpy");
  }

  @Test
  void patchNeedsTheComponentDownAndEveryStepIsRecorded() throws Exception {
    assertThat(
            call("POST", "/recovery/crown/patch", Map.of("info", Map.of()))
                .path("httpStatus")
                .asInt())
        .isEqualTo(409);
    call("POST", "/recovery/crown/shutdown", Map.of("reason", "CROWN asked"));
    call("POST", "/recovery/crown/patch", Map.of("info", Map.of("version", "3.1")));
    call("POST", "/recovery/crown/resume", null);
    JsonNode recovery = call("GET", "/recovery/crown", null);
    assertThat(recovery.path("events").findValuesAsText("event"))
        .containsExactly("shutdown", "patch", "resume");
  }
}
