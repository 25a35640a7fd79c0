package dev.runbooks.worker.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops an embedded PostgreSQL that a previous worker left running on the data directory when it
 * was killed without a chance to stop it (SIGKILL, a crash): PostgreSQL outlives its JVM and keeps
 * the directory, so the next start would fail. A server is stale when its postmaster no longer has
 * a live Java parent; one that still belongs to a running worker is left alone.
 */
final class StalePostgres {
  private static final Logger log = LoggerFactory.getLogger(StalePostgres.class);

  private StalePostgres() {}

  /** Stops the stale server of this data directory, if there is one. */
  static void stopIfStale(Path dataDir) {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster = postmaster(pidFile);
    if (postmaster.isEmpty() || !postmaster.get().isAlive()) {
      return;
    }
    ProcessHandle process = postmaster.get();
    if (!isPostgres(process) || ownedByLiveJava(process)) {
      return;
    }
    log.warn(
        "stopping the embedded PostgreSQL (pid {}) a previous worker left running on {}",
        process.pid(),
        dataDir);
    process.destroy(); // SIGTERM: PostgreSQL's smart shutdown
    try {
      process
          .onExit()
          .get(Duration.ofSeconds(15).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      log.warn("PostgreSQL (pid {}) did not stop in 15 s; killing it", process.pid());
      process.destroyForcibly();
    }
  }

  private static Optional<ProcessHandle> postmaster(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return lines.isEmpty()
          ? Optional.empty()
          : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static boolean isPostgres(ProcessHandle process) {
    return process.info().command().map(c -> c.contains("postgres")).orElse(false);
  }

  private static boolean ownedByLiveJava(ProcessHandle process) {
    return process
        .parent()
        .filter(ProcessHandle::isAlive)
        .flatMap(p -> p.info().command())
        .map(c -> c.endsWith("/java") || c.endsWith("java"))
        .orElse(false);
  }
}
