package dev.runbooks.activities.internal;

import dev.runbooks.activities.RestartLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A restart ledger in memory, for executors created without a database (tests, the service loader).
 * It forgets everything when the process ends; the worker uses the PostgreSQL one.
 */
public final class InMemoryRestartLedger implements RestartLedger {
  private record Key(String target, String workflowId, String stepId) {}

  private final Map<Key, Instant> restarts = new ConcurrentHashMap<>();
  private final Map<String, Quarantine> quarantined = new ConcurrentHashMap<>();

  @Override
  public boolean recordRestart(String target, String workflowId, String stepId, Instant at) {
    return restarts.putIfAbsent(new Key(target, workflowId, stepId), at) == null;
  }

  @Override
  public Optional<Instant> restartedBy(String target, String workflowId, String stepId) {
    return Optional.ofNullable(restarts.get(new Key(target, workflowId, stepId)));
  }

  @Override
  public int restartsSince(String target, Instant since) {
    return (int)
        restarts.entrySet().stream()
            .filter(e -> e.getKey().target().equals(target) && !e.getValue().isBefore(since))
            .count();
  }

  @Override
  public void quarantine(Quarantine quarantine) {
    quarantined.putIfAbsent(quarantine.target(), quarantine);
  }

  @Override
  public Optional<Quarantine> quarantined(String target) {
    return Optional.ofNullable(quarantined.get(target));
  }

  @Override
  public List<Quarantine> quarantines() {
    List<Quarantine> all = new ArrayList<>(quarantined.values());
    all.sort(Comparator.comparing(Quarantine::since).reversed());
    return all;
  }

  @Override
  public boolean clear(String target) {
    return quarantined.remove(target) != null;
  }
}
