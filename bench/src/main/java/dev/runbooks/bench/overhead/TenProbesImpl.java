package dev.runbooks.bench.overhead;

import dev.runbooks.language.model.RetrySpec;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * Ten HTTP probes as a plain Temporal workflow: the same {@code http} activity, request and options
 * (5 s timeout, the engine's default retry policy) as the interpreter gives each step of {@code
 * bench-ten-probes}, with none of the interpreter's work around them (loading and pinning the
 * runbook, templates and CEL, step records, search attributes, the report).
 */
public class TenProbesImpl implements TenProbes {
  @Override
  public Map<String, Object> run(String baseUrl) {
    RetrySpec retry = RetrySpec.DEFAULT.withDefaults();
    ActivityStub http =
        Workflow.newUntypedActivityStub(
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(5))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setMaximumAttempts(retry.maxAttempts())
                        .setInitialInterval(retry.initialInterval())
                        .setBackoffCoefficient(retry.backoffCoefficient())
                        .setMaximumInterval(retry.maxInterval())
                        .build())
                .build());
    String workflowId = Workflow.getInfo().getWorkflowId();
    for (int i = 1; i <= 10; i++) {
      Map<String, Object> config =
          Map.of("url", baseUrl + "/ok/" + i, "timeout", "5s", "expect", Map.of("status", 200));
      http.execute(
          "http",
          Map.class,
          new ActionRequest("bench-ten-probes-java", workflowId, "probe_" + i, "http", config));
    }
    return Map.of("outcome", "resolved");
  }
}
