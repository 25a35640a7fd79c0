package dev.runbooks.workflows.internal;

import dev.runbooks.api.RunLock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resource locks a run holds or waits for, as its {@code status} shows them, and the answers of
 * the locks' workflows (signals {@code lockGranted} and {@code lockBusy}), which the handlers
 * record here for {@link Locks} to observe. A grant for a request the run no longer waits for is
 * ignored: the run withdrew it, and the withdrawal also releases a grant that crossed it.
 */
final class LockBook {
  /** One use of a lock: a request, then a hold. */
  static final class Use {
    final String lock;
    final String requestId;
    final String step;
    long since;
    boolean granted;
    boolean busy;
    boolean queued;
    String holder;

    Use(String lock, String requestId, String step, long since) {
      this.lock = lock;
      this.requestId = requestId;
      this.step = step;
      this.since = since;
    }

    /** Whether the lock answered: granted, or busy (queued or not). */
    boolean answered() {
      return granted || busy;
    }
  }

  private final Map<String, Use> uses = new LinkedHashMap<>();

  private static String key(String lock, String requestId) {
    return lock + "\n" + requestId;
  }

  /** A request starts; the run waits for its answer. */
  Use open(String lock, String requestId, String step, long now) {
    Use use = new Use(lock, requestId, step, now);
    uses.put(key(lock, requestId), use);
    return use;
  }

  /** The use ended: released, withdrawn or refused. */
  void close(Use use) {
    uses.remove(key(use.lock, use.requestId));
  }

  /** Whether the run holds the lock already (a nested use of it is then not asked again). */
  boolean holds(String lock) {
    return uses.values().stream().anyMatch(u -> u.granted && u.lock.equals(lock));
  }

  /** Handles {@code lockGranted}: returns false when no request waits for it (ignored). */
  boolean granted(Map<String, Object> payload, long now) {
    Use use = uses.get(key(text(payload, "lock"), text(payload, "requestId")));
    if (use == null) {
      return false;
    }
    if (!use.granted) {
      use.granted = true;
      use.since = now;
      use.holder = null;
    }
    return true;
  }

  /** Handles {@code lockBusy}: another run holds it; {@code queued} says whether we wait. */
  boolean busy(Map<String, Object> payload) {
    Use use = uses.get(key(text(payload, "lock"), text(payload, "requestId")));
    if (use == null || use.granted) {
      return false;
    }
    use.busy = true;
    use.queued = Boolean.TRUE.equals(payload.get("queued"));
    use.holder = text(payload, "holder");
    return true;
  }

  /** The locks held and waited for, for the status query. */
  List<RunLock> view() {
    List<RunLock> out = new ArrayList<>();
    for (Use use : uses.values()) {
      out.add(
          new RunLock(
              use.lock,
              use.granted ? RunLock.HELD : RunLock.WAITING,
              Times.iso(use.since),
              use.step,
              use.granted ? null : use.holder));
    }
    return out;
  }

  private static String text(Map<String, Object> payload, String key) {
    Object v = payload.get(key);
    return v == null ? "" : v.toString();
  }
}
