package dev.runbooks.language.steps;

import java.util.Map;

/**
 * What the interpreter hands to the activity that executes an action step: who asks (runbook,
 * workflow id, step id) and the step's config with every template already rendered. Expression
 * fields (see {@link ActionKind#expressionFields()}) are left as CEL source.
 */
public record ActionRequest(
    String runbook, String workflowId, String stepId, String type, Map<String, Object> config) {
  public ActionRequest {
    config = config == null ? Map.of() : config;
  }
}
