package dev.runbooks.worker.tracing;

import dev.runbooks.starter.tracing.RunbookTracing;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowClientInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;

/**
 * Temporal's interceptors for OpenTelemetry tracing, written for the engine instead of bridging
 * {@code temporal-opentracing} through the OpenTracing shim: the trace context rides in each call's
 * header ({@link TracerData}); the client makes the start and signal spans ({@link
 * TracingClientInterceptor}); workflow code only copies the header into what it schedules ({@link
 * WorkflowTraceCarrier}), so it makes no span, reads no clock and stays deterministic; each
 * activity is a span with outbound HTTP traced ({@link ActivitySpans}). With tracing off there are
 * no interceptors at all.
 */
public final class TemporalTracing {
  private TemporalTracing() {}

  /** The client's interceptors: none when tracing is off. */
  public static WorkflowClientInterceptor[] clientInterceptors(RunbookTracing tracing) {
    return tracing.enabled()
        ? new WorkflowClientInterceptor[] {new TracingClientInterceptor(tracing)}
        : new WorkflowClientInterceptor[0];
  }

  /** The worker's interceptors: none when tracing is off. */
  public static WorkerInterceptor[] workerInterceptors(RunbookTracing tracing) {
    if (!tracing.enabled()) {
      return new WorkerInterceptor[0];
    }
    return new WorkerInterceptor[] {
      new WorkerInterceptorBase() {
        @Override
        public WorkflowInboundCallsInterceptor interceptWorkflow(
            WorkflowInboundCallsInterceptor next) {
          return new WorkflowTraceCarrier(next);
        }

        @Override
        public ActivityInboundCallsInterceptor interceptActivity(
            ActivityInboundCallsInterceptor next) {
          return new ActivitySpans(next, tracing);
        }
      }
    };
  }
}
