package dev.runbooks.worker.loop;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Prometheus Alertmanager (Debian package {@code prometheus-alertmanager}) as a child
 * process on a free loopback port, clustering off, with its state, configuration and log in a
 * directory of its own.
 */
public final class RealAlertmanager extends RealProcess {
  /** Where the Debian package installs the binary. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus-alertmanager");

  /**
   * Starts Alertmanager with the given configuration and waits until it answers {@code /-/ready}.
   *
   * @param dir a directory for its configuration, storage and log
   * @param config the text of {@code alertmanager.yml}
   * @param ready how long to wait for it to become ready
   */
  public RealAlertmanager(Path dir, String config, Duration ready)
      throws IOException, InterruptedException {
    super(
        "Alertmanager",
        BINARY,
        "prometheus-alertmanager",
        prepare(dir, config),
        port ->
            List.of(
                "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--web.external-url=http://127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=debug"),
        ready);
  }

  private static Path prepare(Path dir, String config) throws IOException {
    Files.createDirectories(dir.resolve("data"));
    Files.writeString(dir.resolve("alertmanager.yml"), config);
    return dir;
  }

  /**
   * Posts alerts to {@code POST /api/v2/alerts}, as Prometheus does.
   *
   * @param alertsJson a JSON array of postable alerts
   */
  public void post(String alertsJson) throws IOException, InterruptedException {
    HttpResponse<String> answer = postJson("/api/v2/alerts", alertsJson);
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

  /** {@code GET /api/v2/alerts}: the alerts it holds, as JSON text. */
  public String alerts() throws IOException, InterruptedException {
    return get("/api/v2/alerts");
  }
}
