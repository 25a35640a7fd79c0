package dev.runbooks.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}) as a child
 * process on a free loopback port, clustering off, with its state, configuration and log in a
 * directory of its own. It is never silently skipped: without the binary the constructor fails and
 * says how to install it.
 */
final class RealAlertmanager implements AutoCloseable {
  /** Where the Debian package installs the binary. */
  static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dir;
  private final Path log;
  private final int port;
  private final Process process;

  /**
   * Starts Alertmanager with the given configuration and waits until it answers {@code /-/ready}.
   *
   * @param dir a directory for its configuration, storage and log
   * @param config the text of {@code alertmanager.yml}
   * @param ready how long to wait for it to become ready
   */
  RealAlertmanager(Path dir, String config, Duration ready)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          BINARY
              + " is missing: run scripts/install-deps.sh (as root; CI runs it) to install the"
              + " Debian package prometheus-alertmanager. This test drives the real Alertmanager"
              + " and is never skipped.");
    }
    this.dir = Files.createDirectories(dir);
    this.log = dir.resolve("alertmanager.log");
    this.port = freePort();
    Path file = dir.resolve("alertmanager.yml");
    Files.writeString(file, config);
    List<String> command =
        List.of(
            BINARY.toString(),
            "--config.file=" + file,
            "--storage.path=" + Files.createDirectories(dir.resolve("data")),
            "--web.listen-address=127.0.0.1:" + port,
            "--web.external-url=http://127.0.0.1:" + port,
            "--cluster.listen-address=",
            "--log.level=debug");
    this.process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitReady(ready);
  }

  /** The base URL of its API and UI. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** The configuration file it was started with. */
  Path configFile() {
    return dir.resolve("alertmanager.yml");
  }

  /**
   * Posts alerts to {@code POST /api/v2/alerts}, as Prometheus does.
   *
   * @param alertsJson a JSON array of postable alerts
   */
  void post(String alertsJson) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(alertsJson))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new AssertionError(
          "Alertmanager refused the alerts ("
              + answer.statusCode()
              + "): "
              + answer.body()
              + "\n"
              + logTail());
    }
  }

  /** The last lines of its log (standard output and error), for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
      return "--- Alertmanager log (" + log + ", last 40 lines) ---\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "--- Alertmanager log unreadable: " + e + " ---";
    }
  }

  /** Kills the process (SIGKILL) and waits for it to be gone. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Alertmanager (pid " + process.pid() + ") did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing Alertmanager", e);
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Alertmanager exited with " + process.exitValue() + " while starting\n" + logTail());
      }
      try {
        HttpResponse<String> answer =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(url() + "/-/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(100);
    }
    close();
    throw new AssertionError(
        "Alertmanager not ready within " + timeout + " (" + last + ")\n" + logTail());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
