package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The answer to the {@code status} query: where the run is now and what it has done.
 *
 * @param runbook the runbook's name
 * @param title its title, or null
 * @param version the pinned version of its source
 * @param workflowId the run's workflow id
 * @param runId the id of the run's current execution
 * @param outcome how the run ended; null while it runs
 * @param dryRun true for a dry run; left out of JSON otherwise
 * @param message the message of the ending, when there is one
 * @param failedStep the step whose failure (or fail step) ended the run, if any
 * @param endedBy the step that ended the run, if one did
 * @param startedAt when the run started (ISO-8601)
 * @param state {@code running}, or {@code completed} once the outcome is known
 * @param phase what the run is doing
 * @param currentSteps the steps running or waiting now
 * @param waiting what the waiting steps wait for
 * @param steps every step reached so far, in the order first reached
 * @param events signals received and other notes, in order
 * @param startedBy who started the run ({@code {name, groups, channel}}), when the start said so
 * @param locks the resource locks the run holds or waits for; left out of JSON when there are none
 *     (JSON written before locks existed reads as none)
 */
@JsonPropertyOrder({
  "runbook",
  "title",
  "version",
  "workflowId",
  "runId",
  "outcome",
  "dryRun",
  "message",
  "failedStep",
  "endedBy",
  "startedAt",
  "startedBy",
  "state",
  "phase",
  "currentSteps",
  "waiting",
  "steps",
  "events",
  "locks"
})
public record RunStatus(
    String runbook,
    String title,
    String version,
    String workflowId,
    String runId,
    Outcome outcome,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean dryRun,
    @JsonInclude(JsonInclude.Include.NON_NULL) String message,
    @JsonInclude(JsonInclude.Include.NON_NULL) String failedStep,
    @JsonInclude(JsonInclude.Include.NON_NULL) String endedBy,
    String startedAt,
    String state,
    RunPhase phase,
    List<String> currentSteps,
    List<Wait> waiting,
    List<StepReport> steps,
    List<Map<String, Object>> events,
    @JsonInclude(JsonInclude.Include.NON_NULL) Actor startedBy,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RunLock> locks) {

  public RunStatus {
    locks = locks == null ? List.of() : List.copyOf(locks);
  }

  /** The {@code state} of a run still running. */
  public static final String RUNNING = "running";

  /** The {@code state} of a run whose outcome is known. */
  public static final String COMPLETED = "completed";
}
