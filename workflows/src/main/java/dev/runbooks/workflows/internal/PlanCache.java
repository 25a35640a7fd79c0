package dev.runbooks.workflows.internal;

import dev.runbooks.language.compile.Compilation;
import dev.runbooks.language.compile.CompiledRunbook;
import dev.runbooks.language.compile.RunbookCompiler;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiled plans by source version and file. Compiling is pure, so caching across runs is safe for
 * determinism: the same source always yields the same plan. The worker seeds the cache with the
 * plans its catalog compiled ({@link #seed}), so a run of a runbook in the catalog finds its plan
 * here and the workflow thread compiles only the versions the catalog no longer holds.
 */
public final class PlanCache {
  private static final int MAX_ENTRIES = 512;
  private static final Map<String, Compilation> CACHE = new ConcurrentHashMap<>();
  private static final AtomicLong COMPILATIONS = new AtomicLong();

  private PlanCache() {}

  /** The compilation of a source, compiled once per process per distinct source. */
  public static Compilation compile(String version, String source, String file) {
    Compilation cached = CACHE.get(key(version, file));
    if (cached != null && cached.ok() && cached.runbook().source().equals(source)) {
      return cached;
    }
    COMPILATIONS.incrementAndGet();
    // A run started before the type checker existed keeps its plan: type problems only warn
    Compilation compiled = RunbookCompiler.standard().typesAsWarnings().compile(source, file);
    put(version, file, compiled);
    return compiled;
  }

  /**
   * Adds a plan compiled elsewhere (by the worker's catalog) with the standard compiler from the
   * source and file a run will load ({@code RunbookSource}): what {@link #compile} would have made.
   */
  public static void seed(String file, CompiledRunbook plan) {
    Compilation cached = CACHE.get(key(plan.version(), file));
    if (cached == null || !cached.ok() || !cached.runbook().source().equals(plan.source())) {
      put(plan.version(), file, new Compilation(plan, List.of()));
    }
  }

  /** Whether a run of this source version would find its plan without compiling. */
  public static boolean holds(String version, String file, String source) {
    Compilation cached = CACHE.get(key(version, file));
    return cached != null && cached.ok() && cached.runbook().source().equals(source);
  }

  /** How many sources this cache has compiled since the process started (seeds not counted). */
  public static long compilations() {
    return COMPILATIONS.get();
  }

  private static void put(String version, String file, Compilation compilation) {
    if (CACHE.size() >= MAX_ENTRIES) {
      CACHE.clear();
    }
    CACHE.put(key(version, file), compilation);
  }

  private static String key(String version, String file) {
    return version + "\n" + file;
  }
}
