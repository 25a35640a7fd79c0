package dev.runbooks.language.steps;

import java.util.List;
import java.util.Map;

/**
 * What the interpreter hands to the activity that executes an action step: who asks (runbook,
 * workflow id, step id) and the step's config with every template already rendered. Expression
 * fields (see {@link ActionKind#expressionFields()}) are left as CEL source.
 *
 * <p>{@code targets} is the runbook's {@code targets:} (null when it declares none) and {@code
 * hostFromAlert} says that a destination host of this step came from the alert that started the run
 * (see {@link dev.runbooks.language.targets.TargetAnalysis}); the activity checks every destination
 * against them and the worker's own lists ({@link dev.runbooks.language.targets.TargetPolicy}).
 * Requests recorded before these fields existed read as null and false.
 */
public record ActionRequest(
    String runbook,
    String workflowId,
    String stepId,
    String type,
    Map<String, Object> config,
    List<String> targets,
    boolean hostFromAlert) {
  public ActionRequest {
    config = config == null ? Map.of() : config;
    targets = targets == null ? null : List.copyOf(targets);
  }

  /** A request of a runbook without targets whose hosts do not come from an alert. */
  public ActionRequest(
      String runbook, String workflowId, String stepId, String type, Map<String, Object> config) {
    this(runbook, workflowId, stepId, type, config, null, false);
  }

  /** The same request with another config (such as one with its secrets resolved). */
  public ActionRequest withConfig(Map<String, Object> newConfig) {
    return new ActionRequest(runbook, workflowId, stepId, type, newConfig, targets, hostFromAlert);
  }
}
