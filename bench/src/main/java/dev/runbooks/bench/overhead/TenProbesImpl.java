package dev.runbooks.bench.overhead;

import dev.runbooks.language.model.RetrySpec;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * Ten HTTP probes as a plain Temporal workflow doing what the interpreter does for each step of
 * {@code bench-ten-probes}: a read-only GET runs as a local activity (the interpreter's
 * LOCAL_PROBES change), with the same {@code http} activity and request, the interpreter's default
 * per-attempt timeout (a step sets none), its default retry policy and its local retry threshold;
 * and none of the interpreter's work around them (loading and pinning the runbook, templates and
 * CEL, step records, search attributes, the report).
 */
public class TenProbesImpl implements TenProbes {
  /** The interpreter's attempt timeout of a step without {@code timeout} (ActionRunner). */
  static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

  /** The interpreter's local retry threshold of a probe (LocalProbes). */
  static final Duration LOCAL_RETRY_THRESHOLD = Duration.ofSeconds(10);

  @Override
  public Map<String, Object> run(String baseUrl) {
    RetrySpec retry = RetrySpec.DEFAULT.withDefaults();
    ActivityStub http =
        Workflow.newUntypedLocalActivityStub(
            LocalActivityOptions.newBuilder()
                .setStartToCloseTimeout(STEP_TIMEOUT)
                .setLocalRetryThreshold(LOCAL_RETRY_THRESHOLD)
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
