package dev.runbooks.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One step as the status query and the run report show it: the latest execution of it, for steps
 * inside loops. Fields that do not apply are left out of JSON.
 *
 * @param id the step's id
 * @param name its name, if it has one
 * @param type its type ({@code http}, {@code approval}...)
 * @param status where it is
 * @param startedAt when its latest execution started (ISO-8601), null before
 * @param endedAt when it ended, null before
 * @param durationMs how long it took, null before it ended
 * @param executions how many times it ran, when more than once
 * @param outputs its outputs, when it has any
 * @param result its result (a preview when large), when it has one
 * @param error why it failed, when it did
 * @param note why it was skipped or how its failure was handled
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "id",
  "name",
  "type",
  "status",
  "startedAt",
  "endedAt",
  "durationMs",
  "executions",
  "outputs",
  "result",
  "error",
  "note"
})
public record StepReport(
    String id,
    String name,
    String type,
    StepState status,
    String startedAt,
    String endedAt,
    Long durationMs,
    Integer executions,
    Map<String, Object> outputs,
    Object result,
    ErrorReport error,
    String note) {

  /** Whether the step is under way (running or waiting). */
  public boolean live() {
    return status != null && status.status().live();
  }
}
