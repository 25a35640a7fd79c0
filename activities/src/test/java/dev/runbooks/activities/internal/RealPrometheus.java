package dev.runbooks.activities.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Prometheus (the Debian {@code prometheus} package, installed by {@code
 * scripts/install-deps.sh}) on a free loopback port, with a temporary config and TSDB directory,
 * scraping itself every second.
 */
final class RealPrometheus implements AutoCloseable {
  /** Where the Debian package puts the binary; {@code PROMETHEUS_BIN} overrides it. */
  static final Path BINARY =
      Path.of(System.getenv().getOrDefault("PROMETHEUS_BIN", "/usr/bin/prometheus"));

  private final Path dir;
  private final Process process;
  private final int port;

  RealPrometheus() throws IOException, InterruptedException {
    dir = Files.createTempDirectory("prometheus-test");
    port = freePort();
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        String.join(
            "\n",
            "global:",
            "  scrape_interval: 1s",
            "  evaluation_interval: 1s",
            "scrape_configs:",
            "  - job_name: prometheus",
            "    static_configs:",
            "      - targets: ['127.0.0.1:" + port + "']",
            ""));
    process =
        new ProcessBuilder(
                List.of(
                    BINARY.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    "--log.level=warn"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    awaitFirstScrape();
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitFirstScrape() throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    URI probe = URI.create(url() + "/api/v1/query?query=up");
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        String body =
            client
                .send(HttpRequest.newBuilder(probe).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        if (body.contains("\"job\":\"prometheus\"")) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("prometheus did not scrape itself within 60s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
