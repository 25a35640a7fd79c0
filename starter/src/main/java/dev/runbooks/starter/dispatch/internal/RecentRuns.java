package dev.runbooks.starter.dispatch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow ids this process last saw with a run (it started one, or a describe found one,
 * running or closed), at most {@code capacity}, the least recently used forgotten first. A hint,
 * never a decision: the start-first of a new alert's run is refused for any id that ever had a run,
 * so for a known id it is skipped and the run described at once, which still decides (a repeat, a
 * cooldown, a new start, or a run this very row started before a crash). A storm of repeats then
 * costs one describe per alert (and a signal for a running run) instead of a refused start more.
 * Thread-safe.
 */
final class RecentRuns {
  /** The default capacity: a storm's fingerprints, at about 100 bytes each. */
  static final int CAPACITY = 10_000;

  private final Map<String, Boolean> ids;

  RecentRuns(int capacity) {
    this.ids =
        new LinkedHashMap<>(64, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > capacity;
          }
        };
  }

  /** Whether this process last saw a run with this workflow id. */
  synchronized boolean known(String workflowId) {
    return ids.get(workflowId) != null;
  }

  /** A run with this workflow id was started, or found. */
  synchronized void sawRun(String workflowId) {
    ids.put(workflowId, Boolean.TRUE);
  }

  /** A describe found no run with this workflow id (its history is gone). */
  synchronized void sawNone(String workflowId) {
    ids.remove(workflowId);
  }
}
