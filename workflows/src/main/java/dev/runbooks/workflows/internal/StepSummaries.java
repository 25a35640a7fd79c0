package dev.runbooks.workflows.internal;

import dev.runbooks.language.model.Step;
import java.time.Duration;
import java.util.Locale;

/**
 * The summaries the Temporal Web UI shows beside each activity and timer of a run: the step's id
 * and name, then what the event does ({@code restart_api · Restart the API — restart}). Step ids
 * and names come from the runbook (reviewed text, not run data); they are put on one line and cut
 * to {@link #LIMIT} characters. Summaries are user metadata, not commands: changing them changes
 * nothing a replay checks.
 */
final class StepSummaries {
  /** The longest summary set. */
  static final int LIMIT = 160;

  private StepSummaries() {}

  /** The summary of an event of this step that does {@code what} (a step type, "sleep 5m"...). */
  static String of(Step step, String what) {
    return of(step.id(), step.name(), what);
  }

  /** The summary of an event of the step with this id and name (null when it has none). */
  static String of(String stepId, String name, String what) {
    StringBuilder s = new StringBuilder(stepId);
    if (name != null && !name.isBlank() && !name.equals(stepId)) {
      s.append(" · ").append(name);
    }
    if (what != null && !what.isBlank()) {
      s.append(" — ").append(what);
    }
    return oneLine(s.toString());
  }

  /** A duration in short words: {@code 5m}, {@code 1h30m}, {@code 0.5s}. */
  static String words(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private static String oneLine(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() > LIMIT ? flat.substring(0, LIMIT - 1) + "…" : flat;
  }
}
