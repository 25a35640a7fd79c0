package dev.runbooks.worker.tracing;

import dev.runbooks.starter.tracing.RunbookTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptor;
import io.temporal.common.interceptors.WorkflowClientCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptorBase;
import java.util.function.Function;

/**
 * The client side: starting a run ({@code StartWorkflow:<runbook>}), signalling one ({@code
 * SignalWorkflow:<signal>}) or both ({@code SignalWithStartWorkflow:<runbook>}) is a client span,
 * child of the current span (the dispatcher's {@code dispatch}), whose context goes into the call's
 * header for the worker ({@link TracerData}). Attributes: the workflow type (the runbook's name),
 * the workflow id, and the run id once started.
 */
final class TracingClientInterceptor extends WorkflowClientInterceptorBase {
  private final RunbookTracing tracing;

  TracingClientInterceptor(RunbookTracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public WorkflowClientCallsInterceptor workflowClientCallsInterceptor(
      WorkflowClientCallsInterceptor next) {
    return new WorkflowClientCallsInterceptorBase(next) {
      @Override
      public WorkflowStartOutput start(WorkflowStartInput input) {
        return traced(
            "StartWorkflow:" + input.getWorkflowType(),
            input.getWorkflowType(),
            input.getWorkflowId(),
            header -> super.start(withHeader(input, header)),
            input.getHeader());
      }

      @Override
      public WorkflowSignalWithStartOutput signalWithStart(WorkflowSignalWithStartInput input) {
        WorkflowStartInput start = input.getWorkflowStartInput();
        return traced(
            "SignalWithStartWorkflow:" + start.getWorkflowType(),
            start.getWorkflowType(),
            start.getWorkflowId(),
            header ->
                super.signalWithStart(
                    new WorkflowSignalWithStartInput(
                        withHeader(start, header),
                        input.getSignalName(),
                        input.getSignalArguments())),
            start.getHeader());
      }

      @Override
      public WorkflowSignalOutput signal(WorkflowSignalInput input) {
        return traced(
            "SignalWorkflow:" + input.getSignalName(),
            null,
            input.getWorkflowExecution().getWorkflowId(),
            header ->
                super.signal(
                    new WorkflowSignalInput(
                        input.getWorkflowExecution(),
                        input.getSignalName(),
                        header,
                        input.getArguments())),
            input.getHeader());
      }
    };
  }

  private static WorkflowClientCallsInterceptor.WorkflowStartInput withHeader(
      WorkflowClientCallsInterceptor.WorkflowStartInput input, Header header) {
    return new WorkflowClientCallsInterceptor.WorkflowStartInput(
        input.getWorkflowId(),
        input.getWorkflowType(),
        header,
        input.getArguments(),
        input.getOptions());
  }

  @SuppressWarnings("try") // the scope is only closed
  private <T> T traced(
      String name, String type, String workflowId, Function<Header, T> call, Header header) {
    Context parent = Context.current();
    var builder =
        tracing
            .tracer()
            .spanBuilder(name)
            .setParent(parent)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("temporal.workflow.id", workflowId);
    if (type != null) {
      builder.setAttribute("temporal.workflow.type", type);
    }
    Span span = builder.startSpan();
    Context context = parent.with(span);
    try (Scope scope = context.makeCurrent()) {
      T output = call.apply(TracerData.with(header, tracing.openTelemetry(), context));
      if (output instanceof WorkflowClientCallsInterceptor.WorkflowStartOutput started) {
        span.setAttribute("temporal.run.id", started.getWorkflowExecution().getRunId());
      }
      return output;
    } catch (RuntimeException | Error e) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute("error.type", e.getClass().getName());
      throw e;
    } finally {
      span.end();
    }
  }
}
