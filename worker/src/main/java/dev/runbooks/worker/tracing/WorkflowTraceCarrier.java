package dev.runbooks.worker.tracing;

import io.temporal.api.common.v1.Payload;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;

/**
 * The workflow side, which makes no span: workflow code must stay deterministic and replays would
 * emit a span again, so it only carries the trace entry of the start's header ({@link TracerData})
 * into the header of each activity, local activity, child run and continue-as-new it schedules.
 * That entry is in the run's history, so a replay copies exactly the same bytes: no clock, no I/O,
 * no command added or changed. Activities therefore are children of the {@code StartWorkflow} span.
 * A signal's trace entry does not change it: the run stays in the trace of the alert that started
 * it.
 */
final class WorkflowTraceCarrier extends WorkflowInboundCallsInterceptorBase {
  private Payload trace;

  WorkflowTraceCarrier(WorkflowInboundCallsInterceptor next) {
    super(next);
  }

  @Override
  public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
    super.init(new Outbound(outboundCalls));
  }

  @Override
  public WorkflowOutput execute(WorkflowInput input) {
    trace = input.getHeader().getValues().get(TracerData.KEY);
    return super.execute(input);
  }

  private final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              TracerData.copy(input.getHeader(), trace)));
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      return super.executeLocalActivity(
          new LocalActivityInput<>(
              input.getActivityName(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              TracerData.copy(input.getHeader(), trace)));
    }

    @Override
    public <R> ChildWorkflowOutput<R> executeChildWorkflow(ChildWorkflowInput<R> input) {
      return super.executeChildWorkflow(
          new ChildWorkflowInput<>(
              input.getWorkflowId(),
              input.getWorkflowType(),
              input.getResultClass(),
              input.getResultType(),
              input.getArgs(),
              input.getOptions(),
              TracerData.copy(input.getHeader(), trace)));
    }

    @Override
    public void continueAsNew(ContinueAsNewInput input) {
      super.continueAsNew(
          new ContinueAsNewInput(
              input.getWorkflowType(),
              input.getOptions(),
              input.getArgs(),
              TracerData.copy(input.getHeader(), trace)));
    }
  }
}
