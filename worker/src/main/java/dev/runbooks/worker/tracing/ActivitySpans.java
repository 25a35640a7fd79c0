package dev.runbooks.worker.tracing;

import dev.runbooks.activities.HttpTracing;
import dev.runbooks.starter.tracing.RunbookTracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;

/**
 * Each activity attempt is a span {@code RunActivity:<type>}, child of the context in its header
 * (the run's {@code StartWorkflow} span), current while it runs, in the log MDC, and with outbound
 * HTTP tracing on ({@link HttpTracing}). Attributes: workflow id, run id, workflow type, activity
 * id and attempt; never the activity's arguments or result.
 */
final class ActivitySpans extends ActivityInboundCallsInterceptorBase {
  private final RunbookTracing tracing;
  private ActivityInfo info;

  ActivitySpans(ActivityInboundCallsInterceptor next, RunbookTracing tracing) {
    super(next);
    this.tracing = tracing;
  }

  @Override
  public void init(ActivityExecutionContext context) {
    info = context.getInfo();
    super.init(context);
  }

  @Override
  public ActivityOutput execute(ActivityInput input) {
    Context parent = TracerData.context(input.getHeader(), tracing.openTelemetry());
    Span span =
        tracing
            .tracer()
            .spanBuilder("RunActivity:" + info.getActivityType())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("temporal.workflow.id", info.getWorkflowId())
            .setAttribute("temporal.run.id", info.getWorkflowRunId())
            .setAttribute("temporal.workflow.type", info.getWorkflowType())
            .setAttribute("temporal.activity.id", info.getActivityId())
            .setAttribute("temporal.activity.attempt", (long) info.getAttempt())
            .startSpan();
    Context context = HttpTracing.enable(parent.with(span), tracing.openTelemetry());
    return RunbookTracing.within(span, context, () -> super.execute(input));
  }
}
