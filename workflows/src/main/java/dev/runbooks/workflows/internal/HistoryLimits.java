package dev.runbooks.workflows.internal;

import java.util.Map;

/**
 * When a run continues as new, and how much state it may carry. A run continues as new at its next
 * safe point once its history has more than {@code events} events or {@code bytes} bytes, or
 * Temporal suggests it; when the state it would carry is larger than {@code stateBytes}, it ends
 * failed with {@code HistoryBudgetExceeded} instead. Set per run in the start context as {@code
 * historyLimits: {events, bytes, stateBytes}}; the defaults keep every execution far below
 * Temporal's limits (51,200 events, 50 MB, 2 MB per payload).
 */
public record HistoryLimits(long events, long bytes, long stateBytes) {
  /** Events before a run continues as new, when the start context sets none. */
  public static final long DEFAULT_EVENTS = 10_000;

  /** History bytes before a run continues as new, when the start context sets none. */
  public static final long DEFAULT_BYTES = 10L * 1024 * 1024;

  /** The largest carried state, as JSON bytes, when the start context sets none. */
  public static final long DEFAULT_STATE_BYTES = 1536L * 1024;

  /** The defaults. */
  public static final HistoryLimits DEFAULT =
      new HistoryLimits(DEFAULT_EVENTS, DEFAULT_BYTES, DEFAULT_STATE_BYTES);

  /** The limits a start context's {@code historyLimits} sets, the defaults for what it omits. */
  static HistoryLimits from(Object given) {
    if (!(given instanceof Map<?, ?> m)) {
      return DEFAULT;
    }
    return new HistoryLimits(
        number(m.get("events"), DEFAULT_EVENTS),
        number(m.get("bytes"), DEFAULT_BYTES),
        number(m.get("stateBytes"), DEFAULT_STATE_BYTES));
  }

  private static long number(Object value, long fallback) {
    return value instanceof Number n && n.longValue() > 0 ? n.longValue() : fallback;
  }
}
