package dev.runbooks.worker.loop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@link RealProcess} fails: a missing binary, a process that dies, one never ready. */
class RealProcessTest {
  /** A binary with fixed arguments. */
  private static final class Plain extends RealProcess {
    Plain(Path binary, Path dir, List<String> arguments, Duration ready)
        throws IOException, InterruptedException {
      super("Plain", binary, "plain-package", dir, port -> arguments, ready);
    }
  }

  private static Path dir(String name) throws IOException {
    return Files.createDirectories(
        Path.of("target/test-data/real-process-" + name + "-" + System.nanoTime()));
  }

  @Test
  void aMissingBinaryFailsAndSaysHowToInstallIt() {
    assertThatThrownBy(
            () ->
                new Plain(
                    Path.of("/nonexistent/bin/plain"),
                    dir("missing"),
                    List.of(),
                    Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("/nonexistent/bin/plain is missing")
        .hasMessageContaining("scripts/install-deps.sh")
        .hasMessageContaining("Debian package plain-package")
        .hasMessageContaining("never skipped");
  }

  @Test
  void aProcessThatExitsWhileStartingFailsWithTheEndOfItsLog() throws Exception {
    Path dir = dir("bad-config");
    assertThatThrownBy(
            () ->
                new RealPrometheus(
                    dir, "scrape_configs: {not: a list}\n", Map.of(), Duration.ofSeconds(30)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Prometheus exited with")
        .hasMessageContaining("while starting")
        .hasMessageContaining("Error loading config")
        .hasMessageContaining("--- Prometheus log (" + dir.resolve("prometheus.log"))
        .hasMessageContaining("prometheus.yml");
  }

  /** Killed on the way: close() would throw IllegalStateException if it did not die. */
  @Test
  void aProcessNeverReadyIsKilledAndFails() throws Exception {
    Path dir = dir("never-ready");
    assertThatThrownBy(
            () -> new Plain(Path.of("/bin/sleep"), dir, List.of("300"), Duration.ofSeconds(1)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Plain not ready within PT1S")
        .hasMessageContaining("--- Plain log");
  }
}
