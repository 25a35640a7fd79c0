package dev.runbooks.workflows.internal;

import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.api.DecisionSeal;
import io.temporal.common.converter.EncodedValues;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.DynamicUpdateHandler;
import io.temporal.workflow.Workflow;

/**
 * The decision updates ({@code approve}, {@code reject}, {@code acknowledge}, {@code abort}): the
 * validator refuses a decision the run would not take, with an {@link ApplicationFailure} whose
 * type is the answer's wire name ({@code not-waiting}, {@code already-decided}, {@code
 * not-allowed}) and whose message is the reason; the handler records an accepted one and answers a
 * {@link DecisionAnswer}.
 *
 * <p>Validators are not replayed, handlers are: the handler reads whether the seal verified from a
 * side effect, so that a key rotated since cannot change what a replay decides.
 */
final class DecisionUpdates implements DynamicUpdateHandler {
  private final Signals signals;
  private final DecisionSeal seal;

  DecisionUpdates(Signals signals, DecisionSeal seal) {
    this.signals = signals;
    this.seal = seal;
  }

  @Override
  public void handleValidate(String updateName, EncodedValues args) {
    DecisionAction action = action(updateName);
    DecisionRequest request = request(action, args);
    DecisionAnswer answer = signals.judge(action, request, verified(action, request));
    if (answer.result() != DecisionAnswer.Result.ACCEPTED) {
      throw ApplicationFailure.newNonRetryableFailure(
          answer.reason(), answer.result().wire(), answer.step() == null ? "" : answer.step());
    }
  }

  @Override
  public Object handleExecute(String updateName, EncodedValues args) {
    DecisionAction action = action(updateName);
    DecisionRequest request = request(action, args);
    boolean verified = Workflow.sideEffect(Boolean.class, () -> verified(action, request));
    return signals.decide(action, request, verified);
  }

  private boolean verified(DecisionAction action, DecisionRequest request) {
    return seal != null && seal.verify(Workflow.getInfo().getWorkflowId(), action, request);
  }

  private static DecisionAction action(String updateName) {
    return DecisionAction.of(updateName)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "unknown update '"
                        + updateName
                        + "'; this workflow takes: approve, reject, acknowledge, abort",
                    "unknown-update"));
  }

  private static DecisionRequest request(DecisionAction action, EncodedValues args) {
    return DecisionRequest.from(action, RunDriver.argument(args, 0));
  }
}
