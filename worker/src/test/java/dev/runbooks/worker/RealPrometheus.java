package dev.runbooks.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Prometheus server (Debian package {@code prometheus}) as a child process on a free
 * loopback port, with its configuration, rule files, TSDB and log in a directory of its own. Never
 * silently skipped: without the binary the constructor fails and says how to install it.
 */
final class RealPrometheus implements AutoCloseable {
  /** Where the Debian package installs the binary. */
  static final Path BINARY = Path.of("/usr/bin/prometheus");

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Path log;
  private final int port;
  private final Process process;

  /**
   * Starts Prometheus and waits until it answers {@code /-/ready}.
   *
   * @param dir a directory for its configuration, rules, TSDB and log
   * @param config the text of {@code prometheus.yml}; {@code RULES_DIR} in it is replaced by the
   *     directory the rule files are written to
   * @param rules rule files by file name
   */
  RealPrometheus(Path dir, String config, Map<String, String> rules, Duration ready)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(BINARY)) {
      throw new AssertionError(
          BINARY
              + " is missing: run scripts/install-deps.sh (as root; CI runs it) to install the"
              + " Debian package prometheus. This test drives the real Prometheus and is never"
              + " skipped.");
    }
    Files.createDirectories(dir);
    Path ruleDir = Files.createDirectories(dir.resolve("rules"));
    for (Map.Entry<String, String> rule : rules.entrySet()) {
      Files.writeString(ruleDir.resolve(rule.getKey()), rule.getValue());
    }
    Path file = dir.resolve("prometheus.yml");
    Files.writeString(file, config.replace("RULES_DIR", ruleDir.toString()));
    this.log = dir.resolve("prometheus.log");
    this.port = freePort();
    List<String> command = new ArrayList<>();
    command.add(BINARY.toString());
    command.add("--config.file=" + file);
    command.add("--storage.tsdb.path=" + Files.createDirectories(dir.resolve("tsdb")));
    command.add("--web.listen-address=127.0.0.1:" + port);
    command.add("--log.level=info");
    this.process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    awaitReady(ready);
  }

  /** The base URL of its API and UI. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code GET /api/v1/alerts}: the alerts its rules hold pending or firing, as JSON text. */
  String alerts() throws IOException, InterruptedException {
    return get("/api/v1/alerts");
  }

  /** An instant query, as JSON text. */
  String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** {@code GET /api/v1/targets}, as JSON text. */
  String targets() throws IOException, InterruptedException {
    return get("/api/v1/targets");
  }

  private String get(String path) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The last lines of its log, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
      return "--- Prometheus log (" + log + ", last 30 lines) ---\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "--- Prometheus log unreadable: " + e + " ---";
    }
  }

  /** Kills the process and waits for it to be gone. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Prometheus (pid " + process.pid() + ") did not die");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing Prometheus", e);
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(
            "Prometheus exited with " + process.exitValue() + " while starting\n" + logTail());
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
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("Prometheus not ready after " + timeout + "\n" + logTail());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
