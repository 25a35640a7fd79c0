package dev.runbooks.tester;

import dev.runbooks.workflows.RunbookLockWorkflow;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.unsafe.WorkflowUnsafe;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Delivers the decisions a case sends "as soon as asked": each time a runbook run starts to wait
 * while such a decision is pending, simulated time is held and the {@link Decider} looks at what
 * the run waits for, sends the decisions that fit, and lets time go again. Only the test worker
 * carries it; it issues no workflow command, so runs replay as without it.
 */
final class AskInterceptor extends WorkerInterceptorBase {
  private final Harness harness;

  AskInterceptor(Harness harness) {
    this.harness = harness;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Outbound(outbound));
      }
    };
  }

  private final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public boolean await(Duration timeout, String reason, Supplier<Boolean> unblockCondition) {
      waiting();
      return super.await(timeout, reason, unblockCondition);
    }

    @Override
    public void await(String reason, Supplier<Boolean> unblockCondition) {
      waiting();
      super.await(reason, unblockCondition);
    }

    private void waiting() {
      CaseRun run = harness.current;
      if (run == null
          || !run.hasAsks()
          || WorkflowUnsafe.isReplaying()
          || RunbookLockWorkflow.TYPE.equals(Workflow.getInfo().getWorkflowType())) {
        return;
      }
      String workflowId = Workflow.getInfo().getWorkflowId();
      // Hold simulated time before this workflow task ends, or the server could skip straight to
      // the wait's timeout. The call goes through another thread: workflow threads make no RPCs.
      try {
        harness.executor.submit(harness::lockTime).get(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        return;
      }
      harness.executor.execute(
          () -> {
            try {
              new Decider(harness, run).answerAsks(workflowId);
            } finally {
              harness.unlockTime();
            }
          });
    }
  }
}
