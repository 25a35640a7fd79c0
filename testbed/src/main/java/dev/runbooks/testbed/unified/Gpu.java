package dev.runbooks.testbed.unified;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GPU the agents share (an 8 GiB card): the VRAM each running agent holds, the models the
 * ModelManagerSuite keeps loaded within its limit ({@code VRAM_LIMIT_MB}), memory the allocators
 * cached but no longer use (freed by a forced cleanup), and memory held by a defunct process that
 * nothing in the system can free.
 */
final class Gpu {
  static final int TOTAL_MB = 8192;
  static final int DEFAULT_LIMIT_MB = 4000;
  static final String EXTRA_MODEL = "llama-3-8b-instruct-q4";

  private final Map<String, Integer> models = new LinkedHashMap<>();
  int limitMb;
  int cachedMb;
  int defunctMb;
  int defunctPid;
  int cleanups;

  Gpu() {
    reset();
  }

  void reset() {
    models.clear();
    models.put("phi-3-mini-q4", 2200);
    models.put("nllb-600m", 1200);
    limitMb = DEFAULT_LIMIT_MB;
    cachedMb = 0;
    defunctMb = 0;
    defunctPid = 0;
    cleanups = 0;
  }

  int modelsMb() {
    return models.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The VRAM each process holds, by agent name (the ModelManagerSuite with its models). */
  Map<String, Integer> byAgent(Map<String, Agent> agents) {
    Map<String, Integer> held = new LinkedHashMap<>();
    for (Agent agent : agents.values()) {
      if (!agent.alive()) {
        continue;
      }
      int mb = agent.spec.vramMb();
      if (agent.spec.name().equals("ModelManagerSuite")) {
        mb += modelsMb() + cachedMb;
      }
      if (mb > 0) {
        held.put(agent.spec.name(), mb);
      }
    }
    return held;
  }

  int usedMb(Map<String, Agent> agents) {
    return byAgent(agents).values().stream().mapToInt(Integer::intValue).sum() + defunctMb;
  }

  /** Frees what the allocators cached but do not use (torch.cuda.empty_cache in every agent). */
  int cleanup() {
    int freed = cachedMb;
    cachedMb = 0;
    cleanups++;
    return freed;
  }

  /** Sets the ModelManagerSuite's limit and unloads the largest models until the rest fit. */
  List<String> limit(int mb) {
    limitMb = mb;
    List<String> unloaded = new ArrayList<>();
    while (modelsMb() > limitMb && !models.isEmpty()) {
      String largest =
          models.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      models.remove(largest);
      unloaded.add(largest);
    }
    return unloaded;
  }

  /**
   * The fault: memory the allocators cached, extra models loaded past a raised limit, or memory
   * held by a defunct process (the ModelManagerSuite then drops the models that no longer fit).
   */
  void exhaust(Map<String, Agent> agents, int cached, int extraModelMb, int defunct, int pid) {
    cachedMb += cached;
    if (extraModelMb > 0) {
      models.put(EXTRA_MODEL, extraModelMb);
      limitMb = Math.max(limitMb, modelsMb());
    }
    if (defunct > 0) {
      defunctMb += defunct;
      defunctPid = pid;
      while (usedMb(agents) > TOTAL_MB && !models.isEmpty()) {
        models.remove(
            models.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey());
      }
    }
    if (usedMb(agents) > TOTAL_MB) {
      cachedMb = Math.max(0, cachedMb - (usedMb(agents) - TOTAL_MB));
    }
  }

  /** What {@code nvidia-smi} would show. */
  ObjectNode view(Map<String, Agent> agents, Instant now) {
    ObjectNode node = Json.object();
    int used = usedMb(agents);
    node.put("total_mb", TOTAL_MB);
    node.put("used_mb", used);
    node.put("free_mb", TOTAL_MB - used);
    node.put("used_percent", Math.round(1000.0 * used / TOTAL_MB) / 10.0);
    node.put("limit_mb", limitMb);
    node.put("models_mb", modelsMb());
    node.put("cached_mb", cachedMb);
    ArrayNode loaded = node.putArray("models");
    models.forEach((name, mb) -> loaded.addObject().put("name", name).put("mb", mb));
    ArrayNode processes = node.putArray("processes");
    byAgent(agents).entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .forEach(
            e ->
                processes
                    .addObject()
                    .put("pid", agents.get(e.getKey()).pid)
                    .put("agent", e.getKey())
                    .put("mb", e.getValue()));
    if (defunctMb > 0) {
      processes
          .addObject()
          .put("pid", defunctPid)
          .put("agent", (String) null)
          .put("command", "[python3] <defunct>")
          .put("mb", defunctMb);
    }
    node.put("at", now.toString());
    return node;
  }
}
