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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The action activities of a test run: each call answers from the running case's mocks (after the
 * mock's simulated duration), runs for real when the case lists the step in {@code live}, captures
 * escalations, and fails the step when the case has no answer for it.
 */
final class MockActions implements DynamicActivity {
  /** The most heartbeats one mocked call sends (a day at a 30 s heartbeat timeout). */
  private static final int MAX_BEATS = 5_760;

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
    Duration limit = limit(activity);
    if (answer.duration().compareTo(limit) < 0) {
      harness.at(
          answer.duration(),
          () -> {
            harness.lockTime(); // the hold the running activity had, given back before it ends
            try {
              completions.complete(token, respond(answer));
            } catch (ApplicationFailure failure) {
              completions.completeExceptionally(token, failure);
            } catch (RuntimeException e) {
              harness.unlockTime(); // the run no longer waits for this call: no hold to give back
            }
          });
    } else {
      // The call outlasts its timeout: just before it, the hold comes back and the server times
      // the call out for real (a millisecond later, on the wall clock).
      harness.at(limit.minusMillis(1), harness::lockTime);
    }
    heartbeat(
        activity,
        completions,
        token,
        answer.duration().compareTo(limit) < 0 ? answer.duration() : limit);
    // A running activity holds simulated time still; let it skip while the mock "works".
    harness.unlockTime();
    return null;
  }

  /**
   * A mocked step of a kind that heartbeats heartbeats while it "works", every half of its
   * heartbeat timeout, as its executor would: a mocked duration longer than the timeout is no
   * silent worker.
   */
  private void heartbeat(
      ActivityExecutionContext activity,
      ActivityCompletionClient completions,
      byte[] token,
      Duration until) {
    Duration timeout = activity.getInfo().getHeartbeatTimeout();
    if (timeout == null || timeout.isZero()) {
      return;
    }
    Duration every = timeout.dividedBy(2);
    int beats = 0;
    for (Duration t = every; t.compareTo(until) < 0 && beats < MAX_BEATS; t = t.plus(every)) {
      beats++;
      harness.at(
          t,
          () -> {
            try {
              completions.heartbeat(token, null);
            } catch (RuntimeException ended) {
              // the call already ended (answered, timed out or cancelled): nothing to keep alive
            }
          });
    }
  }

  /**
   * How long the call may take before the server times it out (start-to-close, schedule-to-close).
   */
  private static Duration limit(ActivityExecutionContext activity) {
    Duration limit = Duration.ofDays(3650);
    for (Duration d :
        List.of(
            activity.getInfo().getStartToCloseTimeout(),
            activity.getInfo().getScheduleToCloseTimeout())) {
      if (d != null && !d.isZero() && d.compareTo(limit) < 0) {
        limit = d;
      }
    }
    return limit;
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
