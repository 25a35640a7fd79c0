package dev.runbooks.bench.overhead;

import dev.runbooks.bench.core.Stack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The {@link OverheadWorker} process of a run: started with the bench's class path on the stack's
 * Temporal server and namespace, its output kept in {@code overhead-worker.log}.
 */
final class OverheadProcess implements AutoCloseable {
  private final Process process;

  private OverheadProcess(Process process) {
    this.process = process;
  }

  /** Starts the worker and returns once it polls the queue. */
  static OverheadProcess start(Stack stack, String queue) throws IOException, InterruptedException {
    Path log = stack.dir().resolve("overhead-worker.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp",
                System.getProperty("java.class.path"),
                OverheadWorker.class.getName(),
                stack.target(),
                queue,
                stack.namespace())
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("overhead worker polling")) {
        Thread drain = new Thread(() -> drain(out, log), "overhead-worker-log");
        drain.setDaemon(true);
        drain.start();
        return new OverheadProcess(p);
      }
    }
    throw new IOException("the overhead worker exited with " + p.waitFor());
  }

  private static void drain(BufferedReader out, Path log) {
    try (var writer = Files.newBufferedWriter(log)) {
      String line;
      while ((line = out.readLine()) != null) {
        writer.write(line);
        writer.newLine();
      }
    } catch (IOException e) {
      // the worker stopped
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
