package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The eleven pipeline nodes and what the network, the disk and the CPU do to them: each node's
 * error rate and status, the plan latency, the health check, processing plans (with error counters
 * and log lines, written to {@code logs/orchestrator.log} and kept in memory for {@code /logs}).
 *
 * <p>A node is unhealthy at an error rate of 50% or more (or when it crashed), degraded above 1%.
 * The pipeline is recovered ({@code pipeline_ok}) when every node is healthy and the p99 latency is
 * at most 5 s. Errors are counted deterministically: each node owes its error rate per plan and
 * fails the plan whenever the debt reaches one.
 */
final class Pipeline {
  static final List<String> COMPONENTS =
      List.of(
          "sanitization",
          "plan_processing",
          "document_segmentation",
          "embedding",
          "responsibility_detection",
          "contradiction_detection",
          "monetary_detection",
          "feasibility_scoring",
          "causal_detection",
          "teoria_cambio",
          "dag_validation");
  private static final Map<String, String> ESSENTIAL_WRITES =
      Map.of("plan_processing", "execution context", "dag_validation", "evidence registry");
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Network network;
  private final Storage storage;
  private final Cpu cpu;
  private final Set<String> crashed = new TreeSet<>();
  private final Map<String, Double> owed = new HashMap<>();
  private final Map<String, Long> errors = new LinkedHashMap<>();
  private final PipelineLog log;
  private long succeeded;
  private long failed;
  private long sequence;

  Pipeline(Network network, Storage storage, Cpu cpu) {
    this.network = network;
    this.storage = storage;
    this.cpu = cpu;
    this.log = new PipelineLog(storage);
  }

  /** Clears crashes, counters and logs. */
  void reset() {
    crashed.clear();
    owed.clear();
    errors.clear();
    COMPONENTS.forEach(c -> errors.put(c, 0L));
    log.clear();
    succeeded = 0;
    failed = 0;
  }

  /** Crashes a node (it fails every call until the crash is cleared). */
  void crash(String component) {
    if (!COMPONENTS.contains(component)) {
      throw new IllegalArgumentException("unknown component '" + component + "'");
    }
    crashed.add(component);
  }

  void clearCrashes() {
    crashed.clear();
  }

  /** What one moment of the system looks like to the pipeline, read once per question. */
  private record Snapshot(double usedPercent, boolean hfCached, boolean spacyCached) {}

  private Snapshot snapshot() {
    return snapshot(storage.files());
  }

  private Snapshot snapshot(List<DataFiles.Entry> files) {
    return new Snapshot(
        storage.usedPercent(files),
        Storage.cached(files, "huggingface"),
        Storage.cached(files, "spacy"));
  }

  private static boolean cached(Snapshot s, String component) {
    String cache = Network.CACHE_OF.get(component);
    return cache != null && (cache.equals("huggingface") ? s.hfCached() : s.spacyCached());
  }

  private double storageError(Snapshot s, String component) {
    if (ESSENTIAL_WRITES.containsKey(component)) {
      return Storage.essentialWriteFailure(s.usedPercent());
    }
    boolean optional =
        (component.equals("embedding") && storage.mode().cacheEmbeddings())
            || (component.equals("document_segmentation") && storage.mode().writesIntermediate());
    return optional ? Storage.optionalWriteFailure(s.usedPercent()) : 0;
  }

  private double errorRate(Snapshot s, String component) {
    double crash = crashed.contains(component) ? 1 : 0;
    double net = network.errorRate(component, cached(s, component));
    double disk = storageError(s, component);
    return 1 - (1 - crash) * (1 - net) * (1 - disk);
  }

  private String reason(Snapshot s, String component) {
    if (crashed.contains(component)) {
      return "worker process exited: Segmentation fault (core dumped)";
    }
    if (network.errorRate(component, cached(s, component)) > 0) {
      String host = Network.HOST_OF.get(component);
      return network.mode().equals("offline")
          ? "OSError: no cached model for " + component + " (offline mode)"
          : "ConnectionError: "
              + host
              + " failed after "
              + (network.config().path("max_retries").asInt() + 1)
              + " attempts";
    }
    if (storageError(s, component) > 0) {
      String what =
          ESSENTIAL_WRITES.getOrDefault(
              component,
              component.equals("embedding") ? "embedding cache" : "intermediate outputs");
      return "OSError: [Errno 28] No space left on device (writing " + what + ")";
    }
    return null;
  }

  private static String status(double errorRate, boolean crash) {
    if (crash || errorRate >= 0.5) {
      return "unhealthy";
    }
    return errorRate > 0.01 ? "degraded" : "healthy";
  }

  private double p99(Snapshot s) {
    double retries = 0;
    for (String component : Network.HOST_OF.keySet()) {
      retries = Math.max(retries, network.retryDelayP99(component, cached(s, component)));
    }
    return Math.max(cpu.p99(), cpu.p50() + retries);
  }

  /** The health endpoint's answer (see the class comment for the statuses). */
  ObjectNode health() {
    return health(storage.files());
  }

