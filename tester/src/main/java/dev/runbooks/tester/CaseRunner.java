package dev.runbooks.tester;

import dev.runbooks.language.Durations;
import dev.runbooks.workflows.RunbookWorkflow;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one case on the shared {@link Harness}: starts the run with the case's inputs and alert,
 * schedules its timed decisions and signals at their simulated times, waits for the report (time
 * skipping meanwhile) and checks the expectations against it.
 */
final class CaseRunner {
  private CaseRunner() {}

  static CaseResult run(
      Harness harness, TestFile file, TestFile.Case c, String label, TestOptions options, int seq) {
    long started = System.nanoTime();
    String workflowId = "runbook-test/" + file.runbook() + "/" + seq;
    CaseRun run = new CaseRun(c, workflowId);
    harness.current = run;
    List<String> failures = new ArrayList<>();
    Map<String, Object> report = null;
    try {
      WorkflowStub stub =
          harness.client.newUntypedWorkflowStub(
              file.runbook(),
              WorkflowOptions.newBuilder()
                  .setTaskQueue(RunbookWorkflow.TASK_QUEUE)
                  .setWorkflowId(workflowId)
                  .build());
      Map<String, Object> context = new LinkedHashMap<>();
      if (c.alert() != null) {
        context.put("alert", c.alert());
      }
      if (c.dryRun()) {
        context.put("dryRun", true);
      }
      harness.lockTime();
      try {
        stub.start(c.inputs(), context);
        Decider decider = new Decider(harness, run);
        for (TestFile.DecisionAt d : c.decisions()) {
          if (d.at() != null) {
            harness.at(d.at(), () -> decider.decideWhenDue(d));
          }
        }
        for (TestFile.SignalAt s : c.signals()) {
          harness.at(s.at(), () -> decider.signal(s));
        }
      } finally {
        harness.unlockTime();
      }
      report = result(stub, options);
    } catch (TimeoutException e) {
      failures.add(
          "the run did not end within "
              + options.caseTimeout().toSeconds()
              + " s of real time (it waits for something the case never sends?)");
      terminate(harness, workflowId);
    } catch (WorkflowException e) {
      failures.add("the run failed to start or crashed: " + rootMessage(e));
    } finally {
      harness.current = null;
    }
    failures.addAll(0, run.problems());
    for (TestFile.DecisionAt ask : run.unsentAsks()) {
      failures.add(
          "decision "
              + ask.action()
              + (ask.step() == null ? "" : " of step '" + ask.step() + "'")
              + (ask.at() == null
                  ? " was never asked for"
                  : " at "
                      + Durations.format(ask.at())
                      + " was never sent: nothing waited for it at or after that time"));
    }
    List<String> path = List.of();
    String outcome = null;
    long simulated = 0;
    if (report != null) {
      RunView view = new RunView(report, run.escalations());
      path = view.path();
      outcome = view.outcome();
      simulated = view.durationMs();
      if (c.expect() != null) {
        failures.addAll(Expectations.check(c.expect(), view));
      }
    }
    return new CaseResult(
        label,
        file.runbook(),
        c.name(),
        c.line(),
        List.copyOf(failures),
        outcome,
        path,
        simulated,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> result(WorkflowStub stub, TestOptions options)
      throws TimeoutException {
    return stub.getResult(options.caseTimeout().toMillis(), TimeUnit.MILLISECONDS, Map.class);
  }

  private static void terminate(Harness harness, String workflowId) {
    try {
      harness.client.newUntypedWorkflowStub(workflowId).terminate("test case timed out");
    } catch (RuntimeException e) {
      // it ended meanwhile
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
