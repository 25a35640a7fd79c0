package dev.runbooks.testbed.miniminimoon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.SystemContext;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The imitation of MINIMINIMOON (seed 003): a document pipeline of eleven nodes with a network
 * dependency (the embedding and spaCy models), a data directory of real files against a configured
 * capacity, and a CPU whose load and latency follow the worker count and batch size. It processes a
 * plan every half second, so error counters and logs move as they would under traffic.
 *
 * <p>Faults: {@code network_failure} ({@code cause}: upstream, dns, firewall or service), {@code
 * network_partial} ({@code loss} by host, default huggingface.co 0.2 and github.com 0.7), {@code
 * cache_evicted} (the model caches are deleted), {@code disk_full} ({@code culprit}: scratch or
 * results), {@code disk_partial} ({@code used_percent}, default 90; {@code culprit}: scratch or
 * results), {@code cpu_throttling} ({@code frequency_factor}, default 0.3), {@code cpu_partial}
 * ({@code load_factor}, default 2.2), {@code cpu_hog} ({@code cores}, default 7.5) and {@code
 * component_crash} ({@code component}, default dag_validation). The capacity is the system property
 * {@code miniminimoon.capacity-mb} (default 16). {@code GET /admin/state} says {@code recovered:
 * true} when every node is healthy and the latency normal.
 */
public final class MiniminimoonSystem implements TestbedSystem {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Network network = new Network();
  private final Cpu cpu = new Cpu();
  private final Map<String, JsonNode> faults = new LinkedHashMap<>();
  private Storage storage;
  private DiskFaults diskFaults;
  private Pipeline pipeline;
  private Clock clock = Clock.systemUTC();
  private ScheduledFuture<?> ticks;
  private boolean closed;

  @Override
  public String name() {
    return "miniminimoon";
  }

  @Override
  public int defaultPort() {
    return 8400;
  }

  @Override
  public void start(SystemContext context) {
    clock = context.clock();
    long capacity = Long.getLong("miniminimoon.capacity-mb", 16) * Storage.MIB;
    storage = new Storage(context.dataDir().resolve("data"), capacity, clock);
    diskFaults = new DiskFaults(storage);
    pipeline = new Pipeline(network, storage, cpu);
    reset();
    ticks =
        context
            .scheduler()
            .scheduleWithFixedDelay(
                () -> {
                  synchronized (this) {
                    if (!closed) {
                      pipeline.process("plan-traffic", now());
                    }
                  }
                },
                500,
                500,
                TimeUnit.MILLISECONDS);
  }

  Network network() {
    return network;
  }

  Cpu cpu() {
    return cpu;
  }

  Storage storage() {
    return storage;
  }

  Pipeline pipeline() {
    return pipeline;
  }

  String now() {
    return clock.instant().toString();
  }

  /** Writes a line to the orchestrator's log, as an operator action would leave one. */
  void log(String level, String message) {
    pipeline.log().write(now() + " " + level + " " + message, level);
  }

  @Override
  public void routes(Router router) {
    new MiniminimoonRoutes(this).register(router);
  }

  @Override
  public void metrics(Metrics metrics) {
    MiniminimoonMetrics.write(this, metrics);
  }

  @Override
  public Set<String> faults() {
    return Set.of(
        "network_failure",
        "network_partial",
        "cache_evicted",
        "disk_full",
        "disk_partial",
        "cpu_throttling",
        "cpu_partial",
        "cpu_hog",
        "component_crash");
  }

  @Override
  public void inject(String fault, JsonNode params) {
    switch (fault) {
      case "network_failure" -> network.outage(params.path("cause").asText("upstream"));
      case "network_partial" -> {
        network.loss(
            Network.HUGGINGFACE, params.path("loss").path(Network.HUGGINGFACE).asDouble(0.2));
        network.loss(Network.SPACY, params.path("loss").path(Network.SPACY).asDouble(0.7));
      }
      case "cache_evicted" -> DataFiles.deleteTree(storage.root().resolve("cache"));
      case "disk_full" -> diskFaults.full(params.path("culprit").asText("scratch"));
      case "disk_partial" ->
          diskFaults.partial(
              params.path("used_percent").asDouble(90), params.path("culprit").asText("scratch"));
      case "cpu_throttling" -> cpu.throttle(params.path("frequency_factor").asDouble(0.3));
      case "cpu_partial" -> cpu.load(params.path("load_factor").asDouble(2.2));
      case "cpu_hog" -> cpu.hog(params.path("cores").asDouble(7.5));
      case "component_crash" -> pipeline.crash(params.path("component").asText("dag_validation"));
      default -> throw new IllegalArgumentException("unknown fault '" + fault + "'");
    }
    faults.put(fault, params);
  }

  @Override
  public void clear(String fault) {
    switch (fault) {
      case "network_failure" -> network.restore();
      case "network_partial" -> network.clearLoss();
      case "cache_evicted" -> {
        storage.writeModels("huggingface");
        storage.writeModels("spacy");
      }
      case "disk_full", "disk_partial" -> diskFaults.clear();
      case "cpu_throttling" -> cpu.throttle(1.0);
      case "cpu_partial" -> cpu.load(1.0);
      case "cpu_hog" -> cpu.hog(0);
      case "component_crash" -> pipeline.clearCrashes();
      default -> {
        return;
      }
    }
    faults.remove(fault);
  }

  @Override
  public void reset() {
    network.reset();
    cpu.reset();
    storage.baseline();
    diskFaults.forget();
    pipeline.reset();
    faults.clear();
  }

  @Override
  public ObjectNode state() {
    ObjectNode state = JSON.objectNode();
    List<DataFiles.Entry> files = storage.files();
    ObjectNode health = pipeline.health(files);
    state.put("recovered", health.path("pipeline_ok").asBoolean());
    state.put("data_dir", storage.root().toAbsolutePath().toString());
    state.set("health", health);
    ObjectNode net = network.connectivity();
    net.set("config", network.config());
    net.put("cached_huggingface", Storage.cached(files, "huggingface"));
    net.put("cached_spacy", Storage.cached(files, "spacy"));
    state.set("network", net);
    state.set("storage", storage.usage(files));
    state.set("cpu", cpu.diagnostics());
    ObjectNode plans = state.putObject("plans");
    plans.put("succeeded", pipeline.succeeded());
    plans.put("failed", pipeline.failed());
    ObjectNode active = state.putObject("faults");
    faults.forEach(active::set);
    return state;
  }

  @Override
  public void close() {
    closed = true;
    if (ticks != null) {
      ticks.cancel(false);
    }
    if (storage != null) {
      DataFiles.deleteTree(storage.root());
    }
  }
}
