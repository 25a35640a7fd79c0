package dev.runbooks.testbed.razar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runbooks.testbed.SystemContext;
import dev.runbooks.testbed.TestbedSystem;
import dev.runbooks.testbed.http.Metrics;
import dev.runbooks.testbed.http.Router;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The imitation of RAZAR (seed 004): a runtime manager that boots four components by priority
 * (gateway, memory_store, crown, chakra_monitor) and records the last good one in {@code
 * logs/razar_state.json}, follows their heartbeats, quarantines failed components into {@code
 * quarantine/} with an entry in {@code docs/quarantine_log.md}, runs the downtime, patch and resume
 * cycle with audit files in {@code recovery_state/}, and audits dependencies, all as real files
 * under the system's data directory.
 *
 * <p>Faults: {@code host_reboot} (nothing runs), {@code interrupted_boot} ({@code after}: the last
 * component that started), {@code boot_failure} ({@code component} fails its start), {@code
 * env_broken} (every start fails until the environment is rebuilt), {@code heartbeat_loss} ({@code
 * component} hangs, {@code lostSeconds} ago; a restart cures it), {@code crash_loop} ({@code
 * component} crashes {@code afterSeconds} after every start), {@code dependency_drift} ({@code
 * package}, {@code installed}) and {@code patch_breaks} ({@code component} fails after its next
 * patch) and {@code patch_rejected} (the recovery manager refuses {@code component}'s next patch:
 * 422, nothing recorded).
 */
public final class RazarSystem implements TestbedSystem {
  private static final Set<String> FAULTS =
      Set.of(
          "host_reboot",
          "interrupted_boot",
          "boot_failure",
          "env_broken",
          "heartbeat_loss",
          "crash_loop",
          "dependency_drift",
          "patch_breaks",
          "patch_rejected");

  private Clock clock = Clock.systemUTC();
  private ObjectMapper json = new ObjectMapper();
  private RazarFiles files;
  private RazarRuntime runtime;
  private DependencyAudit audit;
  private RazarRoutes routes;
  private final Map<String, JsonNode> active = new LinkedHashMap<>();
  private ScheduledFuture<?> ticking;
  private boolean closed;

  @Override
  public String name() {
    return "razar";
  }

  @Override
  public int defaultPort() {
    return 8500;
  }

  @Override
  public void start(SystemContext context) {
    clock = context.clock();
    json = context.json();
    files = new RazarFiles(context.dataDir(), clock, json);
    runtime = new RazarRuntime(clock, files, () -> {});
    audit = new DependencyAudit(clock, files);
    routes = new RazarRoutes(clock, runtime, files, audit, this::restarted);
    reset();
    ticking =
        context.scheduler().scheduleWithFixedDelay(this::tick, 250, 250, TimeUnit.MILLISECONDS);
  }

  private void tick() {
    synchronized (this) {
      if (!closed) {
        runtime.refresh();
      }
    }
  }

  /** A restart cures a hang: that fault is gone for the component. */
  private void restarted(String component) {
    JsonNode hang = active.get("heartbeat_loss");
    if (hang != null && hang.path("component").asText().equals(component)) {
      active.remove("heartbeat_loss");
    }
  }

  @Override
  public void routes(Router router) {
    routes.routes(router);
  }

  @Override
  public void metrics(Metrics m) {
    runtime.refresh();
    Instant now = clock.instant();
    m.gauge(
        "razar_manager_up", "Whether the runtime manager runs.", runtime.managerRunning ? 1 : 0);
    m.gauge("razar_boot_failed", "Whether the last boot failed.", runtime.boot.failed() ? 1 : 0);
    m.gauge(
        "razar_dependency_audit_mismatches",
        "Packages the last dependency audit found missing or different from the pins.",
        audit.lastMismatches());
    for (Component c : runtime.components.values()) {
      m.gauge(
          "razar_component_up",
          "Whether a component runs with a fresh heartbeat.",
          Map.of("component", c.name, "priority", Integer.toString(c.priority)),
          c.healthy(now, RazarRuntime.STALE) ? 1 : 0);
    }
    for (Component c : runtime.components.values()) {
      m.gauge(
          "razar_component_heartbeat_age_seconds",
          "Seconds since the component's last heartbeat.",
          Map.of("component", c.name),
          c.heartbeatAge(now));
    }
    for (Component c : runtime.components.values()) {
      m.gauge(
          "razar_component_quarantined",
          "Whether the component is in quarantine/.",
          Map.of("component", c.name),
          c.status.equals("quarantined") ? 1 : 0);
    }
    for (Component c : runtime.components.values()) {
      m.gauge(
          "razar_component_maintenance",
          "Whether the component is down for maintenance (downtime request).",
          Map.of("component", c.name),
          c.status.equals("down") ? 1 : 0);
    }
    for (Component c : runtime.components.values()) {
      m.counter(
          "razar_component_restarts_total",
          "Restarts of the component.",
          Map.of("component", c.name),
          c.restarts);
    }
  }

