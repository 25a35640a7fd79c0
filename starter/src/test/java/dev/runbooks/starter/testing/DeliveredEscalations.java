package dev.runbooks.starter.testing;

import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.language.steps.ActionRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@code escalate} executor for API tests that posts nowhere: it keeps each request and answers
 * as a webhook that accepted it, so runs with escalation ladders and approval notifications work
 * without an endpoint.
 */
public final class DeliveredEscalations implements StepExecutor {
  /** Every request, in order. */
  public static final List<ActionRequest> RECEIVED = new CopyOnWriteArrayList<>();

  @Override
  public String type() {
    return "escalate";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    RECEIVED.add(request);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("route", "webhook");
    result.put("routeName", String.valueOf(request.config().get("route")));
    result.put("action", "trigger");
    result.put("delivered", true);
    result.put("status", 202L);
    result.put("dedupKey", request.workflowId());
    return result;
  }
}
