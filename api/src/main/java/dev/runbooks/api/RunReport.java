package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The run report: the workflow's result. The header fields are those of {@link RunStatus}.
 *
 * @param runbook the runbook's name
 * @param title its title, or null
 * @param version the pinned version of its source
 * @param workflowId the run's workflow id
 * @param runId the id of the execution that ended the run
 * @param outcome how the run ended
 * @param dryRun true for a dry run; left out of JSON otherwise
 * @param message the message of the ending, when there is one
 * @param failedStep the step whose failure (or fail step) ended the run, if any
 * @param endedBy the step that ended the run, if one did
 * @param startedAt when the run started (ISO-8601)
 * @param endedAt when it ended
 * @param durationMs how long it took
 * @param inputs the bound inputs
 * @param steps every step reached, in the order first reached
 * @param compensations the compensations run, in the order they ran: {@code for}, {@code steps},
 *     {@code index} and {@code item} (inside a foreach), {@code status}, {@code message}
 * @param events signals received and other notes, in order
 * @param startedBy who started the run ({@code {name, groups, channel}}), when the start said so
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
  "endedAt",
  "durationMs",
  "inputs",
  "steps",
  "compensations",
  "events"
})
public record RunReport(
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
    String endedAt,
    long durationMs,
    Map<String, Object> inputs,
    List<StepReport> steps,
    List<Map<String, Object>> compensations,
    List<Map<String, Object>> events,
    @JsonInclude(JsonInclude.Include.NON_NULL) Actor startedBy) {}
