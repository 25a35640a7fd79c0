package dev.runbooks.worker.loop;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real Prometheus server (Debian package {@code prometheus}) as a child process on a free
 * loopback port, with its configuration, rule files, TSDB and log in a directory of its own.
 */
public final class RealPrometheus extends RealProcess {
  /** Where the Debian package installs the binary. */
  public static final Path BINARY = Path.of("/usr/bin/prometheus");

  /**
   * Writes the configuration and the rule files, starts Prometheus and waits until it answers
   * {@code /-/ready}.
   *
   * @param dir a directory for its configuration, rules, TSDB and log
   * @param config the text of {@code prometheus.yml}; it is written to {@code dir}, so its {@code
   *     rule_files: [rules/*.yml]} reads the rule files
   * @param rules rule files by file name, written to {@code <dir>/rules}
   * @param ready how long to wait for it to become ready
   */
  public RealPrometheus(Path dir, String config, Map<String, String> rules, Duration ready)
      throws IOException, InterruptedException {
    super(
        "Prometheus",
        BINARY,
        "prometheus",
        prepare(dir, config, rules),
        port ->
            List.of(
                "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info"),
        ready);
  }

  private static Path prepare(Path dir, String config, Map<String, String> rules)
      throws IOException {
    Path ruleDir = Files.createDirectories(dir.resolve("rules"));
    for (Map.Entry<String, String> rule : rules.entrySet()) {
      Files.writeString(ruleDir.resolve(rule.getKey()), rule.getValue());
    }
    Files.createDirectories(dir.resolve("tsdb"));
    Files.writeString(dir.resolve("prometheus.yml"), config);
    return dir;
  }

  /** {@code GET /api/v1/alerts}: the alerts its rules hold pending or firing, as JSON text. */
  public String alerts() throws IOException, InterruptedException {
    return get("/api/v1/alerts");
  }

  /** {@code GET /api/v1/rules}: the rule groups it loaded, with their health, as JSON text. */
  public String rules() throws IOException, InterruptedException {
    return get("/api/v1/rules");
  }

  /** An instant query, as JSON text. */
  public String query(String promql) throws IOException, InterruptedException {
    return get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
  }

  /** {@code GET /api/v1/targets}, as JSON text. */
  public String targets() throws IOException, InterruptedException {
    return get("/api/v1/targets");
  }
}
