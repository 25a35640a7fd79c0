package dev.runbooks.tester;

import dev.runbooks.activities.ActionActivities;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.language.steps.ActionRequest;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.DynamicActivity;
import io.temporal.client.ActivityCompletionClient;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The action activities of a test run: each call answers from the running case's mocks (after the
 * mock's simulated duration), runs for real when the case lists the step in {@code live}, captures
 * escalations, and fails the step when the case has no answer for it.
 */
final class MockActions implements DynamicActivity {
  /** The error type of a step that has no mock. */
  static final String NO_MOCK = "NoMock";

  private final Harness harness;
  private final StepEnvironment environment;
  private volatile ActionActivities live;

  MockActions(Harness harness, StepEnvironment environment) {
    this.harness = harness;
    this.environment = environment;
  }

  @Override
  public Object execute(EncodedValues args) {
    ActivityExecutionContext activity = Activity.getExecutionContext();
    String type = activity.getInfo().getActivityType();
    ActionRequest request = args.get(0, ActionRequest.class);
    CaseRun run = harness.current;
    if (run == null) {
      throw ApplicationFailure.newNonRetryableFailure("no test case is running", NO_MOCK);
    }
    String step = request.stepId();
    if (run.testCase().live().contains(step)) {
      return realActions().execute(args);
    }
    TestFile.Mock mock = run.testCase().mocks().get(step);
    if (mock == null && "escalate".equals(type)) {
      return run.escalated(request);
    }
    if ("escalate".equals(type)) {
      run.escalated(request);
    }
    if (mock == null) {
      String message =
          "step '"
              + step
              + "' ("
              + type
              + ") has no mock in case '"
              + run.testCase().name()
              + "'; add mocks."
              + step
              + " or list it in live:";
      run.problem(message);
      throw ApplicationFailure.newNonRetryableFailure(message, NO_MOCK);
    }
    TestFile.Answer answer = mock.answer(run.nextCall(step));
    if (answer.duration().isZero()) {
      return respond(answer);
    }
    byte[] token = activity.getTaskToken();
    activity.doNotCompleteOnReturn();
    ActivityCompletionClient completions = harness.client.newActivityCompletionClient();
    harness.at(
        answer.duration(),
        () -> {
          try {
            completions.complete(token, respond(answer));
          } catch (ApplicationFailure failure) {
            completions.completeExceptionally(token, failure);
          } catch (RuntimeException e) {
            // the step timed out or the run ended before the mock's time: nothing to complete
          }
        });
    return null;
  }

  private static Map<String, Object> respond(TestFile.Answer answer) {
    if (answer.error() != null) {
      TestFile.ErrorSpec e = answer.error();
      throw e.nonRetryable()
          ? ApplicationFailure.newNonRetryableFailure(e.message(), e.type())
          : ApplicationFailure.newFailure(e.message(), e.type());
    }
    return new LinkedHashMap<>(answer.result());
  }

  private ActionActivities realActions() {
    if (live == null) {
      live = new ActionActivities(environment);
    }
    return live;
  }
}
