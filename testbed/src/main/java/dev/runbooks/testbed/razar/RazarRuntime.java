package dev.runbooks.testbed.razar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * RAZAR's runtime manager ({@code agents.razar.runtime_manager}): it starts components, follows
 * their heartbeats, and boots them in priority order, resuming after the last successful component
 * recorded in {@code logs/razar_state.json} unless that boot completed (or the file was removed). A
 * component that fails its start during a boot is quarantined, classified by the issue analyzer,
 * and the boot stops; a broken virtual environment fails the boot without blaming the component.
 * Time-based behaviour (start-up, heartbeats, crashes) is computed from the clock on {@link
 * #refresh()}, which a tick and every request call.
 */
final class RazarRuntime {
  static final Duration STARTUP = Duration.ofMillis(1000);
  static final Duration STALE = Duration.ofSeconds(3);

  final Map<String, Component> components = new LinkedHashMap<>();
  final Set<String> bootFailures = new HashSet<>();
  final Set<String> patchBreaks = new HashSet<>();

  /** Components whose next patch the recovery manager refuses. */
  final Set<String> patchRejected = new HashSet<>();

  final Map<String, Double> crashLoops = new HashMap<>();
  boolean envBroken;
  String envHash;
  boolean managerRunning;
  final RazarBoot boot = new RazarBoot();
  private int builds;
  private final Clock clock;
  private final RazarFiles files;
  private final Runnable onQuarantine;

  RazarRuntime(Clock clock, RazarFiles files, Runnable onQuarantine) {
    this.clock = clock;
    this.files = files;
    this.onQuarantine = onQuarantine;
  }

  void reset() {
    Instant now = clock.instant();
    components.clear();
    add(new Component("gateway", 1, "Operator gateway: routes commands to the agents", now));
    add(new Component("memory_store", 2, "Vector memory store", now));
    add(new Component("crown", 3, "CROWN: the LLM that briefs missions", now));
    add(new Component("chakra_monitor", 4, "Chakra monitor: publishes lifecycle events", now));
    bootFailures.clear();
    patchBreaks.clear();
    patchRejected.clear();
    crashLoops.clear();
    envBroken = false;
    builds = 0;
    envHash = hash();
    managerRunning = true;
    boot.reset();
    files.reset(List.copyOf(components.keySet()));
    files.state("chakra_monitor", true, envHash);
  }

  private void add(Component c) {
    components.put(c.name, c);
  }

  Component component(String name) {
    return components.get(name);
  }

  /** Rebuilds the virtual environment from razar_env.yaml: pinned versions, a new hash. */
  void rebuildEnvironment() {
    envBroken = false;
    builds++;
    envHash = hash();
    files.mission("razar", "success", "environment", "virtual environment rebuilt: " + envHash);
  }

  private String hash() {
    return String.format("sha256:%012x", (0x5eed004L * 31 + builds) * 0x9E3779B97F4A7C15L >>> 16);
  }

  /** Starts (or restarts) a component. */
  void start(String name, String event) {
    Component c = components.get(name);
    Instant now = clock.instant();
    if (c.status.equals("running") || c.status.equals("failed") || c.status.equals("starting")) {
      c.restarts++;
    }
    c.status = "starting";
    c.startedAt = now;
    c.hungAt = null;
    c.lastError = null;
    files.mission(name, "info", event, "start requested");
  }

  /** Why a start fails, or null. */
  private String startError(Component c) {
    if (envBroken) {
      return "ModuleNotFoundError: No module named 'psutil' (virtual environment broken)";
    }
    if (bootFailures.contains(c.name)) {
      return "health check failed: connection refused";
    }
    if (c.patched && patchBreaks.contains(c.name)) {
      return "health check failed after patch: ImportError: cannot import name 'serve'";
    }
    return null;
  }

  /** Moves time forward: start-ups finish, crash loops crash, the boot advances. */
  void refresh() {
    Instant now = clock.instant();
    for (Component c : components.values()) {
      if (c.status.equals("starting") && !now.isBefore(c.startedAt.plus(STARTUP))) {
        String error = startError(c);
        if (error == null) {
          c.status = "running";
          c.lastHeartbeat = c.startedAt.plus(STARTUP);
          files.mission(c.name, "success", "health", "health check passed");
          files.mission(c.name, "success", "component_ready", null);
        } else {
          c.status = "failed";
          c.lastError = error;
          files.mission(c.name, "error", "health", error);
        }
      }
      if (c.status.equals("running")) {
        Double after = crashLoops.get(c.name);
        Instant crashAt = after == null ? null : c.startedAt.plusMillis((long) (after * 1000));
        if (crashAt != null && !now.isBefore(crashAt)) {
          c.status = "failed";
          c.lastHeartbeat = crashAt;
          c.lastError = "process exited with code 139 (segmentation fault)";
          files.mission(c.name, "error", "chakra_down", c.lastError);
        } else if (c.hungAt == null) {
          c.lastHeartbeat = now;
        } else {
          c.lastHeartbeat = c.hungAt;
        }
      }
    }
    advanceBoot();
  }

  /** Starts the runtime manager's boot sequence. */
  Map<String, Object> startBoot() {
    managerRunning = true;
    ObjectNode state = files.state();
    List<Component> sequence = new ArrayList<>();
    String resumeAfter = null;
    if (state != null && !state.path("complete").asBoolean()) {
      resumeAfter = state.path("last_component").asText(null);
    }
    int after = resumeAfter == null ? 0 : components.get(resumeAfter).priority;
    List<String> skipped = new ArrayList<>();
    for (Component c : components.values()) {
      if (c.priority <= after) {
        continue;
      }
      if (c.status.equals("quarantined")) {
        skipped.add(c.name);
      } else {
        sequence.add(c);
      }
    }
    boot.begin(sequence.stream().map(c -> c.name).toList(), resumeAfter, skipped, clock.instant());
    files.mission(
        "razar",
        "info",
        "boot",
        "boot sequence initiated"
            + (resumeAfter == null ? " (full sequence)" : " (resuming after " + resumeAfter + ")"));
    if (!sequence.isEmpty()) {
      start(sequence.get(0).name, "start");
    }
    advanceBoot();
    return boot.view();
  }

  private void advanceBoot() {
    while (boot.state.equals("running")) {
      Component c = components.get(boot.current());
      if (c.status.equals("starting")) {
        return;
      }
      if (c.status.equals("running")) {
        files.state(c.name, false, envHash);
        boot.passed(c.name);
        if (boot.current() != null) {
          start(boot.current(), "start");
          continue;
        }
        files.state(c.name, true, envHash);
        boot.complete(clock.instant());
        files.mission("razar", "success", "boot", "all components ready");
        return;
      }
      if (envBroken) {
        boot.fail(c.name, c.lastError, clock.instant());
        files.mission("razar", "error", "boot", "boot failed at " + c.name + ": " + c.lastError);
        return;
      }
      quarantine(c.name, c.lastError, "runtime_manager");
      boot.fail(c.name, c.lastError, clock.instant());
      files.mission("razar", "error", "boot", "boot failed at " + c.name + "; quarantined");
      return;
    }
  }

  /** Quarantines a component: its module goes to quarantine/, classified and logged. */
  Map<String, Object> quarantine(String name, String error, String by) {
    Component c = components.get(name);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("component", name);
    String reason = error == null ? "unknown failure" : error;
    metadata.put("error", reason);
    metadata.putAll(IssueAnalyzer.classify(reason));
    metadata.put("quarantined_at", clock.instant().toString());
    metadata.put("quarantined_by", by);
    files.quarantine(name, metadata);
    c.status = "quarantined";
    c.lastError = reason;
    files.mission(name, "error", "quarantine", metadata.get("issue_type") + ": " + reason);
    onQuarantine.run();
    return metadata;
  }

  /** Whether every component that is not quarantined runs with a fresh heartbeat. */
  boolean healthy() {
    Instant now = clock.instant();
    return managerRunning
        && components.values().stream()
            .allMatch(c -> c.status.equals("quarantined") || c.healthy(now, STALE));
  }

  /** Every component stops and the manager is not running (the host rebooted). */
  void hostReboot() {
    managerRunning = false;
    boot.reset();
    for (Component c : components.values()) {
      if (!c.status.equals("quarantined")) {
        c.status = "stopped";
        c.lastError = null;
      }
    }
  }
}
