package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A resource lock a run holds or waits for, as the {@code status} query shows it.
 *
 * @param name the lock's rendered name, such as {@code service/checkout}
 * @param state {@link #HELD} or {@link #WAITING}
 * @param since when the run got the lock, or when it started waiting (ISO-8601)
 * @param step the step the lock is around; null for the runbook's own lock
 * @param holder for a wait, the workflow id of the run holding the lock when last told; else null
 */
@JsonPropertyOrder({"name", "state", "since", "step", "holder"})
public record RunLock(
    String name,
    String state,
    String since,
    @JsonInclude(JsonInclude.Include.NON_NULL) String step,
    @JsonInclude(JsonInclude.Include.NON_NULL) String holder) {
  /** The {@code state} of a lock the run holds. */
  public static final String HELD = "held";

  /** The {@code state} of a lock the run waits for. */
  public static final String WAITING = "waiting";
}