  @Override
  public Set<String> faults() {
    return FAULTS;
  }

  @Override
  public void inject(String fault, JsonNode p) {
    runtime.refresh();
    switch (fault) {
      case "host_reboot" -> runtime.hostReboot();
      case "interrupted_boot" -> {
        Component after = component(p.path("after").asText("memory_store"));
        runtime.hostReboot();
        for (Component c : runtime.components.values()) {
          if (c.priority <= after.priority && !c.status.equals("quarantined")) {
            c.status = "running";
            c.startedAt = clock.instant();
            c.lastHeartbeat = clock.instant();
          }
        }
        files.state(after.name, false, runtime.envHash);
        runtime.boot.idle();
      }
      case "boot_failure" -> runtime.bootFailures.add(component(p.path("component").asText()).name);
      case "env_broken" -> runtime.envBroken = true;
      case "heartbeat_loss" ->
          component(p.path("component").asText()).hungAt =
              clock.instant().minusSeconds(p.path("lostSeconds").asLong(60));
      case "crash_loop" -> {
        Component c = component(p.path("component").asText());
        runtime.crashLoops.put(c.name, p.path("afterSeconds").asDouble(2));
        if (c.status.equals("running")) {
          // it has been crashing for a while: the last crash was lostSeconds ago
          c.startedAt =
              clock
                  .instant()
                  .minusMillis(
                      (long) (p.path("afterSeconds").asDouble(2) * 1000)
                          + p.path("lostSeconds").asLong(60) * 1000);
        }
      }
      case "dependency_drift" ->
          audit.drift(
              p.path("package").asText("pydantic"),
              p.path("installed").isNull() ? null : p.path("installed").asText("1.10.13"));
      case "patch_breaks" -> runtime.patchBreaks.add(component(p.path("component").asText()).name);
      case "patch_rejected" ->
          runtime.patchRejected.add(component(p.path("component").asText()).name);
      default -> throw new IllegalArgumentException("unknown fault '" + fault + "'");
    }
    active.put(fault, p);
    runtime.refresh();
  }

  private Component component(String name) {
    Component c = runtime.component(name);
    if (c == null) {
      throw new IllegalArgumentException(
          "unknown component '" + name + "'; known: " + runtime.components.keySet());
    }
    return c;
  }

  @Override
  public void clear(String fault) {
    JsonNode p = active.remove(fault);
    if (p == null) {
      return;
    }
    switch (fault) {
      case "boot_failure" -> runtime.bootFailures.remove(p.path("component").asText());
      case "env_broken" -> runtime.envBroken = false;
      case "heartbeat_loss" -> {
        Component c = runtime.component(p.path("component").asText());
        if (c != null) {
          c.hungAt = null;
        }
      }
      case "crash_loop" -> runtime.crashLoops.remove(p.path("component").asText());
      case "dependency_drift" -> audit.rebuilt();
      case "patch_breaks" -> runtime.patchBreaks.remove(p.path("component").asText());
      case "patch_rejected" -> runtime.patchRejected.remove(p.path("component").asText());
      default -> {
        // host_reboot, interrupted_boot: the state they left is what the runbooks work on
      }
    }
  }

  @Override
  public void reset() {
    active.clear();
    audit.reset();
    runtime.reset();
    files.mission("razar", "success", "boot", "all components ready");
  }

  @Override
  public ObjectNode state() {
    runtime.refresh();
    ObjectNode state = json.createObjectNode();
    state.put("managerRunning", runtime.managerRunning);
    state.put("envHash", runtime.envHash);
    state.put("envBroken", runtime.envBroken);
    state.set("boot", json.valueToTree(runtime.boot.view()));
    ObjectNode components = state.putObject("components");
    for (Component c : runtime.components.values()) {
      ObjectNode view = json.valueToTree(c.view(clock.instant(), RazarRuntime.STALE));
      view.put("moduleInPlace", files.moduleInPlace(c.name));
      view.put("patched", c.patched);
      components.set(c.name, view);
    }
    state.set("razarState", files.state());
    state.set("missionLog", json.valueToTree(files.missionLog()));
    state.put("quarantineLog", files.quarantineLog());
    ObjectNode recovery = state.putObject("recoveryState");
    for (String name : runtime.components.keySet()) {
      JsonNode r = files.recovery(name);
      if (r != null) {
        recovery.set(name, r);
      }
      JsonNode q = files.quarantined(name);
      if (q != null) {
        state.withObject("/quarantined").set(name, q);
      }
    }
    state.put("dataDir", files.root().toString());
    state.set("faults", json.valueToTree(active));
    return state;
  }

  @Override
  public void close() {
    closed = true;
    if (ticking != null) {
      ticking.cancel(false);
    }
  }
}
