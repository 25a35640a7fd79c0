package dev.runbooks.testbed.jarvis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The memory of the Mac JARVIS runs on (16 GB): other applications, the JARVIS process itself, its
 * loaded models, its caches (response and embedding caches, MLX buffers) and memory it leaked.
 * Caches grow back to their steady size unless emergency mode holds them down; leaked memory is
 * only returned by a restart.
 */
final class Memory {
  static final double TOTAL_MB = 16384;
  static final double OTHER_APPS_MB = 9000;
  static final double PROCESS_BASE_MB = 500;
  static final double CACHE_STEADY_MB = 400;
  static final double CACHE_GROWTH_MB_PER_SECOND = 40;

  /** Below this much free memory a model cannot generate (the seed's 500 MB rule). */
  static final double MIN_AVAILABLE_MB = 500;

  private final Models models;
  double cacheMb = CACHE_STEADY_MB;
  double leakMb;

  Memory(Models models) {
    this.models = models;
  }

  void reset() {
    cacheMb = CACHE_STEADY_MB;
    leakMb = 0;
  }

  /** Called when the process stops: everything it held is returned. */
  void processStopped() {
    cacheMb = 0;
    leakMb = 0;
  }

  /** The memory the JARVIS process holds, in MB (zero when it is not running). */
  double processMb(boolean running) {
    return running ? PROCESS_BASE_MB + models.loadedMb() + cacheMb + leakMb : 0;
  }

  double usedMb(boolean running) {
    return Math.min(TOTAL_MB - 40, OTHER_APPS_MB + processMb(running));
  }

  double availableMb(boolean running) {
    return TOTAL_MB - usedMb(running);
  }

  double percent(boolean running) {
    return Math.round(usedMb(running) * 1000 / TOTAL_MB) / 10.0;
  }

  /** JARVIS's pressure levels: green, yellow (75%), red (85%), critical (95%). */
  String pressure(boolean running) {
    double p = percent(running);
    return p >= 95 ? "critical" : p >= 85 ? "red" : p >= 75 ? "yellow" : "green";
  }

  /** The cache size that puts memory at {@code percent} with everything else as it is. */
  double cacheFor(double percent, boolean running) {
    double others = OTHER_APPS_MB + processMb(running) - cacheMb;
    return Math.max(0, percent / 100 * TOTAL_MB - others);
  }

  /** The leak that puts memory at {@code percent} with everything else as it is. */
  double leakFor(double percent, boolean running) {
    double others = OTHER_APPS_MB + processMb(running) - leakMb;
    return Math.max(0, percent / 100 * TOTAL_MB - others);
  }

  /** Caches grow back to their steady size, unless emergency mode holds them down. */
  void tick(double seconds, boolean emergencyMode) {
    if (!emergencyMode && cacheMb < CACHE_STEADY_MB) {
      cacheMb = Math.min(CACHE_STEADY_MB, cacheMb + CACHE_GROWTH_MB_PER_SECOND * seconds);
    }
  }

  /** Clears every cache; returns the MB freed. */
  double clearCaches() {
    double freed = cacheMb;
    cacheMb = 0;
    return freed;
  }

  ObjectNode json(boolean running) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("total_mb", TOTAL_MB);
    out.put("used_mb", Math.round(usedMb(running)));
    out.put("available_mb", Math.round(availableMb(running)));
    out.put("percent", percent(running));
    out.put("pressure", pressure(running));
    out.put("process_mb", Math.round(processMb(running)));
    out.put("models_mb", running ? Math.round(models.loadedMb()) : 0);
    out.put("cache_mb", running ? Math.round(cacheMb) : 0);
    return out;
  }
}
