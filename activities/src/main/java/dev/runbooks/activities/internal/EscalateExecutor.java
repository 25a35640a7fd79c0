package dev.runbooks.activities.internal;

import dev.runbooks.activities.AuditLog;
import dev.runbooks.activities.EscalationRoutes;
import dev.runbooks.activities.StepContext;
import dev.runbooks.activities.StepEnvironment;
import dev.runbooks.activities.StepExecutor;
import dev.runbooks.activities.StepFailures;
import dev.runbooks.language.Durations;
import dev.runbooks.language.expr.Json;
import dev.runbooks.language.steps.ActionRequest;
import dev.runbooks.language.steps.EscalateResult;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes {@code escalate} steps: posts one message to PagerDuty (Events API v2), Slack, Microsoft
 * Teams or a generic webhook.
 *
 * <p>Never twice for one escalation: PagerDuty merges events by {@code dedup_key} (the workflow id
 * by default), and for every route the executor records the delivery in the activity's heartbeat
 * details right after the endpoint accepted it; a later attempt of the same activity that finds
 * that record (for the same route and dedup key) returns success without posting again. (A worker
 * that dies between the post and that heartbeat leaves a window in which a chat message can be
 * posted twice; Temporal offers nothing narrower without the endpoint's help.)
 *
 * <p>Secrets (the routing key, a webhook URL given as a reference) are resolved here and never
 * appear in the result, the logs or a failure message: messages name a secret endpoint by its host
 * only, and any response text is scrubbed of secret values.
 *
 * <p>The result is an {@link EscalateResult}: {@code {route, routeName?, action, delivered: true,
 * status, dedupKey, attempt, endpoint, duplicateSuppressed}}. Failures: 429 is {@code
 * EscalationThrottled} (retried after the endpoint's {@code Retry-After}), 5xx and no response are
 * {@code EscalationUnavailable} (retried with the step's backoff), other 4xx are {@code
 * EscalationRejected} (not retried).
 *
 * <p>Requests go through {@link JsonHttp}, which resolves and checks each host with the step's
 * {@link dev.runbooks.activities.Destinations} and connects to the checked address ({@link
 * PinnedHttp}).
 */
final class EscalateExecutor implements StepExecutor {
  static final String DELIVERED = "delivered";
  private static final int EXCERPT = 300;
  private final SecretRefs secrets;
  private final AuditLog audit;
  private final EscalationRoutes routes;
  private final String apiUrl;

  /**
   * An executor over the environment's named routes, recording escalations in its audit log, that
   * resolves {@code env:} references with the environment's variables and links the approve and
   * reject buttons of approval notifications to its API URL.
   *
   * @throws IllegalArgumentException when the API URL is not an absolute http(s) URL
   */
  EscalateExecutor(StepEnvironment env) {
    this.secrets = new SecretRefs(env.environment());
    this.audit = env.audit();
    this.routes = env.routes();
    String apiUrl = env.apiUrl();
    if (JsonHttp.parse(apiUrl) == null) {
      throw new IllegalArgumentException(
          "runbook.api.public-url must be an absolute http:// or https:// URL, got '"
              + apiUrl
              + "'");
    }
    this.apiUrl = apiUrl.strip().replaceAll("/+$", "");
  }

  @Override
  public String type() {
    return "escalate";
  }

  @Override
  public Map<String, Object> execute(ActionRequest request, StepContext ctx) {
    EscalateConfig config =
        EscalateConfig.bind(request.config(), request.runbook(), request.workflowId(), routes)
            .withApprovalLinks(apiUrl, request.workflowId());
    String endpointText = config.url();
    List<String> secretValues = new ArrayList<>();
    if (config.urlRef() != null) {
      endpointText = secrets.resolve("escalate", "url", config.urlRef());
      secretValues.add(endpointText);
    }
    URI endpoint = JsonHttp.parse(endpointText);
    if (endpoint == null) {
      throw StepFailures.invalidConfig(
          "escalate", "url", "does not hold an absolute http:// or https:// URL");
    }
    String shown =
        config.urlRef() != null
            ? endpoint.getScheme() + "://" + endpoint.getHost() + " (" + config.urlRef() + ")"
            : JsonHttp.safe(endpoint);
    Map<String, Object> previous = ctx.previousDetails().orElse(Map.of());
    if (DELIVERED.equals(previous.get("escalation"))
        && config.route().toString().equals(previous.get("route"))
        && config.dedupKey().equals(previous.get("dedupKey"))) {
      return result(config, ctx, previous.get("status"), shown, true);
    }
    String routingKey = null;
    if (config.routingKeyRef() != null) {
      routingKey = secrets.resolve("escalate", "routingKey", config.routingKeyRef());
      secretValues.add(routingKey);
    }
    String body =
        Json.write(
            EscalationMessages.body(
                config,
                request,
                routingKey,
                RunLinks.of(apiUrl, request.runbook(), request.workflowId())));
    String what = config.route() + " " + config.action() + " to " + shown;
    JsonHttp.Response response;
    try {
      response =
          JsonHttp.exchange(
              "POST",
              endpoint,
              Map.of(),
              body,
              config.timeout(),
              ctx,
              what,
              StepFailures.ESCALATION_UNAVAILABLE,
              config.routeName() != null);
    } catch (ApplicationFailure e) {
      throw ApplicationFailure.newBuilder()
          .setMessage(scrub(e.getOriginalMessage(), secretValues))
          .setType(e.getType())
          .setNonRetryable(e.isNonRetryable())
          .build();
    }
    int status = response.status();
    if (status >= 200 && status < 300) {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("escalation", DELIVERED);
      record.put("route", config.route().toString());
      record.put("dedupKey", config.dedupKey());
      record.put("status", (long) status);
      ctx.heartbeat(record);
      Map<String, Object> result = result(config, ctx, (long) status, shown, false);
      Map<String, Object> details = new LinkedHashMap<>(result);
      details.put("severity", config.severity());
      details.put("summary", config.summary());
      audit.append(
          AuditLog.entry(
              request,
              "escalate." + config.action(),
              (config.routeName() == null ? config.route() : config.routeName()) + " " + shown,
              "delivered",
              details));
      return result;
    }
    throw failure(what, response, secretValues);
  }

  private static ApplicationFailure failure(
      String what, JsonHttp.Response response, List<String> secretValues) {
    int status = response.status();
    String message =
        what
            + " answered "
            + status
            + ": "
            + scrub(JsonValues.head(response.text(), EXCERPT), secretValues);
    Map<String, Object> evidence =
        Map.of("status", (long) status, "durationMs", response.durationMs());
    if (status == 429) {
      var builder = ApplicationFailure.newBuilder().setType(StepFailures.ESCALATION_THROTTLED);
      if (response.retryAfter().isPresent()) {
        builder.setNextRetryDelay(response.retryAfter().get());
        message += " (retrying after " + Durations.format(response.retryAfter().get()) + ")";
      }
      return builder.setMessage(message).build();
    }
    if (status >= 500) {
      var builder = ApplicationFailure.newBuilder().setType(StepFailures.ESCALATION_UNAVAILABLE);
      response.retryAfter().ifPresent(builder::setNextRetryDelay);
      return builder.setMessage(message).build();
    }
    return ApplicationFailure.newNonRetryableFailure(
        message, StepFailures.ESCALATION_REJECTED, evidence);
  }

  /** The activity's result: an {@link EscalateResult}, which the workflow reads back. */
  private static Map<String, Object> result(
      EscalateConfig config, StepContext ctx, Object status, String shown, boolean suppressed) {
    return new EscalateResult(
            config.route(),
            config.routeName(),
            EscalateResult.Action.fromYaml(config.action()).orElseThrow(),
            true,
            status instanceof Number n ? n.longValue() : null,
            config.dedupKey(),
            ctx.attempt(),
            shown,
            suppressed)
        .toMap();
  }

  /** The text with every secret value replaced by {@code ***}. */
  static String scrub(String text, List<String> secretValues) {
    String out = text == null ? "" : text;
    for (String secret : secretValues) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }
}
