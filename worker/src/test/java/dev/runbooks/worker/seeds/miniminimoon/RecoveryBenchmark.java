package dev.runbooks.worker.seeds.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.Testbed;
import dev.runbooks.testbed.TestbedOptions;
import dev.runbooks.worker.seeds.SeedHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Measures how fast the six MINIMINIMOON scenario runbooks recover the pipeline: from the moment
 * the Alertmanager notification is posted to the worker's webhook until the testbed's {@code GET
 * /admin/state} says {@code recovered: true} (polled every few milliseconds). Seed 003 sets the
 * targets (network_failure 0.967 s, disk_full 0.891 s, cpu_throttling 0.777 s); the goal is a
 * quarter of each.
 *
 * <p>Every iteration starts a MINIMINIMOON testbed of its own on a new port, so its alerts carry a
 * new {@code instance} label: a new dedup key and no cooldown from the iteration before. The worker
 * must reach that port on {@code bench.testbedHost}.
 *
 * <p>System properties: {@code bench.n} (iterations per scenario, default 20), {@code bench.warmup}
 * (untimed rounds of all six first, default 1: the first runs of a fresh JVM and worker are slow),
 * {@code bench.out} (a file the table is also written to), {@code bench.worker} (the worker's base
 * URL, such as {@code http://127.0.0.1:8080}; without it the in-process {@link SeedHarness} is
 * started), {@code bench.token} (a bearer token for the webhook), {@code bench.testbedHost}
 * (default 127.0.0.1), {@code bench.pollMillis} (default 3). Run it with the test classpath, for
 * example {@code java -cp ... dev.runbooks.worker.seeds.miniminimoon.RecoveryBenchmark}.
 */
public final class RecoveryBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * How to run: iterations measured and untimed warm-up rounds (each runs every scenario once),
   * worker URL, webhook token (or null), the host testbeds bind, the poll interval and where
   * testbeds keep their files.
   */
  public record Options(
      int n,
      int warmup,
      String worker,
      String token,
      String testbedHost,
      long pollMillis,
      Path dataDir) {}

  /** The measurements of one scenario, in milliseconds. */
  public record Row(
      RecoveryScenario scenario,
      List<Double> recoveredMillis,
      List<Double> startMillis,
      int resolved) {

    /** The median time to recovery. */
    public double median() {
      return percentile(recoveredMillis, 50);
    }

    /** The 95th percentile of the time to recovery. */
    public double p95() {
      return percentile(recoveredMillis, 95);
    }

    /** Whether the 95th percentile is within the goal. */
    public boolean met() {
      return p95() < scenario.goalMillis();
    }
  }

  private final Options options;

  /** A benchmark with these options. */
  public RecoveryBenchmark(Options options) {
    this.options = options;
  }

  /** Runs every scenario {@code n} times and returns one row per scenario. */
  public List<Row> run() throws Exception {
    for (int w = 0; w < options.warmup(); w++) {
      for (RecoveryScenario scenario : RecoveryScenario.ALL) {
        once(scenario, -1 - w);
      }
    }
    List<Row> rows = new ArrayList<>();
    for (RecoveryScenario scenario : RecoveryScenario.ALL) {
      List<Double> recovered = new ArrayList<>();
      List<Double> started = new ArrayList<>();
      int resolved = 0;
      for (int i = 0; i < options.n(); i++) {
        double[] sample = once(scenario, i);
        recovered.add(sample[0]);
        started.add(sample[1]);
        resolved += sample[2] > 0 ? 1 : 0;
      }
      rows.add(new Row(scenario, recovered, started, resolved));
    }
    return rows;
  }

  /** One iteration: returns {recovered ms, alert received to run started ms, 1 if resolved}. */
  private double[] once(RecoveryScenario scenario, int iteration) throws Exception {
    Path dir =
        options.dataDir().resolve(scenario.fault() + "-" + iteration + "-" + System.nanoTime());
    try (Testbed testbed =
        Testbed.start(
            new TestbedOptions(
                options.testbedHost(), Map.of(), true, dir, null, 0, Set.of(Moon.SYSTEM)))) {
      String base = testbed.url(Moon.SYSTEM).toString();
      send("POST", base + "/admin/faults/" + scenario.fault(), scenario.params());
      if (send("GET", base + "/admin/state", null).path("recovered").asBoolean()) {
        throw new IllegalStateException(scenario.name() + ": the fault did not break the pipeline");
      }
      ObjectNode payload = payload(scenario, testbed.instance(Moon.SYSTEM));
      long t0 = System.nanoTime();
      JsonNode accepted = send("POST", options.worker() + "/webhooks/alertmanager", payload);
      long deadline = t0 + Duration.ofSeconds(30).toNanos();
      while (!send("GET", base + "/admin/state", null).path("recovered").asBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(scenario.name() + ": not recovered within 30 s");
        }
        Thread.sleep(options.pollMillis());
      }
      double recoveredMillis = (System.nanoTime() - t0) / 1e6;
      JsonNode alert = awaitDispatched(accepted.path("ids").path(0).asLong());
      String workflowId = alert.path("routes").path(0).path("workflowId").asText();
      JsonNode run = awaitRun(workflowId);
      double startMillis =
          Duration.between(
                      Instant.parse(alert.path("receivedAt").asText()),
                      Instant.parse(run.path("startTime").asText()))
                  .toNanos()
              / 1e6;
      boolean resolved = run.path("report").path("outcome").asText().equals("resolved");
      return new double[] {recoveredMillis, startMillis, resolved ? 1 : 0};
    } finally {
      deleteQuietly(dir);
    }
  }

  private JsonNode awaitDispatched(long alertId) throws Exception {
    for (int i = 0; i < 3000; i++) {
      JsonNode alert = send("GET", options.worker() + "/api/alerts/" + alertId, null);
      if (!alert.path("state").asText().equals("pending")) {
        return alert;
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("alert " + alertId + " still pending");
  }

  private JsonNode awaitRun(String workflowId) throws Exception {
    for (int i = 0; i < 3000; i++) {
      JsonNode run = send("GET", options.worker() + "/api/runs/" + workflowId, null);
      String status = run.path("executionStatus").asText();
      if (!status.isEmpty() && !status.equals("running")) {
        return run;
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("run " + workflowId + " still running after 60 s");
  }

  private ObjectNode payload(RecoveryScenario scenario, String instance) {
    Map<String, String> labels = new TreeMap<>();
    labels.put("alertname", scenario.alertname());
    labels.put("instance", instance);
    labels.put("job", Moon.SYSTEM);
    labels.put("severity", scenario.severity());
    ObjectNode body = JSON.createObjectNode();
    body.put("receiver", "runbooks");
    body.put("status", "firing");
    ObjectNode alert = body.putArray("alerts").addObject();
    alert.put("status", "firing");
    alert.set("labels", JSON.valueToTree(labels));
    alert.set("annotations", JSON.createObjectNode());
    alert.put("startsAt", Instant.now().minusSeconds(60).toString());
    alert.put("endsAt", "0001-01-01T00:00:00Z");
    alert.put("generatorURL", "http://prometheus:9090/graph?g0.expr=" + scenario.alertname());
    alert.put("fingerprint", Integer.toHexString(labels.hashCode()));
    body.set("groupLabels", JSON.valueToTree(Map.of("alertname", scenario.alertname())));
    body.set("commonLabels", JSON.valueToTree(labels));
    body.set("commonAnnotations", JSON.createObjectNode());
    body.put("externalURL", "http://alertmanager:9093");
    body.put("version", "4");
    body.put("groupKey", "{}:{alertname=\"" + scenario.alertname() + "\"}");
    body.put("truncatedAlerts", 0);
    return body;
  }

  private JsonNode send(String method, String url, Object body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    if (options.token() != null && url.startsWith(options.worker())) {
      request.header("Authorization", "Bearer " + options.token());
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          method + " " + url + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
  }

  /** The value below which the given share of the samples lie (nearest rank). */
  static double percentile(List<Double> samples, double percent) {
    List<Double> sorted = samples.stream().sorted().toList();
    int rank = (int) Math.ceil(percent / 100 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** The results as a Markdown table. */
  public static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder();
    out.append("MINIMINIMOON recovery: alert posted -> testbed reports recovered\n\n");
    out.append(
        "| scenario | n | resolved | median ms | p95 ms | target ms | goal ms | met? |"
            + " alert -> run start, median ms |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %.1f | %.1f | %.0f | %.1f | %s | %.1f |%n",
              row.scenario().name(),
              row.recoveredMillis().size(),
              row.resolved(),
              row.median(),
              row.p95(),
              row.scenario().targetSeconds() * 1000,
              row.scenario().goalMillis(),
              row.met() ? "yes" : "no",
              percentile(row.startMillis(), 50)));
    }
    out.append("\nmet? = p95 below the goal, a quarter of seed 003's target recovery time.\n");
    return out.toString();
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // leftovers of a benchmark directory do no harm
    }
  }

  /** Runs the benchmark with the options of the system properties and prints the table. */
  public static void main(String[] args) throws Exception {
    String worker = System.getProperty("bench.worker");
    if (worker == null || worker.isBlank()) {
      worker = SeedHarness.get().api();
    }
    Options options =
        new Options(
            Integer.getInteger("bench.n", 20),
            Integer.getInteger("bench.warmup", 1),
            worker.replaceAll("/+$", ""),
            System.getProperty("bench.token"),
            System.getProperty("bench.testbedHost", "127.0.0.1"),
            Long.getLong("bench.pollMillis", 3),
            Files.createTempDirectory("miniminimoon-bench"));
    String table = table(new RecoveryBenchmark(options).run());
    System.out.println(table);
    String out = System.getProperty("bench.out");
    if (out != null && !out.isBlank()) {
      Path file = Path.of(out);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, table);
    }
    deleteQuietly(options.dataDir());
    System.exit(0);
  }
}
