package dev.runbooks.workflows.internal;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.RunbookCompiler;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled plans by source version. Compiling is pure, so caching across runs is safe for
 * determinism: the same source always yields the same plan.
 */
public final class PlanCache {
  private static final int MAX_ENTRIES = 512;
  private static final Map<String, Compilation> CACHE = new ConcurrentHashMap<>();

  private PlanCache() {}

  /** The compilation of a source, compiled once per process per distinct source. */
  public static Compilation compile(String version, String source, String file) {
    String key = version + "\n" + file;
    Compilation cached = CACHE.get(key);
    if (cached != null && cached.ok() && cached.runbook().source().equals(source)) {
      return cached;
    }
    Compilation compiled = RunbookCompiler.standard().compile(source, file);
    if (CACHE.size() >= MAX_ENTRIES) {
      CACHE.clear();
    }
    CACHE.put(key, compiled);
    return compiled;
  }
}
