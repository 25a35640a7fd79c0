package dev.runbooks.tester;

import dev.runbooks.api.Channel;
import dev.runbooks.api.DecisionAction;
import dev.runbooks.api.DecisionAnswer;
import dev.runbooks.api.DecisionRequest;
import dev.runbooks.language.Durations;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a case's decisions and signals to its run as the engine does: decisions as updates sealed
 * with the harness's decision key, from the channel {@code api}; signals with their payloads. A
 * decision the run refuses becomes a problem of the case.
 */
final class Decider {
  private final Harness harness;
  private final CaseRun run;

  Decider(Harness harness, CaseRun run) {
    this.harness = harness;
    this.run = run;
  }

  /** Sends every pending "as soon as asked" decision whose step the run now waits on. */
  void answerAsks(String workflowId) {
    while (true) {
      List<String> waiting;
      try {
        waiting = waitingSteps(workflowId);
      } catch (RuntimeException e) {
        return; // the run ended or does not answer queries: nothing asks
      }
      TestFile.DecisionAt ask = run.takeAsk(waiting);
      if (ask == null) {
        return;
      }
      decide(workflowId, ask, ask.step() == null ? waiting.get(0) : ask.step());
    }
  }

  /**
   * Sends a decision that has come due at its time {@code at}: now if its step (or, without one,
   * any approval or ladder) waits, else as soon as the run asks for it, like a decision without
   * {@code at}. So a decision is never sent before the run can take it.
   */
  void decideWhenDue(TestFile.DecisionAt decision) {
    run.addAsk(decision);
    answerAsks(run.workflowId());
  }

  /** Sends a signal at its time. */
  void signal(TestFile.SignalAt signal) {
    WorkflowStub stub = harness.client.newUntypedWorkflowStub(run.workflowId());
    Map<String, Object> payload = new LinkedHashMap<>();
    switch (signal.signal()) {
      case "abort" -> {
        payload.put("by", signal.by());
        payload.put("reason", signal.reason() == null ? "aborted by the test" : signal.reason());
      }
      default -> {
        Map<String, Object> alert = run.testCase().alert();
        payload.put("fingerprint", alert == null ? null : alert.get("fingerprint"));
      }
    }
    try {
      stub.signal(signal.signal(), payload);
    } catch (RuntimeException e) {
      run.problem(
          "signal "
              + signal.signal()
              + " at "
              + Durations.format(signal.at())
              + " was not delivered: the run had ended");
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> waitingSteps(String workflowId) {
    Map<String, Object> status =
        harness
            .client
            .newUntypedWorkflowStub(workflowId)
            .query(RunbookWorkflow.QUERY_STATUS, Map.class);
    List<String> steps = new ArrayList<>();
    Object waits = status.get("waiting");
    if (waits instanceof List<?> list) {
      for (Object w : list) {
        if (w instanceof Map<?, ?> m
            && ("approval".equals(m.get("kind")) || "acknowledgement".equals(m.get("kind")))
            && m.get("step") != null) {
          steps.add(String.valueOf(m.get("step")));
        }
      }
    }
    return steps;
  }

  private void decide(String workflowId, TestFile.DecisionAt d, String step) {
    DecisionAction action = DecisionAction.of(d.action()).orElseThrow();
    DecisionRequest request =
        harness.seal.seal(
            workflowId,
            action,
            new DecisionRequest(d.by(), List.of(), Channel.API, d.comment(), step, null, null));
    String what =
        d.action()
            + (step == null ? "" : " of step '" + step + "'")
            + " by "
            + d.by()
            + (d.at() == null ? "" : " at " + Durations.format(d.at()));
    DecisionAnswer answer;
    try {
      answer =
          harness
              .client
              .newUntypedWorkflowStub(workflowId)
              .update(action.wire(), DecisionAnswer.class, request.toPayload(action));
    } catch (WorkflowUpdateException e) {
      if (e.getCause() instanceof ApplicationFailure failure) {
        run.problem("decision " + what + " was refused: " + failure.getOriginalMessage());
      } else {
        run.problem("decision " + what + " was refused: " + e.getMessage());
      }
      return;
    } catch (RuntimeException e) {
      run.problem("decision " + what + " was not delivered: the run had ended");
      return;
    }
    if (answer != null && answer.result() != DecisionAnswer.Result.ACCEPTED) {
      run.problem(
          "decision "
              + what
              + " was refused ("
              + answer.result().wire()
              + (answer.reason() == null ? "" : ": " + answer.reason())
              + ")");
    }
  }
}
