package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The machine's CPU and the pipeline's processing configuration, and the load and latency that
 * follow from them. Each active worker needs CPU in proportion to the embedding batch size and the
 * Monte Carlo iterations of DAG validation; the CPU offers its cores at a frequency that thermal
 * throttling lowers; another process may take cores too. Latency grows with the utilization like a
 * queue's: {@code p50 = base * load / frequency / (1 - utilization)}.
 */
final class Cpu {
  static final int CORES = 8;
  private static final double BASE_P50_SECONDS = 0.3;
  private static final double MAX_LATENCY_SECONDS = 120;
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private double frequency = 1.0;
  private double loadFactor = 1.0;
  private double hogCores;
  private int workers = 4;
  private boolean parallel = true;
  private int batchSize = 32;
  private int monteCarlo = 5000;
  private int reconfigurations;

  /** Back to a cool CPU and the default configuration. */
  void reset() {
    frequency = 1.0;
    loadFactor = 1.0;
    hogCores = 0;
    workers = 4;
    parallel = true;
    batchSize = 32;
    monteCarlo = 5000;
    reconfigurations = 0;
  }

  /** Throttles the CPU to a share of its nominal frequency (1: not throttled). */
  void throttle(double share) {
    if (share <= 0.05 || share > 1) {
      throw new IllegalArgumentException("frequency_factor must be in (0.05, 1], not " + share);
    }
    frequency = share;
  }

  /** Makes each plan this many times heavier to process (1: normal). */
  void load(double factor) {
    if (factor < 1 || factor > 10) {
      throw new IllegalArgumentException("load_factor must be in [1, 10], not " + factor);
    }
    loadFactor = factor;
  }

  /** Another process takes this many cores (0: none). */
  void hog(double cores) {
    if (cores < 0 || cores > 4 * CORES) {
      throw new IllegalArgumentException("cores must be in [0, " + 4 * CORES + "], not " + cores);
    }
    hogCores = cores;
  }

  int activeWorkers() {
    return parallel ? workers : 1;
  }

  /** The cores the pipeline's workers need. */
  double demand() {
    double perWorker = 0.2 + 0.3 * batchSize / 32.0 + 0.2 * monteCarlo / 5000.0;
    return activeWorkers() * perWorker * loadFactor;
  }

  private double capacity() {
    return CORES * frequency;
  }

  /** CPU usage in percent of the (throttled) capacity, at most 100. */
  double percent() {
    return Math.min(100, 100 * (demand() + hogCores) / capacity());
  }

  private double utilization() {
    return Math.min(0.97, (demand() + hogCores) / capacity());
  }

  /** The median seconds a plan takes. */
  double p50() {
    return Math.min(
        MAX_LATENCY_SECONDS, BASE_P50_SECONDS * loadFactor / frequency / (1 - utilization()));
  }

  /** The 95th percentile of plan seconds. */
  double p95() {
    return Math.min(MAX_LATENCY_SECONDS, 2 * p50());
  }

  /** The 99th percentile of plan seconds. */
  double p99() {
    return Math.min(MAX_LATENCY_SECONDS, 2.5 * p50());
  }

  /** How long the health check takes, in milliseconds. */
  double healthCheckMillis() {
    return 20 / frequency / (1 - utilization());
  }

  /** The temperature thermal throttling implies. */
  double temperature() {
    return frequency < 1 ? 97 - 10 * frequency : 55 + 20 * percent() / 100;
  }

  /** Whether the CPU runs below its nominal frequency. */
  boolean throttled() {
    return frequency < 1;
  }

  /**
   * Applies the orchestrator configuration: {@code parallel_processing}, {@code workers}, {@code
   * embedding_batch_size}, {@code monte_carlo_iterations}. The orchestrator reloads it at once.
   */
  ObjectNode configure(JsonNode body) {
    boolean newParallel = body.path("parallel_processing").asBoolean(parallel);
    int newWorkers = body.path("workers").asInt(workers);
    int newBatch = body.path("embedding_batch_size").asInt(batchSize);
    int newIterations = body.path("monte_carlo_iterations").asInt(monteCarlo);
    if (newWorkers < 1 || newWorkers > 64) {
      throw new IllegalArgumentException("workers must be 1..64, not " + newWorkers);
    }
    if (newBatch < 1 || newBatch > 512) {
      throw new IllegalArgumentException("embedding_batch_size must be 1..512, not " + newBatch);
    }
    if (newIterations < 100 || newIterations > 100_000) {
      throw new IllegalArgumentException(
          "monte_carlo_iterations must be 100..100000, not " + newIterations);
    }
    parallel = newParallel;
    workers = newWorkers;
    batchSize = newBatch;
    monteCarlo = newIterations;
    reconfigurations++;
    return config();
  }

  /** The orchestrator configuration. */
  ObjectNode config() {
    ObjectNode config = JSON.objectNode();
    config.put("parallel_processing", parallel);
    config.put("workers", workers);
    config.put("active_workers", activeWorkers());
    config.put("embedding_batch_size", batchSize);
    config.put("monte_carlo_iterations", monteCarlo);
    config.put("reconfigurations", reconfigurations);
    return config;
  }

  /** The latency percentiles in seconds. */
  ObjectNode latency() {
    ObjectNode latency = JSON.objectNode();
    latency.put("p50_seconds", round(p50()));
    latency.put("p95_seconds", round(p95()));
    latency.put("p99_seconds", round(p99()));
    return latency;
  }

  /** What {@code top}, {@code sensors} and the frequency files show. */
  ObjectNode diagnostics() {
    ObjectNode node = JSON.objectNode();
    node.put("cpu_percent", round(percent()));
    node.put("cores", CORES);
    node.put("frequency_mhz", Math.round(3000 * frequency));
    node.put("max_frequency_mhz", 3000);
    node.put("throttled", throttled());
    node.put("temperature_c", round(temperature()));
    node.put("load_average_1m", round((demand() + hogCores) * Math.min(1, 1 / frequency)));
    node.put("health_check_ms", round(healthCheckMillis()));
    node.set("config", config());
    node.set("latency", latency());
    ArrayNode top = node.putArray("processes");
    // Cores each process gets, in top's percent (100 per core), shared out when oversubscribed.
    double share = 100.0 * Math.min(1, capacity() / (demand() + hogCores));
    if (hogCores > 0) {
      ObjectNode hog = top.addObject();
      hog.put("pid", 5151);
      hog.put("command", "backup-compress --level 9 /srv/archive");
      hog.put("cpu_percent", round(hogCores * share));
      hog.put("pipeline", false);
    }
    for (int i = 0; i < activeWorkers(); i++) {
      ObjectNode worker = top.addObject();
      worker.put("pid", 4242 + i);
      worker.put("command", "python miniminimoon_orchestrator.py --worker " + i);
      worker.put("cpu_percent", round(demand() / activeWorkers() * share));
      worker.put("pipeline", true);
    }
    return node;
  }

  static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
