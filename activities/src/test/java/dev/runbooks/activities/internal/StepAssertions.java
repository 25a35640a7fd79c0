package dev.runbooks.activities.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.Map;

/** Helpers shared by the executor tests. */
final class StepAssertions {
  private StepAssertions() {}

  static ActionRequest request(String type, Map<String, Object> config) {
    return new ActionRequest("test-runbook", "wf-1", "step_1", type, config);
  }

  static Map<String, Object> run(StepExecutor executor, Map<String, Object> config) {
    return executor.execute(request(executor.type(), config), StepContext.detached());
  }

  /** Runs the executor, expects an ApplicationFailure of the type and retryability, returns it. */
  static ApplicationFailure failure(
      StepExecutor executor, Map<String, Object> config, String type, boolean retryable) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> run(executor, config));
    assertThat(failure).as("expected an ApplicationFailure of type %s", type).isNotNull();
    assertThat(failure.getType()).as(failure.getOriginalMessage()).isEqualTo(type);
    assertThat(failure.isNonRetryable()).isEqualTo(!retryable);
    return failure;
  }

  /** The step result a failure carries as its first detail. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> evidence(ApplicationFailure failure) {
    return failure.getDetails().get(Map.class);
  }
}
