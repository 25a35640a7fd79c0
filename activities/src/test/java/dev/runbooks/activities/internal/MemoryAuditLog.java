package dev.runbooks.activities.internal;

import dev.runbooks.activities.AuditEntry;
import dev.runbooks.activities.AuditLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An audit log in memory for the executor tests: it keeps every entry appended, or one entry per
 * workflow id, step id and key as the real log does.
 */
final class MemoryAuditLog implements AuditLog {
  private final List<AuditEntry> entries = Collections.synchronizedList(new ArrayList<>());
  private final boolean onePerKey;

  private MemoryAuditLog(boolean onePerKey) {
    this.onePerKey = onePerKey;
  }

  /** A log that keeps every entry, so that tests see each append. */
  static MemoryAuditLog keepingAll() {
    return new MemoryAuditLog(false);
  }

  /** A log that keeps one entry per workflow id, step id and key, as the real log does. */
  static MemoryAuditLog onePerKey() {
    return new MemoryAuditLog(true);
  }

  @Override
  public void append(AuditEntry entry) {
    synchronized (entries) {
      if (!onePerKey || entries.stream().noneMatch(e -> sameKey(e, entry))) {
        entries.add(entry);
      }
    }
  }

  /** Every entry kept, oldest first, whatever the filters. */
  @Override
  public List<AuditEntry> find(String runbook, String target, int limit) {
    synchronized (entries) {
      return List.copyOf(entries);
    }
  }

  /** The entries kept, oldest first: a live view for assertions. */
  List<AuditEntry> entries() {
    return entries;
  }

  private static boolean sameKey(AuditEntry a, AuditEntry b) {
    return a.key().equals(b.key())
        && String.valueOf(a.workflowId()).equals(String.valueOf(b.workflowId()))
        && String.valueOf(a.stepId()).equals(String.valueOf(b.stepId()));
  }
}
