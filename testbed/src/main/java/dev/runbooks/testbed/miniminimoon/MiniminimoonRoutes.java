package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.http.HttpError;
import dev.runbooks.testbed.http.Request;
import dev.runbooks.testbed.http.Response;
import dev.runbooks.testbed.http.Router;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The operational API of MINIMINIMOON: what the seed's diagnosis reads and what its remediation
 * does, as HTTP endpoints (the seed runs {@code orchestrator.get_health()}, {@code df}, {@code
 * top}, {@code grep logs/*.log}, restarts with a new configuration; here each is one call).
 *
 * <ul>
 *   <li>{@code GET /health}: status of the 11 nodes, error rate, latency, warnings, resources (503
 *       when a node is unhealthy); answered after the health check's own duration.
 *   <li>{@code GET /logs?grep=a|b&level=ERROR&limit=100}: recent log lines.
 *   <li>{@code GET /network}: ping, DNS, firewall and hosts, the network mode and the model caches;
 *       {@code POST /network/config} {@code {mode, max_retries, backoff_base_seconds}}; {@code POST
 *       /network/restart} restarts the network service; {@code POST /models/precache} downloads the
 *       models into the caches.
 *   <li>{@code GET /storage}: df, du, large files, storage modes; {@code POST /storage/cleanup}
 *       (see {@link DiskCleanup}); {@code POST /storage/mode} {@code {streaming, cache_embeddings,
 *       save_intermediate, compress_results, log_level}}.
 *   <li>{@code GET /cpu}: usage, frequency, temperature, processes, configuration, latency; {@code
 *       GET|POST /config} the orchestrator configuration {@code {parallel_processing, workers,
 *       embedding_batch_size, monte_carlo_iterations}}, applied at once (the answer holds the CPU
 *       diagnostics before and after); {@code POST /config/adaptive} {@code {rules: [{cpu_above,
 *       config}], otherwise}} lets the orchestrator pick the config for its current CPU usage.
 *   <li>{@code POST /pipeline/process} {@code {plan}}: processes a test plan now.
 * </ul>
 */
final class MiniminimoonRoutes {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final MiniminimoonSystem system;

  MiniminimoonRoutes(MiniminimoonSystem system) {
    this.system = system;
  }

  void register(Router router) {
    router.get("/health", r -> health());
    router.get("/logs", this::logs);
    router.get("/network", r -> Response.ok(network()));
    router.post("/network/config", this::networkConfig);
    router.post("/network/restart", r -> networkRestart());
    router.post("/models/precache", r -> precache());
    router.get("/storage", r -> Response.ok(system.storage().usage()));
    router.post("/storage/cleanup", this::cleanup);
    router.post("/storage/mode", r -> Response.ok(system.storage().mode().apply(r.body())));
    router.get("/cpu", r -> Response.ok(cpu()));
    router.get("/config", r -> Response.ok(system.cpu().config()));
    router.post("/config", this::config);
    router.post("/config/adaptive", this::adaptive);
    router.post("/pipeline/process", this::process);
  }

  private Response health() {
    ObjectNode health = system.pipeline().health();
    int status = health.path("overall_status").asText().equals("unhealthy") ? 503 : 200;
    long checkMillis = Math.min(250, Math.round(health.path("health_check_ms").asDouble()));
    return Response.status(status, health).delayed(Duration.ofMillis(checkMillis));
  }

  private Response logs(Request r) {
    int limit = Integer.parseInt(r.query("limit", "100"));
    List<String> lines =
        system.pipeline().log().query(r.query("grep", ""), r.query("level", null), limit);
    ObjectNode body = JSON.objectNode();
    ArrayNode list = body.putArray("lines");
    lines.forEach(list::add);
    body.put("count", lines.size());
    return Response.ok(body);
  }

  private List<String> missingCaches() {
    List<String> missing = new ArrayList<>();
    for (String cache : List.of("huggingface", "spacy")) {
      if (!system.storage().cached(cache)) {
        missing.add(cache);
      }
    }
    return missing;
  }

  ObjectNode network() {
    Network network = system.network();
    ObjectNode node = network.connectivity();
    node.set("config", network.config());
    ObjectNode cache = node.putObject("cache");
    List<String> missing = missingCaches();
    cache.put("huggingface", !missing.contains("huggingface"));
    cache.put("spacy", !missing.contains("spacy"));
    cache.put("complete", missing.isEmpty());
    ObjectNode components = node.putObject("components");
    ObjectNode health = system.pipeline().health();
    for (String component : Network.HOST_OF.keySet()) {
      components.set(component, health.path("components").path(component));
    }
    return node;
  }

  private Response networkConfig(Request r) {
    system.network().configure(r.body(), missingCaches());
    system.log("INFO", "network configuration: " + system.network().config());
    return Response.ok(network());
  }

  private Response networkRestart() {
    boolean restored = system.network().restart();
    system.log(
        "INFO", "NetworkManager restarted; connectivity " + (restored ? "ok" : "still down"));
    ObjectNode body = network();
    body.put("restored", restored);
    return Response.ok(body);
  }

  private Response precache() {
    Network network = system.network();
    ObjectNode body = JSON.objectNode();
    ArrayNode downloaded = body.putArray("downloaded");
    for (String component : Network.HOST_OF.keySet()) {
      String cache = Network.CACHE_OF.get(component);
      if (system.storage().cached(cache)) {
        continue;
      }
      if (network.loss(Network.HOST_OF.get(component)) >= 1) {
        throw HttpError.unavailable(
            "cannot download the "
                + cache
                + " model: "
                + Network.HOST_OF.get(component)
                + " unreachable");
      }
      long needed = cache.equals("huggingface") ? Storage.MIB : 512 * Storage.KIB;
      if (system.storage().used() + needed > system.storage().capacity()) {
        throw new HttpError(507, "No space left on device for the " + cache + " model");
      }
      system.storage().writeModels(cache);
      downloaded.add(cache);
    }
    body.set("cache", network().path("cache"));
    return Response.ok(body);
  }

  private Response cleanup(Request r) {
    ObjectNode report = new DiskCleanup(system.storage()).run(r.body());
    system.log("INFO", "storage cleanup freed " + report.path("freed_bytes").asLong() + " bytes");
    return Response.ok(report);
  }

  private ObjectNode cpu() {
    ObjectNode node = system.cpu().diagnostics();
    ObjectNode health = system.pipeline().health();
    node.set("latency", health.path("latency"));
    ObjectNode summary = node.putObject("execution_summary");
    summary.put("latency_p95", health.path("latency").path("p95_seconds").asDouble());
    summary.put("latency_p99", health.path("latency").path("p99_seconds").asDouble());
    summary.put("plans_ok", system.pipeline().succeeded());
    summary.put("plans_failed", system.pipeline().failed());
    return node;
  }

  private Response config(Request r) {
    return Response.ok(apply(r.body(), JSON.objectNode()));
  }

  /** Applies a configuration and answers the CPU diagnostics before and after it. */
  private ObjectNode apply(JsonNode config, ObjectNode body) {
    body.set("before", cpu());
    ObjectNode applied = system.cpu().configure(config);
    system.log("INFO", "orchestrator reloaded with " + applied);
    body.set("config", applied);
    body.set("after", cpu());
    return body;
  }

  /**
   * The seed's adaptive configuration, done by the orchestrator as its code does: it reads its CPU
   * usage and applies the config of the first rule whose {@code cpu_above} it exceeds, else {@code
   * otherwise}.
   */
  private Response adaptive(Request r) {
    double cpuPercent = system.cpu().percent();
    JsonNode chosen = r.body().path("otherwise");
    String rule = "otherwise";
    int index = 0;
    for (JsonNode candidate : r.body().path("rules")) {
      if (!candidate.path("cpu_above").isNumber() || !candidate.path("config").isObject()) {
        throw new IllegalArgumentException("each rule needs a number cpu_above and a config");
      }
      if (cpuPercent > candidate.path("cpu_above").asDouble()) {
        chosen = candidate.path("config");
        rule = "rules[" + index + "]";
        break;
      }
      index++;
    }
    if (!chosen.isObject()) {
      throw new IllegalArgumentException("no rule matched and there is no otherwise config");
    }
    ObjectNode body = JSON.objectNode();
    body.put("cpu_percent", Cpu.round(cpuPercent));
    body.put("rule", rule);
    return Response.ok(apply(chosen, body));
  }

  private Response process(Request r) {
    ObjectNode result = system.pipeline().process(r.text("plan", "test_plan.txt"), system.now());
    return Response.ok(result);
  }
}
