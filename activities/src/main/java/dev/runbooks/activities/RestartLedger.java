package dev.runbooks.activities;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code restart} step remembers beyond one run: which targets were restarted when (for
 * the restart-loop guard and so that a retried attempt does not restart twice) and which targets
 * are quarantined. A quarantined target is not restarted until someone clears it.
 */
public interface RestartLedger {
  /**
   * Records a restart by a step; a second record for the same workflow and step is ignored.
   *
   * @return true when this call recorded it, false when the step had recorded one already
   */
  boolean recordRestart(String target, String workflowId, String stepId, Instant at);

  /** When the given step restarted the target, if it did. */
  Optional<Instant> restartedBy(String target, String workflowId, String stepId);

  /** How many restarts of the target were recorded at or after the given instant. */
  int restartsSince(String target, Instant since);

  /** Quarantines a target; an existing quarantine is kept as it is. */
  void quarantine(Quarantine quarantine);

  /** The quarantine of a target, if it is quarantined. */
  Optional<Quarantine> quarantined(String target);

  /** Every quarantined target, newest first. */
  List<Quarantine> quarantines();

  /** Clears a target's quarantine; returns whether it was quarantined. */
  boolean clear(String target);

  /**
   * A quarantined target.
   *
   * @param target the restart target's name
   * @param since when it was quarantined
   * @param reason why, in a sentence
   * @param workflowId the run that quarantined it
   * @param runbook that run's runbook
   */
  record Quarantine(
      String target, Instant since, String reason, String workflowId, String runbook) {}
}
