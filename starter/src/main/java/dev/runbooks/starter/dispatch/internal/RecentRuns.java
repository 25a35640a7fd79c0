package dev.runbooks.starter.dispatch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The workflow ids this process last saw running (it started or signalled them), at most {@code
 * capacity}, the least recently used forgotten first. A hint, never a decision: a firing alert
 * whose run is known to be running skips the start-first call that would only conflict and
 * describes the run at once, which still decides (and finds a run this very row started before a
 * crash). A storm of repeats costs two calls per alert instead of three. Thread-safe.
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

  /** Whether this process last saw the run of this workflow id running. */
  synchronized boolean running(String workflowId) {
    return ids.get(workflowId) != null;
  }

  /** The run of this workflow id was started or signalled: it runs. */
  synchronized void sawRunning(String workflowId) {
    ids.put(workflowId, Boolean.TRUE);
  }

  /** The run of this workflow id was found closed, or absent. */
  synchronized void sawClosed(String workflowId) {
    ids.remove(workflowId);
  }
}