  /** The health endpoint's answer for a listing of the data directory. */
  ObjectNode health(List<DataFiles.Entry> files) {
    Snapshot s = snapshot(files);
    ObjectNode health = JSON.objectNode();
    ObjectNode components = JSON.objectNode();
    boolean anyUnhealthy = false;
    boolean allHealthy = true;
    double ok = 1;
    for (String component : COMPONENTS) {
      double rate = errorRate(s, component);
      String status = status(rate, crashed.contains(component));
      ObjectNode node = components.putObject(component);
      node.put("status", status);
      node.put("error_rate", Cpu.round(rate));
      node.put("errors_total", errors.getOrDefault(component, 0L));
      node.put("reason", reason(s, component));
      anyUnhealthy |= status.equals("unhealthy");
      allHealthy &= status.equals("healthy");
      ok *= 1 - rate;
    }
    double p99 = p99(s);
    List<String> warnings = warnings(s, p99);
    health.put(
        "overall_status",
        anyUnhealthy ? "unhealthy" : allHealthy && warnings.isEmpty() ? "healthy" : "degraded");
    health.put("pipeline_ok", allHealthy && p99 <= 5);
    health.put("error_rate", Cpu.round(1 - ok));
    ObjectNode latency = cpu.latency();
    latency.put("p99_seconds", Cpu.round(p99));
    health.set("latency", latency);
    health.put("health_check_ms", Cpu.round(cpu.healthCheckMillis()));
    health.set("components", components);
    ArrayNode list = health.putArray("warnings");
    warnings.forEach(list::add);
    ObjectNode resources = health.putObject("resources");
    ObjectNode net = resources.putObject("network");
    net.put("reachable", Network.HOSTS.stream().anyMatch(h -> network.loss(h) < 1));
    net.put("max_loss", network.maxLoss());
    net.put("mode", network.mode());
    resources.putObject("disk").put("used_percent", Cpu.round(s.usedPercent()));
    ObjectNode c = resources.putObject("cpu");
    c.put("percent", Cpu.round(cpu.percent()));
    c.put("throttled", cpu.throttled());
    return health;
  }

  private List<String> warnings(Snapshot s, double p99) {
    List<String> warnings = new ArrayList<>();
    if (network.down()) {
      warnings.add("network unreachable (" + network.connectivity().path("cause").asText() + ")");
    } else if (network.maxLoss() > 0) {
      warnings.add(String.format(Locale.ROOT, "packet loss up to %.0f%%", 100 * network.maxLoss()));
    }
    if (s.usedPercent() >= 80) {
      warnings.add(String.format(Locale.ROOT, "disk %.1f%% used", s.usedPercent()));
    }
    if (cpu.percent() >= 85) {
      warnings.add(String.format(Locale.ROOT, "CPU at %.0f%%", cpu.percent()));
    }
    if (cpu.throttled()) {
      warnings.add(String.format(Locale.ROOT, "CPU throttled (%.0f C)", cpu.temperature()));
    }
    if (p99 > 5) {
      warnings.add(String.format(Locale.ROOT, "p99 latency %.1f s", p99));
    }
    if (cpu.healthCheckMillis() > 100) {
      warnings.add(
          String.format(Locale.ROOT, "health check took %.0f ms", cpu.healthCheckMillis()));
    }
    return warnings;
  }

  /** Whether every node is healthy and the latency normal. */
  boolean recovered() {
    return health().path("pipeline_ok").asBoolean();
  }

  /**
   * Processes one plan through the nodes in order, stopping at the first that fails; writes the log
   * lines, the execution context and the result (when the disk lets it).
   */
  ObjectNode process(String plan, String at) {
    Snapshot s = snapshot();
    sequence++;
    String trace = String.format(Locale.ROOT, "%08x", (sequence * 2654435761L) & 0xffffffffL);
    ObjectNode result = JSON.objectNode();
    result.put("plan", plan);
    result.put("trace_id", trace);
    ArrayNode executed = result.putArray("executed_nodes");
    String failedNode = null;
    for (String component : COMPONENTS) {
      double debt = owed.getOrDefault(component, 0.0) + errorRate(s, component);
      if (debt >= 1) {
        owed.put(component, debt - 1);
        errors.merge(component, 1L, Long::sum);
        failedNode = component;
        if (storageError(s, component) > 0) {
          storage.writeFailed();
        }
        log(at, "ERROR", trace, component + ": " + reason(s, component));
        break;
      }
      owed.put(component, debt);
      executed.add(component);
      String host = Network.HOST_OF.get(component);
      if (host != null && network.errorRate(component, cached(s, component)) > 0) {
        log(
            at,
            "INFO",
            trace,
            component + ": succeeded on retry " + network.typicalRetries(component));
      }
    }
    boolean ok = failedNode == null;
    result.put("ok", ok);
    result.put("failed_node", failedNode);
    result.put("duration_seconds", Cpu.round(cpu.p50()));
    if (ok) {
      succeeded++;
      log(at, "INFO", trace, String.format(Locale.ROOT, "Completed %s in %.2fs", plan, cpu.p50()));
      storage.put(
          "results/result_" + sequence % 5 + ".json",
          storage.data().jsonText(8 * Storage.KIB),
          false);
      storage.put(
          "execution_contexts/execution_context_" + sequence % 2 + ".json",
          storage.data().jsonText(8 * Storage.KIB),
          false);
    } else {
      failed++;
      result.put("error", reason(s, failedNode));
    }
    storage.rotateLog(256 * Storage.KIB);
    return result;
  }

  /** The log the pipeline writes. */
  PipelineLog log() {
    return log;
  }

  private void log(String at, String level, String trace, String message) {
    log.write(at + " " + level + " [trace=" + trace + "] " + message, level);
  }

  /** Errors by node since the start. */
  Map<String, Long> errors() {
    return errors;
  }

  long succeeded() {
    return succeeded;
  }

  long failed() {
    return failed;
  }
}
