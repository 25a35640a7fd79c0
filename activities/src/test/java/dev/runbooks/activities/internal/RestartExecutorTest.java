package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.RestartLedger;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code restart} step against a real HTTP service of the test's own (restart endpoint, start
 * time, health that comes up a few checks after a restart) and real commands. systemd cannot run
 * here, so the systemd mode runs a fake {@code systemctl} shell script written by the test and
 * handed to the executor by absolute path (not put on PATH: the JVM resolves program names with its
 * own PATH); the script records its arguments and answers {@code is-active} like systemctl does.
 */
class RestartExecutorTest {
  private HttpServer server;
  private final AtomicInteger restarts = new AtomicInteger();
  private final AtomicInteger healthChecksSinceRestart = new AtomicInteger();
  private final AtomicReference<Instant> startedAt =
      new AtomicReference<>(Instant.now().minus(Duration.ofDays(1)));
  private final InMemoryRestartLedger ledger = new InMemoryRestartLedger();
  private final MemoryAuditLog auditLog = MemoryAuditLog.keepingAll();
  private final List<AuditEntry> audit = auditLog.entries();

  @BeforeEach
  void service() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/admin/restart",
        ex -> {
          restarts.incrementAndGet();
          startedAt.set(Instant.now());
          healthChecksSinceRestart.set(0);
          send(ex, 202, "{}");
        });
    server.createContext(
        "/status",
        ex -> send(ex, 200, "{\"process\":{\"started_at\":\"" + startedAt.get() + "\"}}"));
    server.createContext(
        "/health",
        ex -> send(ex, healthChecksSinceRestart.incrementAndGet() < 3 ? 503 : 200, "{}"));
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private Map<String, Object> httpConfig() {
    Map<String, Object> config = new HashMap<>();
    config.put("target", "juggernaut-api");
    config.put("http", Map.of("url", base() + "/admin/restart"));
    config.put("health", Map.of("url", base() + "/health", "deadline", "10s", "interval", "50ms"));
    config.put("startedAt", Map.of("url", base() + "/status", "field", "process.started_at"));
    return config;
  }

  private Map<String, Object> run(Map<String, Object> config, String workflowId, int attempt) {
    return run(config, workflowId, attempt, "");
  }

  private Map<String, Object> run(
      Map<String, Object> config, String workflowId, int attempt, String invocation) {
    return new RestartExecutor(StepEnvironment.defaults().withLedger(ledger).withAudit(auditLog))
        .execute(
            new ActionRequest("juggernaut", workflowId, "restart_api", "restart", config),
            new StepContext(attempt, d -> {}, Optional::empty, invocation));
  }

  @Test
  void theSameStepRunAgainInOneRunRestartsAgainButEachInvocationOnlyOnce() {
    Map<String, Object> config = httpConfig();

    assertThat(run(config, "wf-1", 1, "activity-1")).containsEntry("restarted", true);
    assertThat(run(config, "wf-1", 2, "activity-1"))
        .containsEntry("restarted", false)
        .containsEntry("skipped", "restartedByThisStep");
    Map<String, Object> again = run(config, "wf-1", 1, "activity-2");
    assertThat(again).containsEntry("restarted", true).containsEntry("restartsInWindow", 2L);
    assertThat(restarts.get()).isEqualTo(2);
    assertThat(audit).extracting(AuditEntry::outcome).containsExactly("restarted", "restarted");
  }

  @Test
  void restartsOverHttpWaitsForHealthAndARetryDoesNotRestartAgain() {
    Map<String, Object> config = httpConfig();
    config.put("notBefore", Instant.now().minusSeconds(60).toString());

    Map<String, Object> first = run(config, "wf-1", 1);
    assertThat(first).containsEntry("restarted", true).containsEntry("restartsInWindow", 1L);
    @SuppressWarnings("unchecked")
    Map<String, Object> health = (Map<String, Object>) first.get("health");
    assertThat(health).containsEntry("healthy", true).containsEntry("checks", 3L);

    Map<String, Object> retry = run(config, "wf-1", 2);
    assertThat(retry)
        .containsEntry("restarted", false)
        .containsEntry("skipped", "restartedByThisStep");
    assertThat(restarts.get()).isEqualTo(1);
    assertThat(audit).extracting(AuditEntry::outcome).containsExactly("restarted");
  }

  @Test
  void aServiceAlreadyRestartedAfterTheAlertStartedIsNotRestarted() {
    startedAt.set(Instant.now());
    healthChecksSinceRestart.set(5);
    Map<String, Object> config = httpConfig();
    config.put("notBefore", Instant.now().minusSeconds(300).toString());

    Map<String, Object> result = run(config, "wf-2", 1);

    assertThat(result)
        .containsEntry("restarted", false)
        .containsEntry("skipped", "alreadyRestarted");
    assertThat(restarts.get()).isZero();
    assertThat(audit).extracting(AuditEntry::outcome).containsExactly("skipped");
  }

  @Test
  void aRestartLoopQuarantinesTheTargetUntilCleared() {
    Map<String, Object> config = httpConfig();
    config.put("loopGuard", Map.of("maxRestarts", 2, "window", "1h"));
    run(config, "wf-a", 1);
    run(config, "wf-b", 1);

    ApplicationFailure loop =
        catchThrowableOfType(ApplicationFailure.class, () -> run(config, "wf-c", 1));
    assertThat(loop.getType()).isEqualTo(StepFailures.RESTART_LOOP);
    assertThat(loop.isNonRetryable()).isTrue();
    assertThat(restarts.get()).isEqualTo(2);
    assertThat(ledger.quarantined("juggernaut-api"))
        .get()
        .extracting(RestartLedger.Quarantine::workflowId)
        .isEqualTo("wf-c");

    ApplicationFailure quarantined =
        catchThrowableOfType(ApplicationFailure.class, () -> run(config, "wf-d", 1));
    assertThat(quarantined.getType()).isEqualTo(StepFailures.TARGET_QUARANTINED);
    assertThat(quarantined.getOriginalMessage()).contains("DELETE /api/quarantine/juggernaut-api");
    assertThat(audit)
        .extracting(AuditEntry::outcome)
        .containsExactly("restarted", "restarted", "quarantined");

    assertThat(ledger.clear("juggernaut-api")).isTrue();
    ApplicationFailure again =
        catchThrowableOfType(ApplicationFailure.class, () -> run(config, "wf-e", 1));
    assertThat(again.getType())
        .as("still two restarts within the window")
        .isEqualTo(StepFailures.RESTART_LOOP);
  }

  @Test
  void aServiceThatStaysUnhealthyFailsRetryably() {
    Map<String, Object> config = httpConfig();
    config.put(
        "health", Map.of("url", base() + "/nothing-here", "deadline", "300ms", "interval", "50ms"));
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> run(config, "wf-u", 1));
    assertThat(failure.getType()).isEqualTo(StepFailures.RESTART_UNHEALTHY);
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @Test
  void commandModeRunsTheArgvLiterally(@TempDir Path dir) throws IOException {
    Path out = dir.resolve("args");
    Map<String, Object> config = new HashMap<>();
    config.put("target", "worker");
    config.put(
        "command",
        List.of("sh", "-c", "printf '%s' \"$1\" > " + out, "restart", "$(id); rm -rf /"));
    config.put("startedAt", Map.of("command", List.of("date", "-u", "+%Y-%m-%dT%H:%M:%SZ")));
    config.put("notBefore", Instant.now().plusSeconds(3600).toString());

    Map<String, Object> result = run(config, "wf-cmd", 1);

    assertThat(result).containsEntry("restarted", true).containsEntry("via", "command");
    assertThat(result.get("startedAt")).isNotNull();
    assertThat(Files.readString(out)).isEqualTo("$(id); rm -rf /");
  }

  @Test
  void systemdModeRestartsTheUnitAndWaitsUntilActive(@TempDir Path dir) throws IOException {
    Path calls = dir.resolve("calls");
    Path systemctl = dir.resolve("systemctl");
    Files.writeString(
        systemctl,
        "#!/bin/sh\n"
            + "echo \"$*\" >> "
            + calls
            + "\n"
            + "if [ \"$1\" = is-active ]; then\n"
            + "  n=$(grep -c is-active "
            + calls
            + ")\n"
            + "  if [ \"$n\" -lt 3 ]; then echo activating; exit 3; fi\n"
            + "  echo active\n"
            + "fi\n");
    Files.setPosixFilePermissions(systemctl, PosixFilePermissions.fromString("rwx------"));
    Map<String, Object> config = new HashMap<>();
    config.put("target", "juggernaut");
    config.put("systemd", "juggernaut.service");

    Map<String, Object> result =
        new RestartExecutor(
                StepEnvironment.defaults().withLedger(ledger).withAudit(auditLog),
                systemctl.toString())
            .execute(
                new ActionRequest("juggernaut", "wf-sd", "restart", "restart", config),
                StepContext.detached());

    assertThat(result).containsEntry("restarted", true).containsEntry("active", true);
    assertThat(Files.readAllLines(calls))
        .containsExactly(
            "restart juggernaut.service",
            "is-active juggernaut.service",
            "is-active juggernaut.service",
            "is-active juggernaut.service");
  }
}
